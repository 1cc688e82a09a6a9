package io.modelpipe.pipeline;

import io.modelpipe.lint.BlackParser;
import io.modelpipe.lint.Finding;
import io.modelpipe.lint.Flake8Parser;
import io.modelpipe.lint.ImagePaths;
import io.modelpipe.lint.ToolPaths;
import io.modelpipe.result.LintFinding;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What a run step's container printed: the last {@code tail} lines (PipelineLib's
 * {@code ${.output}}) and the lint findings in it, counted with the lint parsers. A test variant
 * runs tox, whose flake8 and black output is recognisable line by line.
 */
final class RunOutput {

  /** Output kept for counting findings: a test run prints far less; beyond it, lines are dropped. */
  private static final int MAX_LINES = 20_000;
  private static final Pattern LINT_TOOL = Pattern.compile("(?m)^\\s*(\\S*/)?(flake8|black)\\b|would reformat|^\\S+:\\d+:\\d+: [A-Z]+\\d+ ");

  private final int tail;
  private final Deque<String> last = new ArrayDeque<>();
  private final StringBuilder all = new StringBuilder();
  private int lines;

  RunOutput(int tail) {
    this.tail = Math.max(0, tail);
  }

  synchronized void add(String line) {
    if (tail > 0) {
      last.addLast(line);
      if (last.size() > tail) {
        last.removeFirst();
      }
    }
    if (lines++ < MAX_LINES) {
      all.append(line).append('\n');
    }
  }

  /** The last lines, joined by newlines. */
  synchronized String tail() {
    return String.join("\n", last);
  }

  /** flake8 and black findings in the output; empty when it shows neither tool ran. */
  synchronized OptionalInt lintFindings() {
    return findings(Optional.empty()).map(f -> OptionalInt.of(f.size())).orElse(OptionalInt.empty());
  }

  /**
   * flake8 and black findings in the output (black's {@code --diff} hunks one finding each), with
   * their paths mapped to the repository through {@code image} when the stage built the image it
   * ran, else as printed; empty when the output shows neither tool ran.
   */
  synchronized Optional<List<LintFinding>> findings(Optional<ImagePaths> image) {
    String text = all.toString();
    if (!LINT_TOOL.matcher(text).find()) {
      return Optional.empty();
    }
    ToolPaths paths = image.map(ImagePaths::toolPaths).orElse(new ToolPaths(Path.of("/"), Path.of("/")));
    List<Finding> parsed = new ArrayList<>(
        new Flake8Parser("flake8", "default", false, false, false).parse(text, "", paths).findings());
    // the container's output is both streams in one: black's diff (stdout) and its verdicts (stderr)
    parsed.addAll(new BlackParser().parse(text, "", paths).findings());
    List<LintFinding> findings = new ArrayList<>();
    for (Finding f : parsed) {
      String file = image.map(i -> i.toRepository(f.file())).orElse(f.file());
      findings.add(new LintFinding(f.tool(), file, f.line(), f.column(), f.code(), f.message(), f.detail()));
    }
    return Optional.of(findings);
  }
}
