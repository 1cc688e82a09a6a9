package io.modelpipe.gerrit;

import io.modelpipe.ServiceUnavailableException;

/**
 * Gerrit did not accept the credentials (HTTP 401). Exit code 3, as for a service that cannot be
 * used; the message names the account and where credentials come from, never the secret.
 */
public final class GerritAuthenticationException extends ServiceUnavailableException {

  GerritAuthenticationException(String message) {
    super("Gerrit", message);
  }
}
