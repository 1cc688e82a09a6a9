package io.modelpipe.blubber;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Docker's ignore patterns, as in {@code .dockerignore} and in Blubber's {@code exclude}: Go
 * {@code filepath.Match} globs plus {@code **} for any number of directories, {@code !} for
 * exceptions, the last matching pattern winning. A pattern that matches a directory also matches
 * everything below it.
 */
public final class DockerIgnore {

  /** Ignores nothing. */
  public static final DockerIgnore NONE = new DockerIgnore(List.of());

  private record Rule(String pattern, Pattern regex, boolean exception) {}

  private final List<Rule> rules;

  private DockerIgnore(List<Rule> rules) {
    this.rules = List.copyOf(rules);
  }

  /** Patterns as written, e.g. from {@code exclude}. */
  public static DockerIgnore of(List<String> patterns) {
    List<Rule> rules = new ArrayList<>();
    for (String raw : patterns) {
      String pattern = raw.strip();
      if (pattern.isEmpty() || pattern.startsWith("#")) {
        continue;
      }
      boolean exception = pattern.startsWith("!");
      if (exception) {
        pattern = pattern.substring(1).strip();
      }
      pattern = VariantPaths.clean(pattern);
      while (pattern.startsWith("/")) {
        pattern = pattern.substring(1);
      }
      if (pattern.isEmpty()) {
        continue;
      }
      rules.add(new Rule(pattern, Pattern.compile(toRegex(pattern)), exception));
    }
    return new DockerIgnore(rules);
  }

  /** The text of a {@code .dockerignore} file. */
  public static DockerIgnore parse(String text) {
    return of(List.of(text.split("\\R")));
  }

  /** The {@code .dockerignore} of a build context; {@link #NONE} when it has none. */
  public static DockerIgnore read(Path contextDirectory) {
    try {
      return parse(Files.readString(contextDirectory.resolve(".dockerignore"), StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return NONE;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isEmpty() {
    return rules.isEmpty();
  }

  /** The patterns, cleaned; exceptions keep their {@code !}. */
  public List<String> patterns() {
    return rules.stream().map(r -> (r.exception() ? "!" : "") + r.pattern()).toList();
  }

  /** True when {@code path} (relative, with {@code /}) is ignored. */
  public boolean ignores(String path) {
    String cleaned = VariantPaths.clean(path);
    boolean ignored = false;
    for (Rule rule : rules) {
      if (matchesOrParentMatches(rule.regex(), cleaned)) {
        ignored = !rule.exception();
      }
    }
    return ignored;
  }

  private static boolean matchesOrParentMatches(Pattern regex, String path) {
    String candidate = path;
    while (true) {
      if (regex.matcher(candidate).matches()) {
        return true;
      }
      int cut = candidate.lastIndexOf('/');
      if (cut <= 0) {
        return false;
      }
      candidate = candidate.substring(0, cut);
    }
  }

  /** True when a glob matches {@code path} or one of its parent directories. */
  static boolean globCovers(String glob, String path) {
    return matchesOrParentMatches(Pattern.compile(toRegex(glob)), VariantPaths.clean(path));
  }

  static boolean isGlob(String path) {
    return path.contains("*") || path.contains("?") || path.contains("[");
  }

  /**
   * The regular expression one pattern (cleaned, without {@code !}) compiles to, matching a whole
   * path. It keeps to the syntax Java's and Python's {@code re} read alike (backslash escapes,
   * {@code [...]}, {@code (?:...)}), so that Zuul filters can be made of it.
   */
  public static String regexOf(String pattern) {
    return toRegex(pattern);
  }

  /** {@code c} as a regular expression matching itself, in the syntax Java and Python share. */
  public static String literal(char c) {
    return "\\.^$*+?()[]{}|".indexOf(c) >= 0 ? "\\" + c : String.valueOf(c);
  }

  static String toRegex(String pattern) {
    StringBuilder regex = new StringBuilder();
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '*') {
        if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '*') {
          i++;
          if (i + 1 < pattern.length() && pattern.charAt(i + 1) == '/') {
            i++;
            regex.append("(?:.*/)?");
          } else {
            regex.append(".*");
          }
        } else {
          regex.append("[^/]*");
        }
      } else if (c == '?') {
        regex.append("[^/]");
      } else if (c == '[') {
        int end = pattern.indexOf(']', i + 1);
        if (end < 0) {
          regex.append("\\[");
        } else {
          String set = pattern.substring(i + 1, end);
          regex.append('[').append(set.startsWith("^") ? "^" + set.substring(1).replace("\\", "\\\\") : set.replace("\\", "\\\\")).append(']');
          i = end;
        }
      } else if (c == '\\' && i + 1 < pattern.length()) {
        regex.append(literal(pattern.charAt(++i)));
      } else {
        regex.append(literal(c));
      }
    }
    return regex.toString();
  }
}
