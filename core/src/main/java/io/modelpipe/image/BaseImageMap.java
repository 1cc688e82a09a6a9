package io.modelpipe.image;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Substitutes base images: each {@code FROM} line of a Dockerfile whose image reference equals a
 * key exactly (same registry, path and tag or digest; no normalisation, so {@code bookworm} does not
 * match {@code bookworm:latest}) is rewritten to the mapped reference. Stage names, flags such as
 * {@code --platform} and {@code AS name} are kept. Used where the images a Blubber file names are
 * not reachable, e.g. to build on a local copy of a base image.
 */
public record BaseImageMap(Map<String, String> substitutions) {

  /** Substitutes nothing. */
  public static final BaseImageMap NONE = new BaseImageMap(Map.of());

  private static final Pattern FROM = Pattern.compile("(?im)^(\\s*FROM\\s+(?:--\\S+\\s+)*)(\\S+)(.*)$");

  public BaseImageMap {
    Map<String, String> copy = new LinkedHashMap<>();
    substitutions.forEach((from, to) -> {
      if (from == null || from.isBlank() || to == null || to.isBlank() || from.contains(" ") || to.contains(" ")) {
        throw new IllegalArgumentException("a base-image mapping needs two image references, not '" + from + "=" + to + "'");
      }
      copy.put(from, to);
    });
    substitutions = java.util.Collections.unmodifiableMap(copy);
  }

  /**
   * Mappings written {@code FROM=TO}, e.g. {@code docker-registry.wikimedia.org/bookworm:20240609=local/bookworm:latest}.
   *
   * @throws IllegalArgumentException for an entry without {@code =} or with an empty side
   */
  public static BaseImageMap parse(List<String> entries) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String entry : entries) {
      int eq = entry.indexOf('=');
      if (eq <= 0 || eq == entry.length() - 1) {
        throw new IllegalArgumentException("base-image mapping '" + entry + "' is not of the form FROM=TO");
      }
      map.put(entry.substring(0, eq).strip(), entry.substring(eq + 1).strip());
    }
    return new BaseImageMap(map);
  }

  public boolean isEmpty() {
    return substitutions.isEmpty();
  }

  /** The Dockerfile with its {@code FROM} lines' base images substituted. */
  public String apply(String dockerfile) {
    if (substitutions.isEmpty()) {
      return dockerfile;
    }
    Matcher matcher = FROM.matcher(dockerfile);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String image = matcher.group(2);
      String replacement = substitutions.getOrDefault(image, image);
      matcher.appendReplacement(out, Matcher.quoteReplacement(matcher.group(1) + replacement + matcher.group(3)));
    }
    matcher.appendTail(out);
    return out.toString();
  }

  /** The entries as written on the command line, {@code FROM=TO}. */
  public List<String> entries() {
    return substitutions.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
  }
}
