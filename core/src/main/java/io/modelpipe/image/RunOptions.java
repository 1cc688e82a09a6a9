package io.modelpipe.image;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How a container is run, as a stage's {@code run} step runs its image. Immutable; made with
 * {@link #builder()}.
 */
public final class RunOptions {

  private final List<String> arguments;
  private final Map<String, String> environment;
  private final Optional<String> networkMode;
  private final Optional<Duration> timeout;
  private final boolean keepContainer;

  private RunOptions(Builder b) {
    this.arguments = List.copyOf(b.arguments);
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    this.networkMode = b.networkMode;
    this.timeout = b.timeout;
    this.keepContainer = b.keepContainer;
  }

  public static RunOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Arguments to the image's entry point (its {@code CMD} is replaced when there are any). */
  public List<String> arguments() {
    return arguments;
  }

  /** Environment variables, in order. */
  public Map<String, String> environment() {
    return environment;
  }

  public Optional<String> networkMode() {
    return networkMode;
  }

  /** How long the container may run before it is killed; empty for no limit. */
  public Optional<Duration> timeout() {
    return timeout;
  }

  /** Keep the container after it ends (to inspect it); by default it is always removed. */
  public boolean keepContainer() {
    return keepContainer;
  }

  /** Builds {@link RunOptions}. */
  public static final class Builder {
    private final List<String> arguments = new ArrayList<>();
    private final Map<String, String> environment = new LinkedHashMap<>();
    private Optional<String> networkMode = Optional.empty();
    private Optional<Duration> timeout = Optional.empty();
    private boolean keepContainer;

    private Builder() {}

    public Builder arguments(List<String> values) {
      arguments.clear();
      values.forEach(v -> arguments.add(Objects.requireNonNull(v, "argument")));
      return this;
    }

    public Builder env(String name, String value) {
      if (name == null || name.isEmpty() || name.contains("=")) {
        throw new IllegalArgumentException("'" + name + "' is not an environment variable name");
      }
      environment.put(name, Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    public Builder environment(Map<String, String> values) {
      values.forEach(this::env);
      return this;
    }

    /** {@code null} or blank for the engine's default. */
    public Builder networkMode(String mode) {
      this.networkMode = Optional.ofNullable(mode).map(String::strip).filter(m -> !m.isEmpty());
      return this;
    }

    /** {@code null} for no limit. */
    public Builder timeout(Duration value) {
      if (value != null && (value.isNegative() || value.isZero())) {
        throw new IllegalArgumentException("a timeout must be positive, not " + value);
      }
      this.timeout = Optional.ofNullable(value);
      return this;
    }

    public Builder keepContainer(boolean value) {
      this.keepContainer = value;
      return this;
    }

    public RunOptions build() {
      return new RunOptions(this);
    }
  }
}
