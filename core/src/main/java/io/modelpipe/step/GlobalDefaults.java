package io.modelpipe.step;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The defaults of the plugin's global configuration; a step's own parameters override them. The
 * allow-list of credentials is added to, not overridden, by a step's {@code allowedCredentials}.
 */
public final class GlobalDefaults {

  private static final GlobalDefaults NONE = builder().build();

  private final Optional<String> registry;
  private final Optional<String> registryCredentialsId;
  private final Optional<String> gerritUrl;
  private final Optional<String> gerritCredentialsId;
  private final Map<String, String> baseMap;
  private final List<String> publishContexts;
  private final List<String> allowedCredentials;

  private GlobalDefaults(Builder b) {
    this.registry = blankToEmpty(b.registry);
    this.registryCredentialsId = blankToEmpty(b.registryCredentialsId);
    this.gerritUrl = blankToEmpty(b.gerritUrl);
    this.gerritCredentialsId = blankToEmpty(b.gerritCredentialsId);
    this.baseMap = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(b.baseMap));
    this.publishContexts = List.copyOf(b.publishContexts);
    this.allowedCredentials = List.copyOf(b.allowedCredentials);
  }

  /** No defaults at all. */
  public static GlobalDefaults none() {
    return NONE;
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<String> registry() {
    return registry;
  }

  public Optional<String> registryCredentialsId() {
    return registryCredentialsId;
  }

  public Optional<String> gerritUrl() {
    return gerritUrl;
  }

  public Optional<String> gerritCredentialsId() {
    return gerritCredentialsId;
  }

  /** Base images to build from instead: FROM image to the image to use. */
  public Map<String, String> baseMap() {
    return baseMap;
  }

  /** Where publish steps run, as {@code modelpipe run --publish-contexts} takes them; empty for the CLI's default. */
  public List<String> publishContexts() {
    return publishContexts;
  }

  /** Credential ids every run step of a config may use. */
  public List<String> allowedCredentials() {
    return allowedCredentials;
  }

  private static Optional<String> blankToEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  @Override
  public String toString() {
    return "GlobalDefaults{registry=" + registry.orElse("") + ", gerritUrl=" + gerritUrl.orElse("")
        + ", allowedCredentials=" + allowedCredentials + "}";
  }

  public static final class Builder {
    private String registry;
    private String registryCredentialsId;
    private String gerritUrl;
    private String gerritCredentialsId;
    private Map<String, String> baseMap = new LinkedHashMap<>();
    private List<String> publishContexts = List.of();
    private List<String> allowedCredentials = List.of();

    private Builder() {}

    public Builder registry(String value) {
      this.registry = value;
      return this;
    }

    public Builder registryCredentialsId(String value) {
      this.registryCredentialsId = value;
      return this;
    }

    public Builder gerritUrl(String value) {
      this.gerritUrl = value;
      return this;
    }

    public Builder gerritCredentialsId(String value) {
      this.gerritCredentialsId = value;
      return this;
    }

    public Builder baseMap(Map<String, String> value) {
      this.baseMap = new LinkedHashMap<>(Objects.requireNonNull(value, "baseMap"));
      return this;
    }

    public Builder publishContexts(List<String> value) {
      this.publishContexts = cleaned(value);
      return this;
    }

    public Builder allowedCredentials(List<String> value) {
      this.allowedCredentials = cleaned(value);
      return this;
    }

    private static List<String> cleaned(List<String> value) {
      return Objects.requireNonNull(value).stream().filter(Objects::nonNull).map(String::strip)
          .filter(s -> !s.isEmpty()).distinct().toList();
    }

    public GlobalDefaults build() {
      return new GlobalDefaults(this);
    }
  }
}
