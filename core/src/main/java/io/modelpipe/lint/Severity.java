package io.modelpipe.lint;

import java.util.Locale;

/** How bad a finding is, in the three levels Jenkins' Warnings NG and checkstyle know. */
public enum Severity {
  /** The code cannot work as written: syntax errors, undefined names, files a tool cannot parse. */
  ERROR,
  /** Style and likely mistakes: most flake8 codes, a file black would reformat. */
  WARNING,
  /** Advice: complexity ({@code C9}). */
  INFO;

  /** Lower-case name, as checkstyle XML and JSON spell it. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The severity of a flake8/pycodestyle/pyflakes/ruff code. */
  public static Severity ofCode(String code) {
    if (code.startsWith("E9") || code.startsWith("F63") || code.startsWith("F7") || code.startsWith("F82")) {
      return ERROR;
    }
    if (code.startsWith("C9")) {
      return INFO;
    }
    return WARNING;
  }
}
