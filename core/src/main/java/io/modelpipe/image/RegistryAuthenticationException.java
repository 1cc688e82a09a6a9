package io.modelpipe.image;

import io.modelpipe.ServiceUnavailableException;

/**
 * A registry refused the credentials (or their absence). Final: retrying cannot help. It is a
 * {@link ServiceUnavailableException} so the command line exits with 3, as for a registry that is
 * down: the publish could not reach a usable registry. The message names the user and where the
 * credentials came from, never the password.
 */
public final class RegistryAuthenticationException extends ServiceUnavailableException {

  public RegistryAuthenticationException(String service, String message) {
    super(service, message);
  }
}
