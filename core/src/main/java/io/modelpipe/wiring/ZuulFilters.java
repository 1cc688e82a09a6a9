package io.modelpipe.wiring;

import io.modelpipe.blubber.CompiledDockerfile.LocalRead;
import io.modelpipe.blubber.DockerIgnore;
import io.modelpipe.pipeline.PipelineInputs.BlubberFileInput;
import io.modelpipe.pipeline.PipelineInputs.ConfigEntry;
import io.modelpipe.pipeline.PipelineInputs.ContextReads;
import io.modelpipe.pipeline.PipelineInputs.DirectoryInput;
import io.modelpipe.pipeline.PipelineInputs.DockerIgnoreInput;
import io.modelpipe.pipeline.PipelineInputs.Input;
import io.modelpipe.pipeline.PipelineInputs.RunTimeInput;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Turns what {@code affected} selects a pipeline on ({@link Input}) into Zuul {@code files:}
 * regexes: a changed path matches one of them, with Python's {@code re.match}, exactly when a
 * change to that path alone affects the pipeline. The regexes keep to syntax Java and Python read
 * alike: backslash escapes, {@code [...]}, {@code (?:...)}, {@code (?!...)}, {@code (?=...)},
 * {@code $}.
 *
 * <p>Every regex starts with {@code ^} and a path character that is not {@code /}, so Gerrit's
 * {@code /COMMIT_MSG} never matches: a commit message alone feeds no image.
 */
public final class ZuulFilters {

  private ZuulFilters() {}

  /** The regexes for one pipeline's inputs, in input order, without duplicates. */
  public static List<String> of(List<Input> inputs) {
    Set<String> regexes = new LinkedHashSet<>();
    for (Input input : inputs) {
      if (input instanceof ConfigEntry entry) {
        regexes.add("^" + literal(entry.path()) + "$");
      } else if (input instanceof BlubberFileInput blubber) {
        regexes.add("^" + literal(blubber.path()) + "$");
      } else if (input instanceof DirectoryInput directory) {
        regexes.add("^" + literal(directory.directory()) + "/");
      } else if (input instanceof DockerIgnoreInput ignore) {
        regexes.add("^" + literal(ignore.path()) + "$");
      } else if (input instanceof RunTimeInput) {
        regexes.add("^[^/]");
      } else if (input instanceof ContextReads reads) {
        regexes.addAll(readsOf(reads));
      }
    }
    return List.copyOf(regexes);
  }

  /** Whether a regex matches a path as Zuul's {@code re.match} does: anchored at the start only. */
  public static boolean matches(String regex, String path) {
    return compile(regex).matcher(path).lookingAt();
  }

  /** A Zuul regex for Java; Python's {@code (?P<n>...)} and {@code \Z} read as Java's. */
  public static Pattern compile(String regex) {
    return Pattern.compile(regex.replace("(?P<", "(?<").replace("\\Z", "\\z"));
  }

  private static List<String> readsOf(ContextReads reads) {
    String context = reads.context().equals(".") ? "" : literal(reads.context()) + "/";
    String prefix = "^" + (context.isEmpty() ? "(?!/)" : context);
    List<String> regexes = new ArrayList<>();
    // sources without exclude share one regex: one alternation per build context
    Set<String> plain = new LinkedHashSet<>();
    List<String> plainSources = new ArrayList<>();
    for (LocalRead read : reads.reads()) {
      String source = read.source();
      String excluded = read.exclude().isEmpty() ? "" : "(?!" + ignoredRegex(read.exclude(), List.of(".")) + ")";
      String alternative;
      if (source.equals(".")) {
        alternative = excluded;
      } else if (isGlob(source)) {
        alternative = excluded + "(?:" + DockerIgnore.regexOf(source) + ")(?:/.*)?$";
      } else if (read.exclude().isEmpty()) {
        // the file itself, or anything below the directory
        alternative = literal(source) + "(?:$|/)";
      } else {
        String base = source.substring(source.lastIndexOf('/') + 1);
        alternative = read.exclude().ignores(base)
            ? literal(source) + "/" + excluded
            : "(?:" + literal(source) + "$|" + literal(source) + "/" + excluded + ")";
      }
      if (read.exclude().isEmpty()) {
        plain.add(alternative);
        plainSources.add(source);
      } else {
        regexes.add(prefix + ignored(reads.ignore(), List.of(source)) + alternative);
      }
    }
    String start = prefix + ignored(reads.ignore(), plainSources);
    if (plain.contains("")) {
      regexes.add(0, start);
    } else if (plain.size() == 1) {
      regexes.add(0, start + plain.iterator().next());
    } else if (!plain.isEmpty()) {
      regexes.add(0, start + "(?:" + String.join("|", plain) + ")");
    }
    return regexes;
  }

  /** {@code (?!...)} leaving out what the context's ignore rules leave out below {@code sources}; empty when nothing. */
  private static String ignored(DockerIgnore ignore, List<String> sources) {
    String regex = ignoredRegex(ignore, sources);
    return regex.equals("(?!)") ? "" : "(?!" + regex + ")";
  }

  /**
   * A regex matching, at the current position, a path that the rules ignore: the last rule that
   * matches the path or one of its parents is not an exception.
   */
  static String ignoredRegex(DockerIgnore rules, List<String> sources) {
    // a rule whose first path segment is a plain name matches only below that name: rules for
    // other top-level names cannot change what these sources read, and stay out of the regex
    List<String> patterns = rules.patterns().stream()
        .filter(pattern -> relevant(pattern.startsWith("!") ? pattern.substring(1) : pattern, sources)).toList();
    List<String> alternatives = new ArrayList<>();
    for (int i = 0; i < patterns.size(); i++) {
      if (patterns.get(i).startsWith("!")) {
        continue;
      }
      StringBuilder exceptions = new StringBuilder();
      for (int j = i + 1; j < patterns.size(); j++) {
        if (patterns.get(j).startsWith("!")) {
          exceptions.append("(?!").append(covers(patterns.get(j).substring(1))).append(")");
        }
      }
      alternatives.add(exceptions.length() == 0 ? covers(patterns.get(i))
          : "(?=" + covers(patterns.get(i)) + ")" + exceptions);
    }
    return alternatives.isEmpty() ? "(?!)" : "(?:" + String.join("|", alternatives) + ")";
  }

  private static boolean relevant(String pattern, List<String> sources) {
    String first = pattern.contains("/") ? pattern.substring(0, pattern.indexOf('/')) : pattern;
    if (isGlob(first) || first.contains("\\")) {
      return true;
    }
    for (String source : sources) {
      String sourceFirst = source.contains("/") ? source.substring(0, source.indexOf('/')) : source;
      if (source.equals(".") || isGlob(sourceFirst) || sourceFirst.equals(first)) {
        return true;
      }
    }
    return false;
  }

  /** The pattern matches the whole path or one of its parent directories. */
  private static String covers(String pattern) {
    String regex = DockerIgnore.regexOf(pattern);
    return (regex.contains("|") ? "(?:" + regex + ")" : regex) + "(?:/.*)?$";
  }

  private static boolean isGlob(String path) {
    return path.contains("*") || path.contains("?") || path.contains("[");
  }

  static String literal(String text) {
    StringBuilder regex = new StringBuilder();
    for (char c : text.toCharArray()) {
      regex.append(DockerIgnore.literal(c));
    }
    return regex.toString();
  }
}
