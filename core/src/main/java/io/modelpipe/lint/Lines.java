package io.modelpipe.lint;

import java.util.List;
import java.util.regex.Pattern;

/** Output text as lines, without terminal colour codes. */
final class Lines {

  private static final Pattern ANSI = Pattern.compile("\u001B\\[[0-9;?]*[A-Za-z]");

  private Lines() {}

  static List<String> of(String text) {
    if (text == null || text.isEmpty()) {
      return List.of();
    }
    String clean = text.indexOf('\u001B') >= 0 ? ANSI.matcher(text).replaceAll("") : text;
    return clean.lines().toList();
  }

  /** Standard output's lines, then standard error's. */
  static List<String> of(String stdout, String stderr) {
    List<String> all = new java.util.ArrayList<>(of(stdout));
    all.addAll(of(stderr));
    return all;
  }
}
