package io.modelpipe.config;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How published image names and tags are normalised and checked: lowercased, {@code /} becomes
 * {@code -} (as PipelineLib turns the project {@code a/b} into {@code a-b}); tags must then follow
 * Docker's rule {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}, names Docker's path-component rule.
 */
public final class ImageNaming {

  private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
  private static final Pattern NAME_COMPONENT = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final int MAX_NAME = 255;

  private ImageNaming() {}

  /** Lowercases and turns {@code /} into {@code -}. */
  public static String normalize(String text) {
    return text.toLowerCase(Locale.ROOT).replace('/', '-');
  }

  /** The rule tags must follow, as shown in messages. */
  public static final String TAG_RULE =
      "a tag has 1 to 128 letters, digits, '_', '.' or '-' and does not start with '.' or '-'";

  /** The rule names must follow, as shown in messages. */
  public static final String NAME_RULE =
      "a name has lowercase letters and digits, separated by '.', '_', '__' or dashes";

  public static boolean isValidTag(String normalizedTag) {
    return TAG.matcher(normalizedTag).matches();
  }

  public static boolean isValidName(String normalizedName) {
    return normalizedName.length() <= MAX_NAME && NAME_COMPONENT.matcher(normalizedName).matches();
  }

  /**
   * Why a written tag or name is invalid once normalised, e.g. {@code 'Bad Tag!' is not a valid
   * image tag (normalised: 'bad tag!'): a tag has ...}; empty when it is valid.
   *
   * @param written the value before normalisation
   * @param tag true for a tag, false for a name
   */
  public static Optional<String> problem(String written, boolean tag) {
    String normalized = normalize(written);
    boolean valid = tag ? isValidTag(normalized) : isValidName(normalized);
    if (valid) {
      return Optional.empty();
    }
    String what = tag ? "image tag" : "image name";
    String shown = normalized.equals(written) ? "" : " (normalised: '" + normalized + "')";
    return Optional.of(
        "'" + written + "' is not a valid " + what + shown + ": " + (tag ? TAG_RULE : NAME_RULE));
  }

  /**
   * PipelineLib's rule (since 2022) for a published image name: once normalised, it must equal
   * the normalised full or short project name, or start with one of them followed by {@code -}.
   *
   * @param normalizedName the resolved, normalised name
   * @param project {@code ${setup.project}}
   * @param projectShortName {@code ${setup.projectShortName}}
   * @return why the name is refused; empty when it is allowed
   */
  public static Optional<String> projectPrefixProblem(String normalizedName, String project, String projectShortName) {
    String full = normalize(project);
    String shortName = normalize(projectShortName);
    for (String allowed : new String[] {full, shortName}) {
      if (!allowed.isEmpty() && (normalizedName.equals(allowed) || normalizedName.startsWith(allowed + "-"))) {
        return Optional.empty();
      }
    }
    String allowed = full.equals(shortName) || shortName.isEmpty()
        ? "'" + full + "' or '" + full + "-*'"
        : "'" + full + "', '" + full + "-*', '" + shortName + "' or '" + shortName + "-*'";
    return Optional.of("PipelineLib publishes an image only under the project's full or short name, or a name"
        + " starting with one of them and '-': " + allowed);
  }

  /** Whether a character may appear in a tag once normalised (so a literal part can be checked). */
  static boolean isTagChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '_' || c == '.' || c == '-' || c == '/';
  }

  /** Whether a character may appear in a name once normalised. */
  static boolean isNameChar(char c) {
    return isTagChar(c);
  }
}
