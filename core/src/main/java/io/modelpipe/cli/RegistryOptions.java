package io.modelpipe.cli;

import io.modelpipe.RetryPolicy;
import io.modelpipe.image.CredentialSources;
import io.modelpipe.image.RegistryAddress;
import io.modelpipe.image.RegistryCredentials;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * Where images are pushed and as whom, and how pushes are retried; shared by {@code publish} and
 * {@code run}. Credentials, first found wins: {@code --user} with {@code --password-stdin} (each
 * falling back to its variable), the {@code MODELPIPE_REGISTRY_*} variables, docker's config.json.
 */
final class RegistryOptions {

  static final String REGISTRY_VARIABLE = "MODELPIPE_REGISTRY";

  @Option(names = "--registry", paramLabel = "HOST[:PORT][/NAMESPACE]",
      description = "Registry and optional namespace (default: $$MODELPIPE_REGISTRY).")
  String registry;

  @Option(names = "--user", paramLabel = "U", description = "Registry user (default: $$MODELPIPE_REGISTRY_USER).")
  String user;

  @Option(names = "--password-stdin", description = "Read the registry password from standard input.")
  boolean passwordStdin;

  @Option(names = "--attempts", paramLabel = "N", defaultValue = "3",
      description = "Attempts per push and registry request, the first included (default: ${DEFAULT-VALUE}).")
  int attempts;

  @Option(names = "--retry-delay", paramLabel = "SECONDS", defaultValue = "1",
      description = "Wait before the first retry; it doubles up to 4 times this (default: ${DEFAULT-VALUE}).")
  double retryDelay;

  /** The registry from the flag or the environment, if either gives one. */
  Optional<RegistryAddress> address(Map<String, String> environment) {
    String text = registry != null ? registry : environment.get(REGISTRY_VARIABLE);
    return text == null || text.isBlank() ? Optional.empty() : Optional.of(RegistryAddress.parse(text));
  }

  /** The registry; exit 2 when none is given. */
  RegistryAddress requireAddress(Map<String, String> environment, String command) {
    return address(environment).orElseThrow(() -> new InvalidInputException(new Diagnostic(Location.ofFile(command), "registry",
        "no registry: give --registry HOST[:PORT][/NAMESPACE] or set " + REGISTRY_VARIABLE)));
  }

  RetryPolicy retryPolicy(String command) {
    List<Diagnostic> problems = new ArrayList<>();
    if (attempts < 1 || attempts > 10) {
      problems.add(new Diagnostic(Location.ofFile(command), "--attempts", attempts + " is not from 1 to 10"));
    }
    if (!(retryDelay >= 0 && retryDelay <= 60)) {
      problems.add(new Diagnostic(Location.ofFile(command), "--retry-delay", retryDelay + " is not from 0 to 60 seconds"));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Duration initial = Duration.ofMillis(Math.round(retryDelay * 1000));
    return RetryPolicy.builder().maxAttempts(attempts).initialDelay(initial).maxDelay(initial.multipliedBy(4)).build();
  }

  /** The credentials for a registry, first found wins; empty for anonymous pushes. */
  Optional<RegistryCredentials> credentials(RegistryAddress address, Map<String, String> environment, String command) {
    return CredentialSources.ofProcess().resolve(address, explicitCredentials(environment, command));
  }

  /** {@code --user} and {@code --password-stdin}, each falling back to its variable. */
  private Optional<RegistryCredentials> explicitCredentials(Map<String, String> environment, String command) {
    if (user == null && !passwordStdin) {
      return Optional.empty();
    }
    String username = user != null ? user : environment.getOrDefault(CredentialSources.USER_VARIABLE, "");
    String password = passwordStdin ? readPassword() : environment.getOrDefault(CredentialSources.PASSWORD_VARIABLE, "");
    if (username.isEmpty() || password.isEmpty()) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(command), "credentials",
          username.isEmpty()
              ? "--password-stdin needs a user: give --user or set " + CredentialSources.USER_VARIABLE
              : "--user needs a password: give --password-stdin or set " + CredentialSources.PASSWORD_VARIABLE));
    }
    String source = (user != null ? "--user" : CredentialSources.USER_VARIABLE) + " and "
        + (passwordStdin ? "--password-stdin" : CredentialSources.PASSWORD_VARIABLE);
    return Optional.of(RegistryCredentials.of(username, password, source));
  }

  private static String readPassword() {
    try {
      String text = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      // `echo secret |` adds a newline that is not part of the password, as docker login assumes.
      return text.replaceAll("[\r\n]+$", "");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
