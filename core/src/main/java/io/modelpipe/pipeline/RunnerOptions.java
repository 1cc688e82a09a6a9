package io.modelpipe.pipeline;

import io.modelpipe.RetryPolicy;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.image.ImageBuildOptions;
import io.modelpipe.image.RegistryAddress;
import io.modelpipe.image.RegistryCredentials;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.LinkedHashSet;

/**
 * How {@link PipelineRunner} runs pipelines: parallelism, what each build, run and publish gets,
 * and whether the run cleans up after itself. Immutable; made with {@link #builder()}.
 */
public final class RunnerOptions {

  private final int jobs;
  private final boolean keep;
  private final ImageBuildOptions buildOptions;
  private final CompileOptions compileOptions;
  private final Optional<String> networkMode;
  private final Optional<Duration> runTimeout;
  private final Optional<RegistryAddress> registry;
  private final Optional<RegistryCredentials> registryCredentials;
  private final RetryPolicy retryPolicy;
  private final Map<String, String> credentials;
  private final Optional<Set<String>> allowedCredentials;
  private final Optional<Path> logDirectory;
  private final Map<String, String> ciEnvironment;

  private RunnerOptions(Builder b) {
    this.jobs = b.jobs;
    this.keep = b.keep;
    this.buildOptions = b.buildOptions;
    this.compileOptions = b.compileOptions;
    this.networkMode = b.networkMode;
    this.runTimeout = b.runTimeout;
    this.registry = b.registry;
    this.registryCredentials = b.registryCredentials;
    this.retryPolicy = b.retryPolicy;
    this.credentials = Collections.unmodifiableMap(new LinkedHashMap<>(b.credentials));
    this.allowedCredentials = b.allowedCredentials.map(ids -> Collections.unmodifiableSet(new LinkedHashSet<>(ids)));
    this.logDirectory = b.logDirectory;
    this.ciEnvironment = Map.copyOf(b.ciEnvironment);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** How many stages may run at once, over all pipelines of the run. */
  public int jobs() {
    return jobs;
  }

  /** Whether the images and containers the run creates stay after it (for debugging). */
  public boolean keep() {
    return keep;
  }

  /** What every build gets: pull, cache, build arguments, base-image map, pip settings, network. */
  public ImageBuildOptions buildOptions() {
    return buildOptions;
  }

  public CompileOptions compileOptions() {
    return compileOptions;
  }

  /** Network mode of the containers run steps start, e.g. {@code host}. */
  public Optional<String> networkMode() {
    return networkMode;
  }

  /** The longest a run step may take; its container is killed after. */
  public Optional<Duration> runTimeout() {
    return runTimeout;
  }

  /** Where publish steps push; required when a publish step is allowed to run. */
  public Optional<RegistryAddress> registry() {
    return registry;
  }

  public Optional<RegistryCredentials> registryCredentials() {
    return registryCredentials;
  }

  /** Retries of pushes and registry requests. */
  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  /**
   * The values of the credentials run steps ask for ({@code run.credentials}), by credential id.
   * They go into the container's environment and are masked in every output.
   */
  public Map<String, String> credentials() {
    return credentials;
  }

  /**
   * The value of a credential by its id, as given or as {@link io.modelpipe.CredentialVariables#suffix}
   * spells it (the suffix of its {@code MODELPIPE_CREDENTIAL_} variable).
   */
  public Optional<String> credential(String id) {
    return Optional.ofNullable(credentials.getOrDefault(id, credentials.get(io.modelpipe.CredentialVariables.suffix(id))));
  }

  /**
   * The credential ids run steps may ask for ({@code run.credentials}); any other id is invalid
   * input. Empty: no allow-list, every id with a value may be used (the command line's default).
   */
  public Optional<Set<String>> allowedCredentials() {
    return allowedCredentials;
  }

  /** Where each stage's log is written ({@code PIPELINE/STAGE.log}); none when empty. */
  public Optional<Path> logDirectory() {
    return logDirectory;
  }

  /** Jenkins' and Zuul's variables for image labels ({@code JOB_NAME}, {@code BUILD_NUMBER}, ...). */
  public Map<String, String> ciEnvironment() {
    return ciEnvironment;
  }

  public static final class Builder {
    private int jobs = Math.max(2, Runtime.getRuntime().availableProcessors());
    private boolean keep;
    private ImageBuildOptions buildOptions = ImageBuildOptions.defaults();
    private CompileOptions compileOptions = CompileOptions.defaults();
    private Optional<String> networkMode = Optional.empty();
    private Optional<Duration> runTimeout = Optional.empty();
    private Optional<RegistryAddress> registry = Optional.empty();
    private Optional<RegistryCredentials> registryCredentials = Optional.empty();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Map<String, String> credentials = new LinkedHashMap<>();
    private Optional<Set<String>> allowedCredentials = Optional.empty();
    private Optional<Path> logDirectory = Optional.empty();
    private Map<String, String> ciEnvironment = Map.of();

    private Builder() {}

    public Builder jobs(int value) {
      if (value < 1 || value > 64) {
        throw new IllegalArgumentException("jobs must be from 1 to 64, not " + value);
      }
      this.jobs = value;
      return this;
    }

    public Builder keep(boolean value) {
      this.keep = value;
      return this;
    }

    public Builder buildOptions(ImageBuildOptions value) {
      this.buildOptions = Objects.requireNonNull(value, "buildOptions");
      return this;
    }

    public Builder compileOptions(CompileOptions value) {
      this.compileOptions = Objects.requireNonNull(value, "compileOptions");
      return this;
    }

    public Builder networkMode(Optional<String> value) {
      this.networkMode = Objects.requireNonNull(value, "networkMode").filter(s -> !s.isBlank());
      return this;
    }

    public Builder runTimeout(Optional<Duration> value) {
      Objects.requireNonNull(value, "runTimeout");
      if (value.isPresent() && (value.get().isNegative() || value.get().isZero())) {
        throw new IllegalArgumentException("the run timeout must be positive");
      }
      this.runTimeout = value;
      return this;
    }

    public Builder registry(Optional<RegistryAddress> value) {
      this.registry = Objects.requireNonNull(value, "registry");
      return this;
    }

    public Builder registryCredentials(Optional<RegistryCredentials> value) {
      this.registryCredentials = Objects.requireNonNull(value, "registryCredentials");
      return this;
    }

    public Builder retryPolicy(RetryPolicy value) {
      this.retryPolicy = Objects.requireNonNull(value, "retryPolicy");
      return this;
    }

    public Builder credential(String id, String value) {
      this.credentials.put(Objects.requireNonNull(id, "id"), Objects.requireNonNull(value, "value"));
      return this;
    }

    /** Only these credential ids may be used by run steps; empty for no allow-list. */
    public Builder allowedCredentials(Optional<? extends java.util.Collection<String>> value) {
      this.allowedCredentials = Objects.requireNonNull(value, "allowedCredentials").map(ids -> (Set<String>) new LinkedHashSet<String>(ids));
      return this;
    }

    public Builder logDirectory(Optional<Path> value) {
      this.logDirectory = Objects.requireNonNull(value, "logDirectory");
      return this;
    }

    public Builder ciEnvironment(Map<String, String> value) {
      this.ciEnvironment = Objects.requireNonNull(value, "ciEnvironment");
      return this;
    }

    public RunnerOptions build() {
      return new RunnerOptions(this);
    }
  }

  @Override
  public String toString() {
    // credentials are left out on purpose: toString ends up in logs
    return "RunnerOptions{jobs=" + jobs + ", keep=" + keep + ", registry=" + registry.map(Object::toString).orElse("none")
        + ", credentials=" + credentials.keySet() + "}";
  }
}
