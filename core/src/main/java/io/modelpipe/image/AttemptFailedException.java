package io.modelpipe.image;

import java.util.Objects;

/** One attempt of a retried step failed; carries the classified failure for {@link Retrier}. */
final class AttemptFailedException extends RuntimeException {

  private final transient Failure failure;

  AttemptFailedException(Failure failure, Throwable cause) {
    super(Objects.requireNonNull(failure, "failure").message(), cause, false, false);
    this.failure = failure;
  }

  AttemptFailedException(Failure failure) {
    this(failure, null);
  }

  Failure failure() {
    return failure;
  }
}
