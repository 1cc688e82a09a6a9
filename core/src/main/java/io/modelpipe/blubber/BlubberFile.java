package io.modelpipe.blubber;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.KeyPaths;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A read, checked Blubber v4 file: its variants, each already merged with the top level and its
 * includes. Immutable; made by {@link BlubberReader}.
 */
public final class BlubberFile {

  private final String displayName;
  private final Optional<String> syntaxVersion;
  private final Map<String, Variant> variants;
  private final SourceLocator locator;
  private final IdentityHashMap<Object, String> valueOrigins;
  private final List<Diagnostic> warnings;

  BlubberFile(
      String displayName,
      Optional<String> syntaxVersion,
      Map<String, Variant> variants,
      SourceLocator locator,
      IdentityHashMap<Object, String> valueOrigins,
      List<Diagnostic> warnings) {
    this.displayName = Objects.requireNonNull(displayName, "displayName");
    this.syntaxVersion = Objects.requireNonNull(syntaxVersion, "syntaxVersion");
    this.variants = Values.orderedMap(variants, "variants");
    this.locator = locator;
    this.valueOrigins = new IdentityHashMap<>(valueOrigins);
    this.warnings = List.copyOf(warnings);
  }

  /** What reading the file found that Blubber accepts silently but is likely a mistake; every compilation repeats them. */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /** The file as diagnostics name it. */
  public String displayName() {
    return displayName;
  }

  /** The frontend tag of the {@code # syntax=} line, such as {@code v0.21.1}; empty without one. */
  public Optional<String> syntaxVersion() {
    return syntaxVersion;
  }

  /** The pinned frontend as a version; empty without a {@code # syntax=} line or for a tag like {@code latest}. */
  public Optional<BlubberVersion> frontendVersion() {
    return syntaxVersion.flatMap(BlubberVersion::parse);
  }

  /** Variant names in the order they are written. */
  public List<String> variantNames() {
    return List.copyOf(variants.keySet());
  }

  public boolean hasVariant(String name) {
    return variants.containsKey(name);
  }

  /**
   * The effective variant.
   *
   * @throws InvalidInputException naming the known variants, when there is no such variant
   */
  public Variant variant(String name) {
    Variant variant = variants.get(name);
    if (variant == null) {
      throw new InvalidInputException(unknownVariant(name));
    }
    return variant;
  }

  /**
   * Remarks from reading the YAML that do not make it invalid (a key written twice: the last one
   * wins), located in the file that holds the document.
   */
  public List<Diagnostic> readWarnings() {
    return locator.document().warningsUnder(locator.rootPath());
  }

  /** A problem located at a variant's definition ({@code variants.NAME}). */
  public Diagnostic problemAtVariant(String name, String message) {
    return locator.atKey(KeyPaths.child("variants", name), message);
  }

  /** The diagnostic for a variant name that is not defined, listing those that are. */
  public Diagnostic unknownVariant(String name) {
    String known = variants.isEmpty() ? "none are defined" : "known variants: " + String.join(", ", variants.keySet());
    return locator.atKey(variants.isEmpty() ? "" : "variants", "unknown variant '" + name + "'; " + known);
  }

  /**
   * A problem located where a value of a variant (an {@link Artifact}, a {@link Builder}) was
   * written; at the variant when its origin is unknown.
   */
  Diagnostic problemAt(Object value, String variantName, String message) {
    String path = valueOrigins.get(value);
    return path == null || path.isEmpty() ? problemAtVariant(variantName, message) : locator.at(path, message);
  }

  /** A problem located at key {@code child} of the mapping where {@code value} was written. */
  Diagnostic problemAtChild(Object value, String variantName, String child, String message) {
    String path = valueOrigins.get(value);
    return path == null || path.isEmpty()
        ? problemAtVariant(variantName, message)
        : locator.atKey(KeyPaths.child(path, child), message);
  }

  /** A problem located at a key path relative to the Blubber document. */
  Diagnostic problemAtPath(String relativePath, String message) {
    return locator.at(relativePath, message);
  }

  @Override
  public String toString() {
    return "BlubberFile[" + displayName + ", variants=" + variants.keySet() + "]";
  }
}
