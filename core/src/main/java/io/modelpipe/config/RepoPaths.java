package io.modelpipe.config;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Optional;
import java.util.regex.Pattern;

/** Repo-relative paths as the config writes them; the repository root is {@code .}. */
final class RepoPaths {

  private static final Pattern URL = Pattern.compile("^[A-Za-z][A-Za-z0-9+.-]*://.*");

  private RepoPaths() {}

  /**
   * Resolves a relative path against a base directory, both repo-relative; empty when the result
   * would leave the repository.
   */
  static Optional<String> resolve(String base, String relative) {
    Deque<String> parts = new ArrayDeque<>();
    for (String segment : (base + "/" + relative).split("/")) {
      if (segment.isEmpty() || segment.equals(".")) {
        continue;
      }
      if (segment.equals("..")) {
        if (parts.isEmpty()) {
          return Optional.empty();
        }
        parts.removeLast();
      } else {
        parts.addLast(segment);
      }
    }
    return Optional.of(parts.isEmpty() ? "." : String.join("/", parts));
  }

  /**
   * Resolves a path written in the config; when it is absolute or leaves the repository, reports
   * it and returns empty.
   *
   * @param absoluteRule the rule an absolute path breaks, e.g. {@code directory is relative to the
   *     repository root}
   * @param outsideRule the rule, in parentheses, a path leaving the repository breaks
   */
  static Optional<String> resolveWritten(
      String base, String written, String keyPath, String absoluteRule, String outsideRule,
      ConfigProblems problems) {
    if (written.startsWith("/")) {
      problems.add(keyPath, "'" + written + "' is an absolute path; " + absoluteRule);
      return Optional.empty();
    }
    Optional<String> resolved = resolve(base, written);
    if (resolved.isEmpty()) {
      problems.add(keyPath, "'" + written + "' is outside the repository (" + outsideRule + ")");
    }
    return resolved;
  }

  static boolean isUrl(String text) {
    return URL.matcher(text).matches();
  }
}
