package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * One published image reference, {@code HOST[:PORT][/NAMESPACE]/NAME:TAG}, checked against
 * Docker's reference grammar (distribution's {@code reference} package).
 *
 * @param registry where it is published
 * @param name the image name, one or more path components ({@code outlink}, {@code team/outlink})
 * @param tag the tag
 */
public record ImageReference(RegistryAddress registry, String name, String tag) {

  private static final Pattern PATH_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  /** Docker's limit on the whole repository name, registry host included. */
  private static final int MAX_REPOSITORY = 255;

  static final String NAME_RULE =
      "path components of lowercase letters and digits, separated inside by '.', '_', '__' or dashes,"
          + " joined by '/'";
  static final String TAG_RULE =
      "a tag has 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'";

  public ImageReference {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tag, "tag");
    List<Diagnostic> problems = new ArrayList<>();
    nameProblem(registry, name).ifPresent(p -> problems.add(new Diagnostic(RegistryAddress.SOURCE, "name", p)));
    tagProblem(tag).ifPresent(p -> problems.add(new Diagnostic(RegistryAddress.SOURCE, "tag", p)));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  /** {@code HOST[:PORT][/NAMESPACE]/NAME}. */
  public String repository() {
    return registry.repository(name);
  }

  /** The repository path the registry API uses: {@code [NAMESPACE/]NAME}. */
  public String path() {
    return registry.path(name);
  }

  /** {@code REPOSITORY@DIGEST}, the immutable form. */
  public String withDigest(String digest) {
    return repository() + "@" + digest;
  }

  @Override
  public String toString() {
    return repository() + ":" + tag;
  }

  static boolean isValidPathComponent(String component) {
    return PATH_COMPONENT.matcher(component).matches();
  }

  static Optional<String> nameProblem(RegistryAddress registry, String name) {
    boolean valid = !name.isEmpty();
    for (String component : name.split("/", -1)) {
      valid &= isValidPathComponent(component);
    }
    if (!valid) {
      return Optional.of("'" + name + "' is not a valid image name: " + NAME_RULE);
    }
    if (registry.repository(name).length() > MAX_REPOSITORY) {
      return Optional.of("'" + registry.repository(name) + "' is longer than Docker's "
          + MAX_REPOSITORY + " characters");
    }
    return Optional.empty();
  }

  static Optional<String> tagProblem(String tag) {
    return TAG.matcher(tag).matches()
        ? Optional.empty()
        : Optional.of("'" + tag + "' is not a valid image tag: " + TAG_RULE);
  }
}
