package io.modelpipe.result;

import io.modelpipe.FindingText;
import java.util.Comparator;
import java.util.Objects;

/**
 * One lint finding of a stage, as the result keeps it: what the review's inline comments are made
 * of, and what a rerun compares.
 *
 * @param tool the tool that reported it ({@code flake8}, {@code black}, ...)
 * @param file the file, relative to the repository with {@code /} separators; as the tool printed
 *     it when it could not be mapped to the repository (an absolute path inside an image)
 * @param line 1-based line, or 0 when the tool named none
 * @param column 1-based column, or 0 when the tool named none
 * @param code the rule ({@code F401}), or empty
 * @param message the tool's message
 * @param detail extra lines the tool printed for it (black's diff hunk), or empty
 */
public record LintFinding(String tool, String file, int line, int column, String code, String message, String detail) {

  /** By file, then line, column, tool and code. */
  public static final Comparator<LintFinding> IN_FILE_ORDER = Comparator.comparing(LintFinding::file)
      .thenComparingInt(LintFinding::line)
      .thenComparingInt(LintFinding::column)
      .thenComparing(LintFinding::tool)
      .thenComparing(LintFinding::code);

  public LintFinding {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(detail, "detail");
    if (tool.isEmpty()) {
      throw new IllegalArgumentException("a finding names its tool");
    }
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must not be negative");
    }
  }

  /** {@code file:line:col: CODE message [tool]}. */
  public String format() {
    return FindingText.format(tool, file, line, column, code, message);
  }
}
