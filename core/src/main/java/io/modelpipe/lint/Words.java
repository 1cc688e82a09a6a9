package io.modelpipe.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/** Splitting command lines into words as POSIX shells (and Python's {@code shlex}) do, and back. */
final class Words {

  private static final Pattern SAFE = Pattern.compile("[\\w@%+=:,./-]+");

  private Words() {}

  /**
   * One word of a tox command line before substitution.
   *
   * @param text the word with quotes removed; {@code \{} and {@code \}} stay escaped for the
   *     substitution step, which unescapes them
   * @param bare the word had no quotes at all (only a bare {@code {posargs}} expands to many words)
   */
  record Word(String text, boolean bare) {}

  /**
   * Splits a command line into words: whitespace separates words outside quotes and outside
   * {@code {...}} substitutions; single quotes keep everything; double quotes keep everything but
   * backslash escapes of {@code " \ $ `}; an unquoted backslash escapes the next character.
   *
   * @throws IllegalArgumentException with a message for users when a quote is not closed
   */
  static List<Word> split(String line) {
    List<Word> words = new ArrayList<>();
    StringBuilder word = null;
    boolean bare = true;
    int depth = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (Character.isWhitespace(c) && depth == 0) {
        if (word != null) {
          words.add(new Word(word.toString(), bare));
          word = null;
        }
        continue;
      }
      if (word == null) {
        word = new StringBuilder();
        bare = true;
      }
      if (c == '\'') {
        bare = false;
        int end = line.indexOf('\'', i + 1);
        if (end < 0) {
          throw new IllegalArgumentException("no closing quotation (')");
        }
        word.append(line, i + 1, end);
        i = end;
      } else if (c == '"') {
        bare = false;
        int j = i + 1;
        for (; j < line.length() && line.charAt(j) != '"'; j++) {
          char d = line.charAt(j);
          if (d == '\\' && j + 1 < line.length() && "\"\\$`".indexOf(line.charAt(j + 1)) >= 0) {
            word.append(line.charAt(++j));
          } else {
            word.append(d);
          }
        }
        if (j >= line.length()) {
          throw new IllegalArgumentException("no closing quotation (\")");
        }
        i = j;
      } else if (c == '\\' && i + 1 < line.length()) {
        char next = line.charAt(++i);
        if (next == '{' || next == '}') {
          word.append('\\');
        }
        word.append(next);
      } else {
        if (c == '{') {
          depth++;
        } else if (c == '}' && depth > 0) {
          depth--;
        }
        word.append(c);
      }
    }
    if (word != null) {
      words.add(new Word(word.toString(), bare));
    }
    return words;
  }

  /** Words split on whitespace with quotes honoured, no substitutions (for posargs defaults). */
  static List<String> splitPlain(String text) {
    return split(text.replace("{", "\\{").replace("}", "\\}")).stream()
        .map(w -> w.text().replace("\\{", "{").replace("\\}", "}"))
        .toList();
  }

  /** Joins words so a shell would split them back the same way. */
  static String join(List<String> words) {
    StringBuilder joined = new StringBuilder();
    for (String word : words) {
      if (joined.length() > 0) {
        joined.append(' ');
      }
      joined.append(SAFE.matcher(word).matches() ? word : "'" + word.replace("'", "'\"'\"'") + "'");
    }
    return joined.toString();
  }
}
