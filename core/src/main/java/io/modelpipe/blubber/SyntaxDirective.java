package io.modelpipe.blubber;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the {@code # syntax=<image>:<tag>} parser directive that selects Blubber's BuildKit
 * frontend. As for Dockerfiles, it counts only among the comment lines at the top of the file.
 */
final class SyntaxDirective {

  private static final Pattern DIRECTIVE = Pattern.compile("#\\s*syntax\\s*=\\s*(\\S+)\\s*", Pattern.CASE_INSENSITIVE);

  private SyntaxDirective() {}

  /** The tag of the frontend image, e.g. {@code v0.21.1}; empty without a directive or a tag. */
  static Optional<String> version(String text) {
    for (String line : text.split("\\R", -1)) {
      String trimmed = line.strip();
      if (trimmed.isEmpty()) {
        continue;
      }
      if (!trimmed.startsWith("#")) {
        return Optional.empty();
      }
      Matcher m = DIRECTIVE.matcher(trimmed);
      if (m.matches()) {
        return tagOf(m.group(1));
      }
    }
    return Optional.empty();
  }

  private static Optional<String> tagOf(String image) {
    String name = image.contains("@") ? image.substring(0, image.indexOf('@')) : image;
    int colon = name.lastIndexOf(':');
    if (colon < 0 || colon < name.lastIndexOf('/')) {
      return Optional.empty();
    }
    return Optional.of(name.substring(colon + 1));
  }
}
