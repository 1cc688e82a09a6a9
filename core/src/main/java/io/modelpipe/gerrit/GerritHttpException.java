package io.modelpipe.gerrit;

import java.time.Duration;
import java.util.Optional;

/** Gerrit answered with a status other than 2xx. Internal: the reporter turns it into an outcome or a user-facing error. */
final class GerritHttpException extends Exception {

  private final int status;
  private final String gerritText;
  private final Optional<Duration> retryAfter;

  GerritHttpException(int status, String gerritText, Optional<Duration> retryAfter) {
    super("HTTP " + status + (gerritText.isEmpty() ? "" : ": " + gerritText), null, false, false);
    this.status = status;
    this.gerritText = gerritText;
    this.retryAfter = retryAfter;
  }

  int status() {
    return status;
  }

  /** Gerrit's own explanation (the response body, first lines), possibly empty. */
  String gerritText() {
    return gerritText;
  }

  Optional<Duration> retryAfter() {
    return retryAfter;
  }

  boolean isRetryable() {
    return status == 429 || status >= 500;
  }
}
