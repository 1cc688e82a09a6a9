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
    List<String> lines = clean.lines().toList();
    return lines;
  }
}
