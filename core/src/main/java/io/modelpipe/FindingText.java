package io.modelpipe;

/**
 * The one text form of a lint finding, wherever modelpipe prints one (lint reports, the run result,
 * the review's left-out list): {@code file:line:col: CODE message [tool]}, the shape editors and CI
 * logs recognise. Both the lint package's findings and the result's keep their own record; this is
 * what they share.
 */
public final class FindingText {

  private FindingText() {}

  /** {@code file:line:col: CODE message [tool]}; {@code -} for no file, no line or column when 0, no code when empty. */
  public static String format(String tool, String file, int line, int column, String code, String message) {
    StringBuilder text = new StringBuilder(file.isEmpty() ? "-" : file);
    if (line > 0) {
      text.append(':').append(line);
      if (column > 0) {
        text.append(':').append(column);
      }
    }
    text.append(": ");
    if (!code.isEmpty()) {
      text.append(code).append(' ');
    }
    return text.append(message).append(" [").append(tool).append(']').toString();
  }
}
