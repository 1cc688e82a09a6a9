package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs docker credential helpers ({@code docker-credential-NAME get}: the server on standard
 * input, {@code {"Username":..., "Secret":...}} on standard output) found on a search path.
 */
public final class CredentialHelpers {

  private static final long TIMEOUT_SECONDS = 30;

  private final String searchPath;

  private CredentialHelpers(String searchPath) {
    this.searchPath = searchPath;
  }

  /** Helpers on this {@code PATH}-style list of directories. */
  public static CredentialHelpers onPath(String searchPath) {
    return new CredentialHelpers(searchPath == null ? "" : searchPath);
  }

  /**
   * Asks helper {@code name} for the credentials of {@code server}; empty when the helper has none.
   *
   * @param where and {@code keyPath}: the config entry that named the helper, for messages
   * @throws InvalidInputException when the helper is not installed or fails
   */
  Optional<RegistryCredentials> get(String name, String server, Location where, String keyPath) {
    String program = "docker-credential-" + name;
    Optional<Path> executable = find(program);
    if (executable.isEmpty()) {
      throw new InvalidInputException(new Diagnostic(where, keyPath,
          "names the credential helper '" + name + "' but " + program + " is not on PATH; install it,"
              + " or set MODELPIPE_REGISTRY_USER and MODELPIPE_REGISTRY_PASSWORD"));
    }
    try {
      Process process = new ProcessBuilder(executable.get().toString(), "get")
          .redirectError(ProcessBuilder.Redirect.DISCARD)
          .start();
      try (OutputStream stdin = process.getOutputStream()) {
        stdin.write(server.getBytes(StandardCharsets.UTF_8));
      } catch (IOException e) {
        // A helper that answers without reading its input closes the pipe: its answer still counts.
      }
      byte[] stdout = process.getInputStream().readAllBytes();
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw failed(where, keyPath, program, "did not answer in " + TIMEOUT_SECONDS + " s");
      }
      String text = new String(stdout, StandardCharsets.UTF_8).trim();
      if (process.exitValue() != 0) {
        if (text.toLowerCase(java.util.Locale.ROOT).contains("credentials not found")) {
          return Optional.empty();
        }
        // Never print a helper's output: on some failures it is the secret itself.
        throw failed(where, keyPath, program, "exited with " + process.exitValue());
      }
      JsonNode answer = JsonMapper.builder().build().readTree(text);
      String username = answer.path("Username").asString("");
      String secret = answer.path("Secret").asString("");
      if (username.equals("<token>")) {
        throw failed(where, keyPath, program, "gave an identity token, which modelpipe does not support");
      }
      if (username.isEmpty() || secret.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(RegistryCredentials.of(username, secret, program));
    } catch (JacksonException e) {
      throw failed(where, keyPath, program, "did not answer with JSON");
    } catch (IOException e) {
      throw failed(where, keyPath, program, "could not be run: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw failed(where, keyPath, program, "was interrupted");
    }
  }

  private Optional<Path> find(String program) {
    for (String dir : searchPath.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(dir, program);
      if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }

  private static InvalidInputException failed(Location where, String keyPath, String program, String what) {
    return new InvalidInputException(new Diagnostic(where, keyPath, "credential helper " + program + " " + what));
  }

  @Override
  public String toString() {
    return "CredentialHelpers[" + searchPath + "]";
  }
}
