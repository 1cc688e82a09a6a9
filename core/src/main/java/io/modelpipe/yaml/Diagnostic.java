package io.modelpipe.yaml;

import java.util.Comparator;
import java.util.Objects;

/**
 * One problem in a user's input: where it is, which key, and what is wrong.
 *
 * <p>Formatted on one line as {@code file:line:column: key.path: message}, the shape editors
 * and CI log parsers recognise.
 *
 * @param location where the problem is
 * @param keyPath dotted key path such as {@code pipelines.outlink.stages[1].publish.image.tags}; empty
 *     for the document itself
 * @param message what is wrong, as a sentence fragment without a trailing period
 */
public record Diagnostic(Location location, String keyPath, String message) {

  /** Orders diagnostics as they appear in their files. */
  public static final Comparator<Diagnostic> IN_SOURCE_ORDER =
      Comparator.comparing(Diagnostic::location)
          .thenComparing(Diagnostic::keyPath)
          .thenComparing(Diagnostic::message);

  public Diagnostic {
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(message, "message");
  }

  /** The one-line form shown to users. */
  public String format() {
    return location + ": " + (keyPath.isEmpty() ? "" : keyPath + ": ") + message;
  }

  @Override
  public String toString() {
    return format();
  }
}
