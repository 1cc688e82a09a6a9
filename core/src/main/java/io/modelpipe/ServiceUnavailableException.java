package io.modelpipe;

import java.util.Objects;

/**
 * A service modelpipe talks to (the Docker Engine, a registry, Gerrit) cannot be reached or
 * refused the request for reasons outside the user's input, after any retries. The command line
 * maps it to exit code 3. Messages must never carry a password or a token.
 */
public class ServiceUnavailableException extends RuntimeException {

  private final String service;

  /**
   * @param service which service, as users name it: {@code Docker Engine}, {@code registry
   *     127.0.0.1:5000}, {@code Gerrit}
   * @param message what happened, one line
   * @param cause the underlying failure, or {@code null}
   */
  public ServiceUnavailableException(String service, String message, Throwable cause) {
    super(Objects.requireNonNull(service, "service") + ": " + Objects.requireNonNull(message, "message"), cause);
    this.service = service;
  }

  public ServiceUnavailableException(String service, String message) {
    this(service, message, null);
  }

  public String service() {
    return service;
  }
}
