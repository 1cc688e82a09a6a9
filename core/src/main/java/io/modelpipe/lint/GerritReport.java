package io.modelpipe.lint;

import java.util.List;

/**
 * A short text block for the review message on the Gerrit change: a headline, then at most {@link
 * #MAX_LINES} findings (indented, so Gerrit shows them preformatted) and how many more there are.
 */
public final class GerritReport {

  public static final int MAX_LINES = 20;

  private GerritReport() {}

  public static String text(LintResult result) {
    StringBuilder text = new StringBuilder();
    List<Finding> findings = result.findings().stream().sorted(Finding.IN_FILE_ORDER).toList();
    if (result.passed()) {
      text.append("Lint passed (").append(String.join(", ", result.envs().stream().map(EnvResult::name).toList()))
          .append(").\n");
      return text.toString();
    }
    text.append("Lint failed: ");
    List<String> parts = result.envs().stream().filter(e -> !e.passed()).map(e -> e.name() + " " + e.failure()).toList();
    text.append(String.join("; ", parts)).append(".\n");
    if (!findings.isEmpty()) {
      text.append('\n');
      findings.stream().limit(MAX_LINES).forEach(f -> text.append("  ").append(f.format()).append('\n'));
      if (findings.size() > MAX_LINES) {
        text.append("  ... and ").append(findings.size() - MAX_LINES).append(" more\n");
      }
    }
    return text.toString();
  }
}
