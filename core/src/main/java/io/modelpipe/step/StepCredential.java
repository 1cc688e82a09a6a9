package io.modelpipe.step;

import java.util.Objects;

/** A credential's value as the plugin found it; {@link #toString()} never shows the secret. */
public sealed interface StepCredential {

  /** The credential's id in Jenkins. */
  String id();

  static StepCredential usernamePassword(String id, String username, String password) {
    return new UsernamePassword(id, username, password);
  }

  static StepCredential secretText(String id, String secret) {
    return new SecretText(id, secret);
  }

  /** A username with a password. */
  record UsernamePassword(String id, String username, String password) implements StepCredential {
    public UsernamePassword {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
    }

    @Override
    public String toString() {
      return "UsernamePassword{id=" + id + ", username=" + username + ", password=****}";
    }
  }

  /** A secret text, such as a token. */
  record SecretText(String id, String secret) implements StepCredential {
    public SecretText {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(secret, "secret");
    }

    @Override
    public String toString() {
      return "SecretText{id=" + id + ", secret=****}";
    }
  }
}
