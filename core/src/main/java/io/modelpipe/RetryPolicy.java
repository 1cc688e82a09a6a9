package io.modelpipe;

import java.time.Duration;
import java.util.Objects;

/**
 * How often and how patiently a transient failure of a service (a registry, Gerrit) is retried:
 * bounded exponential backoff. The defaults (3 attempts, waits of 1 s then 2 s, never more than
 * 4 s) ride out a registry restart without hiding a registry that is down.
 */
public final class RetryPolicy {

  /** 3 attempts; 1 s, then doubling, at most 4 s between them. */
  public static final RetryPolicy DEFAULT = builder().build();

  private final int maxAttempts;
  private final Duration initialDelay;
  private final Duration maxDelay;
  private final double multiplier;

  private RetryPolicy(Builder builder) {
    this.maxAttempts = builder.maxAttempts;
    this.initialDelay = builder.initialDelay;
    this.maxDelay = builder.maxDelay;
    this.multiplier = builder.multiplier;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Doubling waits from {@code initialDelay}, never longer than {@code maxDelay}. */
  public static RetryPolicy of(int maxAttempts, Duration initialDelay, Duration maxDelay) {
    return builder().maxAttempts(maxAttempts).initialDelay(initialDelay).maxDelay(maxDelay).build();
  }

  /** One attempt, no retry. */
  public static RetryPolicy none() {
    return builder().maxAttempts(1).build();
  }

  public int maxAttempts() {
    return maxAttempts;
  }

  /** The longest wait between two attempts. */
  public Duration maxDelay() {
    return maxDelay;
  }

  /**
   * The wait before attempt {@code attempt} (2 is the first retry): {@code initialDelay ×
   * multiplier^(attempt−2)}, at most {@code maxDelay}.
   */
  public Duration delayBefore(int attempt) {
    if (attempt < 2 || attempt > maxAttempts) {
      throw new IllegalArgumentException("attempt " + attempt + " is not a retry of " + maxAttempts + " attempts");
    }
    double millis = initialDelay.toMillis() * Math.pow(multiplier, attempt - 2);
    return millis >= maxDelay.toMillis() ? maxDelay : Duration.ofMillis(Math.round(millis));
  }

  @Override
  public String toString() {
    return "RetryPolicy[" + maxAttempts + " attempts, " + initialDelay.toMillis() + " ms x" + multiplier
        + " up to " + maxDelay.toMillis() + " ms]";
  }

  /** Builds a {@link RetryPolicy}; every value is checked when set. */
  public static final class Builder {
    private int maxAttempts = 3;
    private Duration initialDelay = Duration.ofSeconds(1);
    private Duration maxDelay = Duration.ofSeconds(4);
    private double multiplier = 2.0;

    private Builder() {}

    /** Attempts in all, the first included; at least 1. */
    public Builder maxAttempts(int maxAttempts) {
      if (maxAttempts < 1) {
        throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
      }
      this.maxAttempts = maxAttempts;
      return this;
    }

    public Builder initialDelay(Duration initialDelay) {
      if (Objects.requireNonNull(initialDelay, "initialDelay").isNegative()) {
        throw new IllegalArgumentException("initialDelay must not be negative");
      }
      this.initialDelay = initialDelay;
      return this;
    }

    public Builder maxDelay(Duration maxDelay) {
      if (Objects.requireNonNull(maxDelay, "maxDelay").isNegative()) {
        throw new IllegalArgumentException("maxDelay must not be negative");
      }
      this.maxDelay = maxDelay;
      return this;
    }

    /** Growth of the delay per retry; at least 1. */
    public Builder multiplier(double multiplier) {
      if (!(multiplier >= 1.0) || Double.isInfinite(multiplier)) {
        throw new IllegalArgumentException("multiplier must be a finite number of at least 1: " + multiplier);
      }
      this.multiplier = multiplier;
      return this;
    }

    public RetryPolicy build() {
      if (maxDelay.compareTo(initialDelay) < 0) {
        throw new IllegalArgumentException("maxDelay " + maxDelay + " is shorter than initialDelay " + initialDelay);
      }
      return new RetryPolicy(this);
    }
  }
}
