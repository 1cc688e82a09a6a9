package io.modelpipe.gerrit;

import java.util.Objects;

/**
 * A password or a token. Its value is read only where a request header is made; {@link #toString()}
 * never shows it, so a secret printed by mistake (a log line, an exception, a record's
 * {@code toString}) shows {@code ****}.
 */
public final class Secret {

  private final String value;

  private Secret(String value) {
    this.value = value;
  }

  /** A secret; surrounding line breaks (from {@code --password-stdin}, a file) are removed. */
  public static Secret of(String value) {
    Objects.requireNonNull(value, "value");
    String stripped = value.strip();
    if (stripped.isEmpty()) {
      throw new IllegalArgumentException("an empty secret");
    }
    return new Secret(stripped);
  }

  /** The secret's value, for the one place that sends it. */
  String reveal() {
    return value;
  }

  /** True when {@code text} contains this secret (used to keep it out of output). */
  public boolean occursIn(String text) {
    return text != null && text.contains(value);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof Secret s && s.value.equals(value);
  }

  @Override
  public int hashCode() {
    return value.hashCode();
  }

  @Override
  public String toString() {
    return "****";
  }
}
