package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Chooses a registry's credentials, first found wins: explicit ones (command-line flags), then
 * {@code MODELPIPE_REGISTRY_USER} and {@code MODELPIPE_REGISTRY_PASSWORD}, then docker's
 * {@code config.json}; none means an anonymous push.
 */
public final class CredentialSources {

  public static final String USER_VARIABLE = "MODELPIPE_REGISTRY_USER";
  public static final String PASSWORD_VARIABLE = "MODELPIPE_REGISTRY_PASSWORD";

  private final Map<String, String> environment;
  private final Path home;

  private CredentialSources(Map<String, String> environment, Path home) {
    this.environment = Map.copyOf(environment);
    this.home = home;
  }

  /** Sources read from this environment and home directory. */
  public static CredentialSources of(Map<String, String> environment, Path home) {
    return new CredentialSources(Objects.requireNonNull(environment, "environment"), Objects.requireNonNull(home, "home"));
  }

  /** Sources of this process: its environment and {@code user.home}. */
  public static CredentialSources ofProcess() {
    return of(System.getenv(), Path.of(System.getProperty("user.home")));
  }

  /**
   * The credentials for a registry.
   *
   * @param explicit credentials given on the command line, which win
   * @throws InvalidInputException when only one of the two variables is set, or docker's
   *     configuration is malformed or names a helper that is not installed
   */
  public Optional<RegistryCredentials> resolve(RegistryAddress registry, Optional<RegistryCredentials> explicit) {
    if (explicit.isPresent()) {
      return explicit;
    }
    String user = environment.getOrDefault(USER_VARIABLE, "");
    String password = environment.getOrDefault(PASSWORD_VARIABLE, "");
    if (!user.isEmpty() && !password.isEmpty()) {
      return Optional.of(RegistryCredentials.of(user, password, USER_VARIABLE + " and " + PASSWORD_VARIABLE));
    }
    if (!user.isEmpty() || !password.isEmpty()) {
      String missing = user.isEmpty() ? USER_VARIABLE : PASSWORD_VARIABLE;
      throw new InvalidInputException(new Diagnostic(RegistryAddress.SOURCE, "credentials",
          missing + " is not set but " + (user.isEmpty() ? PASSWORD_VARIABLE : USER_VARIABLE) + " is; set both or neither"));
    }
    return DockerConfig.read(DockerConfig.location(environment, home))
        .flatMap(config -> config.credentialsFor(registry.authority(), CredentialHelpers.onPath(environment.get("PATH"))));
  }

  @Override
  public String toString() {
    return "CredentialSources[home=" + home + "]";
  }
}
