package io.modelpipe.lint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The result of linting one project.
 *
 * @param root the project directory
 * @param where where the commands ran ({@code agent}, {@code agent, through tox})
 * @param envs every env run, in the order asked
 * @param duration wall time
 */
public record LintResult(Path root, String where, List<EnvResult> envs, Duration duration) {

  public LintResult {
    envs = List.copyOf(envs);
  }

  public boolean passed() {
    return envs.stream().allMatch(EnvResult::passed);
  }

  /** Every finding of every env, in env order. */
  public List<Finding> findings() {
    return envs.stream().flatMap(e -> e.findings().stream()).toList();
  }

  /** Findings by file (sorted by path; within a file by line), for reports grouped by file. */
  public Map<String, List<Finding>> findingsByFile() {
    Map<String, List<Finding>> byFile = new TreeMap<>();
    findings().stream().sorted(Finding.IN_FILE_ORDER)
        .forEach(f -> byFile.computeIfAbsent(f.file(), k -> new java.util.ArrayList<>()).add(f));
    return byFile;
  }
}
