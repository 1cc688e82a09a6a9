package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The date of the source an image is built from, for {@code org.opencontainers.image.created}:
 * {@code SOURCE_DATE_EPOCH} when set, else the commit time of the revision checked out, else the
 * newest modification time in the build context. Never the clock: an unchanged tree must give the
 * same labels, so that the engine's cache answers a warm rebuild and leaves no dangling image.
 */
public final class SourceDate {

  /** The variable of the Reproducible Builds specification. */
  public static final String VARIABLE = "SOURCE_DATE_EPOCH";

  private static final Pattern DIGITS = Pattern.compile("[0-9]{1,11}");

  private SourceDate() {}

  /**
   * {@code SOURCE_DATE_EPOCH} from {@code environment}: seconds since 1970-01-01 UTC, a decimal
   * integer; empty when unset or empty (the specification treats an empty value as unset).
   *
   * @param command where the variable is read, for the located error
   * @throws InvalidInputException when it is set to anything else (the specification asks a build
   *     to fail rather than guess)
   */
  public static Optional<Instant> fromEnvironment(Map<String, String> environment, String command) {
    String text = environment.get(VARIABLE);
    if (text == null || text.isEmpty()) {
      return Optional.empty();
    }
    if (!DIGITS.matcher(text).matches()) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(command), VARIABLE,
          "found '" + text + "'; expected seconds since 1970-01-01 UTC as a decimal integer, e.g. 1717927872"));
    }
    return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
  }

  /**
   * The source date, first found wins.
   *
   * @param commitTime the commit time of the revision built, read only when the variable is unset
   * @param context the build context, whose newest file counts when there is no commit
   * @return the date; the start of 1970 for an empty context outside git (still the same every time)
   */
  public static Instant resolve(Map<String, String> environment, String command, Supplier<Optional<Instant>> commitTime,
      BuildContext context) {
    return fromEnvironment(environment, command)
        .or(commitTime)
        .or(context::newestModification)
        .orElse(Instant.EPOCH);
  }
}
