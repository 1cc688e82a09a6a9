package io.modelpipe.gerrit;

import java.time.Duration;
import java.util.Objects;

/**
 * Bounded exponential backoff for 429 and 5xx answers and for connection failures: at most
 * {@code attempts} tries, waiting {@code initialDelay}, then twice as long each time, never more
 * than {@code maxDelay} (a 429's {@code Retry-After} is honoured up to {@code maxDelay}).
 *
 * @param attempts how many times a request is tried in all (1 means no retry)
 * @param initialDelay the wait after the first failure
 * @param maxDelay the longest single wait
 */
public record RetryPolicy(int attempts, Duration initialDelay, Duration maxDelay) {

  /** 5 tries, waiting 1, 2, 4 and 8 seconds: about 15 seconds before a review is queued. */
  public static final RetryPolicy DEFAULT = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be at least 1");
    }
    if (initialDelay.isNegative() || maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("delays must satisfy 0 <= initialDelay <= maxDelay");
    }
  }

  /** The wait after failed attempt {@code attempt} (1-based). */
  public Duration delayAfter(int attempt) {
    Duration delay = initialDelay;
    for (int i = 1; i < attempt && delay.compareTo(maxDelay) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    return delay.compareTo(maxDelay) > 0 ? maxDelay : delay;
  }
}
