package io.modelpipe.image;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A failed step of a publish, classified by whether trying again can help.
 *
 * @param kind transient, authentication or permanent
 * @param message what happened, one line, secrets already masked
 */
public record Failure(Kind kind, String message) {

  /** Whether trying again can help. */
  public enum Kind {
    /** The registry or the connection failed for now: connection refused or reset, 5xx, 429. */
    TRANSIENT,
    /** The registry refused the credentials (401, 403): trying again cannot help. */
    AUTHENTICATION,
    /** Anything else (a missing image, an invalid manifest): trying again cannot help. */
    PERMANENT,
  }

  // What the engine and Go's net/http write for these failures inside a push stream.
  private static final Pattern AUTHENTICATION = Pattern.compile(
      "unauthorized|authentication required|no basic auth credentials|denied|forbidden"
          + "|\\b40[13]\\b|incorrect username or password");
  private static final Pattern TRANSIENT = Pattern.compile(
      "connection refused|connection reset|broken pipe|\\beof\\b|i/o timeout|timeout|timed out"
          + "|toomanyrequests|too many requests|\\b429\\b|\\b50[0234]\\b|service unavailable|bad gateway"
          + "|internal server error|gateway time-?out|tls handshake|no route to host|server closed"
          + "|connection closed|http2: |unexpected end of stream");

  public Failure {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(message, "message");
  }

  /** Classifies a message from the engine's push stream or a client exception. */
  public static Failure ofMessage(String message) {
    String lower = message.toLowerCase(Locale.ROOT);
    if (AUTHENTICATION.matcher(lower).find()) {
      return new Failure(Kind.AUTHENTICATION, message);
    }
    if (TRANSIENT.matcher(lower).find()) {
      return new Failure(Kind.TRANSIENT, message);
    }
    return new Failure(Kind.PERMANENT, message);
  }

  /** Classifies an HTTP status of the registry API. */
  public static Failure ofStatus(int status, String message) {
    if (status == 401 || status == 403) {
      return new Failure(Kind.AUTHENTICATION, message);
    }
    if (status == 429 || status >= 500) {
      return new Failure(Kind.TRANSIENT, message);
    }
    return new Failure(Kind.PERMANENT, message);
  }

  public boolean isTransient() {
    return kind == Kind.TRANSIENT;
  }
}
