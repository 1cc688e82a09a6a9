package io.modelpipe.step;

import java.util.Objects;

/**
 * A credential the plugin must look up before the step runs.
 *
 * @param id the credential's id
 * @param kind what kind of credential is accepted
 * @param purpose the parameter that named it ({@code registryCredentialsId}, {@code allowedCredentials} ...)
 */
public record CredentialRequest(String id, Kind kind, String purpose) {

  /** The kinds of credential a request accepts. */
  public enum Kind {
    USERNAME_PASSWORD,
    SECRET_TEXT,
    /** A username/password or a secret text. */
    ANY
  }

  public CredentialRequest {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(purpose, "purpose");
  }
}
