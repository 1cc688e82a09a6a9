package io.modelpipe.image;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;

/**
 * A user name and password (or token) for one registry, and where they came from. The password is
 * never shown: {@link #toString()} masks it, and {@link #masker()} masks it in any text printed
 * from the engine or the registry.
 */
public final class RegistryCredentials {

  private final String username;
  private final String password;
  private final String source;

  private RegistryCredentials(String username, String password, String source) {
    this.username = username;
    this.password = password;
    this.source = source;
  }

  /**
   * @param username the user name, not blank
   * @param password the password or token, not empty
   * @param source where they came from, as users name it ({@code MODELPIPE_REGISTRY_USER and
   *     MODELPIPE_REGISTRY_PASSWORD}, {@code /home/me/.docker/config.json})
   */
  public static RegistryCredentials of(String username, String password, String source) {
    Objects.requireNonNull(username, "username");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(source, "source");
    if (username.isBlank()) {
      throw new IllegalArgumentException("the registry user name is empty (from " + source + ")");
    }
    if (password.isEmpty()) {
      throw new IllegalArgumentException("the registry password for '" + username + "' is empty (from " + source + ")");
    }
    return new RegistryCredentials(username, password, source);
  }

  public String username() {
    return username;
  }

  /** The secret itself: only for the engine's auth header and the registry client. */
  String password() {
    return password;
  }

  public String source() {
    return source;
  }

  /** {@code base64(user:password)}, docker's {@code auth} form. */
  String basicToken() {
    return Base64.getEncoder().encodeToString((username + ":" + password).getBytes(StandardCharsets.UTF_8));
  }

  /** Masks this password and its encodings in text. */
  public SecretMasker masker() {
    return SecretMasker.of(password, basicToken(),
        Base64.getEncoder().encodeToString(password.getBytes(StandardCharsets.UTF_8)));
  }

  @Override
  public String toString() {
    return "RegistryCredentials[username=" + username + ", password=" + SecretMasker.MASK + ", source=" + source + "]";
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof RegistryCredentials that
        && username.equals(that.username) && password.equals(that.password) && source.equals(that.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(username, password, source);
  }
}
