package io.modelpipe.lint;

import io.modelpipe.FindingText;
import java.util.Comparator;
import java.util.Objects;

/**
 * One problem a lint tool reported.
 *
 * @param tool the tool that reported it: {@code flake8}, {@code black}, {@code pycodestyle},
 *     {@code pyflakes}, {@code ruff}
 * @param file the file, relative to the project directory with {@code /} separators (as the tool
 *     printed it when it lies outside); empty when the tool named none
 * @param line 1-based line, or 0 when the tool gave none (black without {@code --diff})
 * @param column 1-based column, or 0 when the tool gave none
 * @param code the rule ({@code F401}), or empty ({@code black}, pyflakes)
 * @param message the tool's message
 * @param severity how bad it is
 * @param detail extra lines the tool printed for it (a diff hunk, the source line and caret), or
 *     empty
 */
public record Finding(
    String tool, String file, int line, int column, String code, String message, Severity severity, String detail) {

  /** This finding with one more line of detail (a source or caret line the tool printed after it). */
  public Finding withDetailLine(String text) {
    return new Finding(tool, file, line, column, code, message, severity, detail.isEmpty() ? text : detail + "\n" + text);
  }

  /** By file, then line, column, tool and code. */
  public static final Comparator<Finding> IN_FILE_ORDER = Comparator.comparing(Finding::file)
      .thenComparingInt(Finding::line)
      .thenComparingInt(Finding::column)
      .thenComparing(Finding::tool)
      .thenComparing(Finding::code);

  public Finding {
    Objects.requireNonNull(tool, "tool");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(severity, "severity");
    Objects.requireNonNull(detail, "detail");
    if (line < 0 || column < 0) {
      throw new IllegalArgumentException("line and column must not be negative");
    }
  }

  /** {@code file:line:col: CODE message}, the shape editors and CI logs recognise. */
  public String format() {
    return FindingText.format(tool, file, line, column, code, message);
  }
}
