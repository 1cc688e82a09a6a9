package io.modelpipe.image;

import io.modelpipe.RetryPolicy;
import java.time.Duration;
import java.util.Objects;

/**
 * Runs a step again after a transient failure, as its {@link RetryPolicy} says; authentication
 * and permanent failures end it at once.
 */
final class Retrier {

  /** One attempt of a step; throws {@link AttemptFailedException} when it fails. */
  @FunctionalInterface
  interface Attempt<T> {
    T run(int attempt);
  }

  /** Told before each wait, so users see why a publish is slow. */
  @FunctionalInterface
  interface RetryObserver {
    void beforeRetry(int nextAttempt, int maxAttempts, Duration delay, Failure failure);
  }

  private final RetryPolicy policy;
  private final Sleeper sleeper;
  private final RetryObserver observer;

  Retrier(RetryPolicy policy, Sleeper sleeper, RetryObserver observer) {
    this.policy = Objects.requireNonNull(policy, "policy");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    this.observer = Objects.requireNonNull(observer, "observer");
  }

  /**
   * Runs the step until it succeeds, fails for good, or runs out of attempts.
   *
   * @throws ExhaustedException with the last failure and the number of attempts made
   */
  <T> T run(Attempt<T> step) {
    for (int attempt = 1; ; attempt++) {
      try {
        return step.run(attempt);
      } catch (AttemptFailedException e) {
        if (!e.failure().isTransient() || attempt >= policy.maxAttempts()) {
          throw new ExhaustedException(e.failure(), attempt, e);
        }
        Duration delay = policy.delayBefore(attempt + 1);
        observer.beforeRetry(attempt + 1, policy.maxAttempts(), delay, e.failure());
        try {
          sleeper.sleep(delay);
        } catch (InterruptedException interrupted) {
          Thread.currentThread().interrupt();
          throw new ExhaustedException(e.failure(), attempt, e);
        }
      }
    }
  }

  /** The step failed for good: its last failure and how many attempts were made. */
  static final class ExhaustedException extends RuntimeException {
    private final transient Failure failure;
    private final int attempts;

    ExhaustedException(Failure failure, int attempts, Throwable cause) {
      super(failure.message(), cause, false, false);
      this.failure = failure;
      this.attempts = attempts;
    }

    Failure failure() {
      return failure;
    }

    int attempts() {
      return attempts;
    }
  }
}
