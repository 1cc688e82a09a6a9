package io.modelpipe.step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One call of a step: its checked parameter values over the global defaults, the workspace and the
 * build's environment. It names the credentials to look up ({@link #credentialRequests()}) and,
 * given them, the engine process to run ({@link #command}).
 */
public final class StepInvocation {

  private final StepSpec spec;
  private final StepValues values;
  private final GlobalDefaults defaults;
  private final String workspace;
  private final Map<String, String> environment;

  private StepInvocation(Builder b) {
    this.spec = b.spec;
    this.values = StepValues.check(b.spec, b.parameters);
    this.defaults = b.defaults;
    this.workspace = Objects.requireNonNull(b.workspace, spec.functionName() + ": no workspace");
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(b.environment));
    CommandLines.checkCombination(spec, values);
  }

  public static Builder builder(StepSpec spec) {
    return new Builder(spec);
  }

  public StepSpec spec() {
    return spec;
  }

  /** The value of a parameter after checking and defaults from the declaration (not the global ones). */
  public Optional<Object> value(String name) {
    return values.get(name);
  }

  /** The workspace the process runs in. */
  public String workspace() {
    return workspace;
  }

  /** The build's environment as given. */
  public Map<String, String> environment() {
    return environment;
  }

  public GlobalDefaults defaults() {
    return defaults;
  }

  /**
   * The credentials the plugin must look up, each once: the registry's and Gerrit's (step
   * parameter, else global default) and, for {@code modelpipeRun}, every id of the allow-list (the
   * global list plus the step's {@code allowedCredentials}).
   */
  public List<CredentialRequest> credentialRequests() {
    Map<String, CredentialRequest> requests = new LinkedHashMap<>();
    registryCredentialsId().ifPresent(id ->
        requests.putIfAbsent(id, new CredentialRequest(id, CredentialRequest.Kind.USERNAME_PASSWORD, "registryCredentialsId")));
    gerritCredentialsId().ifPresent(id ->
        requests.putIfAbsent(id, new CredentialRequest(id, CredentialRequest.Kind.ANY, "gerritCredentialsId")));
    for (String id : allowedCredentials()) {
      requests.putIfAbsent(id, new CredentialRequest(id, CredentialRequest.Kind.ANY, "allowedCredentials"));
    }
    return List.copyOf(requests.values());
  }

  /**
   * The engine process for this call.
   *
   * @param credentials the credentials {@link #credentialRequests()} named, as found; a missing one
   *     is left out (the engine then reports what it lacks)
   * @param resultFile where the engine writes its result JSON, on the agent
   */
  public StepCommand command(List<StepCredential> credentials, String resultFile) {
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(resultFile, "resultFile");
    return CommandLines.of(this, credentials, resultFile);
  }

  // ---- effective settings: step parameter, else global default ----

  Optional<String> string(String name) {
    return values.get(name).map(String.class::cast);
  }

  @SuppressWarnings("unchecked")
  List<String> list(String name) {
    return values.get(name).map(v -> (List<String>) v).orElse(List.of());
  }

  @SuppressWarnings("unchecked")
  Map<String, String> map(String name) {
    return values.get(name).map(v -> (Map<String, String>) v).orElse(Map.of());
  }

  boolean flag(String name) {
    return values.get(name).map(Boolean.class::cast).orElse(false);
  }

  Optional<Integer> integer(String name) {
    return values.get(name).map(Integer.class::cast);
  }

  @SuppressWarnings("unchecked")
  Map<String, Object> result(String name) {
    return values.get(name).map(v -> (Map<String, Object>) v).orElse(Map.of());
  }

  Optional<String> registry() {
    return spec.parameter("registry").isPresent() ? string("registry").or(defaults::registry) : Optional.empty();
  }

  Optional<String> registryCredentialsId() {
    return spec.parameter("registryCredentialsId").isPresent()
        ? string("registryCredentialsId").or(defaults::registryCredentialsId) : Optional.empty();
  }

  Optional<String> gerritUrl() {
    return spec.parameter("gerritUrl").isPresent() ? string("gerritUrl").or(defaults::gerritUrl) : Optional.empty();
  }

  Optional<String> gerritCredentialsId() {
    return spec.parameter("gerritCredentialsId").isPresent()
        ? string("gerritCredentialsId").or(defaults::gerritCredentialsId) : Optional.empty();
  }

  /** Base-image map: the step's entries over the global ones (for steps that build). */
  Map<String, String> baseMap() {
    Map<String, String> merged = new LinkedHashMap<>(defaults.baseMap());
    merged.putAll(map("baseMap"));
    return merged;
  }

  /** The allow-list of a run: the global list, then the step's; empty for other steps. */
  List<String> allowedCredentials() {
    if (spec != StepSpecs.RUN) {
      return List.of();
    }
    Set<String> ids = new LinkedHashSet<>(defaults.allowedCredentials());
    ids.addAll(list("allowedCredentials"));
    return new ArrayList<>(ids);
  }

  public static final class Builder {
    private final StepSpec spec;
    private Map<String, Object> parameters = Map.of();
    private GlobalDefaults defaults = GlobalDefaults.none();
    private String workspace;
    private Map<String, String> environment = Map.of();

    private Builder(StepSpec spec) {
      this.spec = Objects.requireNonNull(spec, "spec");
    }

    /** The parameters the Jenkinsfile set (null values count as not set). */
    public Builder parameters(Map<String, ?> value) {
      this.parameters = new LinkedHashMap<>(Objects.requireNonNull(value, "parameters"));
      return this;
    }

    public Builder defaults(GlobalDefaults value) {
      this.defaults = Objects.requireNonNull(value, "defaults");
      return this;
    }

    /** The workspace's absolute path on the agent. */
    public Builder workspace(String absolutePath) {
      this.workspace = Objects.requireNonNull(absolutePath, "workspace");
      return this;
    }

    /** The build's environment: {@code GERRIT_*}, {@code ZUUL_*}, {@code BUILD_URL} ... */
    public Builder environment(Map<String, String> buildEnvironment) {
      this.environment = Objects.requireNonNull(buildEnvironment, "environment");
      return this;
    }

    /** @throws StepParameterException naming the parameter and what was found */
    public StepInvocation build() {
      return new StepInvocation(this);
    }
  }
}
