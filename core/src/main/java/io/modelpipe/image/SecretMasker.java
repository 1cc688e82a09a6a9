package io.modelpipe.image;

import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Replaces secrets in text that modelpipe prints from other tools (the engine's push stream, a
 * registry's error body, a credential helper's message), in case one echoes them.
 */
public final class SecretMasker {

  /** What a secret is replaced with. */
  public static final String MASK = "****";

  /** Masks nothing: for anonymous pushes. */
  public static final SecretMasker NONE = new SecretMasker(List.of());

  private final List<String> secrets;

  private SecretMasker(List<String> secrets) {
    this.secrets = secrets;
  }

  /** A masker for these secrets; empty ones are ignored. Longer secrets are masked first. */
  public static SecretMasker of(String... secrets) {
    return new SecretMasker(Arrays.stream(secrets)
        .filter(Objects::nonNull)
        .filter(s -> !s.isEmpty())
        .distinct()
        .sorted(Comparator.comparingInt(String::length).reversed())
        .toList());
  }

  /** The text with every secret replaced by {@link #MASK}; {@code null} stays {@code null}. */
  public String mask(String text) {
    if (text == null) {
      return null;
    }
    String masked = text;
    for (String secret : secrets) {
      masked = masked.replace(secret, MASK);
    }
    return masked;
  }

  /** Masks in both: for combining the masks of two credentials. */
  public SecretMasker and(SecretMasker other) {
    return SecretMasker.of(java.util.stream.Stream.concat(secrets.stream(), other.secrets.stream()).toArray(String[]::new));
  }

  @Override
  public String toString() {
    return "SecretMasker[" + secrets.size() + " secrets]";
  }
}
