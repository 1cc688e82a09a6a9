package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Docker's client configuration file, {@code config.json}: registry credentials in {@code auths}
 * (base64 {@code auth}, or {@code username} and {@code password}), and credential helpers
 * ({@code credHelpers} per registry, {@code credsStore} for all), which are run when installed.
 */
public final class DockerConfig {

  private final Path file;
  private final JsonNode root;

  private DockerConfig(Path file, JsonNode root) {
    this.file = file;
    this.root = root;
  }

  /**
   * Where docker reads its configuration: {@code $DOCKER_CONFIG/config.json}, else
   * {@code HOME/.docker/config.json}.
   */
  public static Path location(Map<String, String> environment, Path home) {
    String dir = environment.get("DOCKER_CONFIG");
    return (dir != null && !dir.isBlank() ? Path.of(dir) : home.resolve(".docker")).resolve("config.json");
  }

  /**
   * Reads the file; empty when it does not exist.
   *
   * @throws InvalidInputException when it is not a JSON object
   */
  public static Optional<DockerConfig> read(Path file) {
    if (!Files.isRegularFile(file)) {
      return Optional.empty();
    }
    try {
      JsonNode root = JsonMapper.builder().build().readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root == null || !root.isObject()) {
        throw invalid(file, "", "is not a JSON object");
      }
      return Optional.of(new DockerConfig(file, root));
    } catch (JacksonException e) {
      // Jackson's message quotes the text around the error, which may be a secret: say only where.
      throw invalid(file, "", "is not valid JSON" + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr() + ")"));
    } catch (IOException e) {
      throw invalid(file, "", "cannot be read: " + e.getMessage());
    }
  }

  public Path file() {
    return file;
  }

  /**
   * The credentials this file gives for a registry: from its credential helper if it names one,
   * else from {@code auths}; empty when there are none (anonymous push).
   *
   * @param authority {@code HOST[:PORT]}
   * @param helpers runs {@code docker-credential-NAME}
   * @throws InvalidInputException when an entry is malformed or its helper is not installed
   */
  public Optional<RegistryCredentials> credentialsFor(String authority, CredentialHelpers helpers) {
    String key = authority.toLowerCase(Locale.ROOT);
    JsonNode perRegistry = root.path("credHelpers");
    for (Map.Entry<String, JsonNode> entry : perRegistry.properties()) {
      if (serverKey(entry.getKey()).equals(key)) {
        return helpers.get(entry.getValue().asString(), authority,
            Location.ofFile(file.toString()), "credHelpers." + entry.getKey());
      }
    }
    String store = root.path("credsStore").asString("");
    if (!store.isEmpty()) {
      return helpers.get(store, authority, Location.ofFile(file.toString()), "credsStore");
    }
    for (Map.Entry<String, JsonNode> entry : root.path("auths").properties()) {
      if (serverKey(entry.getKey()).equals(key)) {
        return fromAuthEntry(entry.getValue(), "auths." + entry.getKey());
      }
    }
    return Optional.empty();
  }

  private Optional<RegistryCredentials> fromAuthEntry(JsonNode entry, String keyPath) {
    String source = file.toString();
    String auth = entry.path("auth").asString("");
    if (!auth.isEmpty()) {
      String decoded;
      try {
        decoded = new String(Base64.getDecoder().decode(auth.trim()), StandardCharsets.UTF_8);
      } catch (IllegalArgumentException e) {
        throw invalid(file, keyPath + ".auth", "is not base64 of USER:PASSWORD");
      }
      int colon = decoded.indexOf(':');
      if (colon <= 0 || colon == decoded.length() - 1) {
        throw invalid(file, keyPath + ".auth", "is not base64 of USER:PASSWORD");
      }
      return Optional.of(RegistryCredentials.of(decoded.substring(0, colon), decoded.substring(colon + 1), source));
    }
    String username = entry.path("username").asString("");
    String password = entry.path("password").asString("");
    if (!username.isEmpty() && !password.isEmpty()) {
      return Optional.of(RegistryCredentials.of(username, password, source));
    }
    if (!entry.path("identitytoken").asString("").isEmpty()) {
      throw invalid(file, keyPath + ".identitytoken",
          "identity tokens (OAuth refresh tokens) are not supported; set MODELPIPE_REGISTRY_USER and"
              + " MODELPIPE_REGISTRY_PASSWORD instead");
    }
    // An empty entry is what `docker login` leaves when a credential store holds the secret.
    return Optional.empty();
  }

  /** A key of {@code auths} or {@code credHelpers} as {@code host[:port]}: no scheme, no path. */
  static String serverKey(String key) {
    String stripped = key.trim().toLowerCase(Locale.ROOT).replaceFirst("^https?://", "");
    int slash = stripped.indexOf('/');
    return slash < 0 ? stripped : stripped.substring(0, slash);
  }

  static InvalidInputException invalid(Path file, String keyPath, String message) {
    return new InvalidInputException(new Diagnostic(Location.ofFile(file.toString()), keyPath, message));
  }

  @Override
  public String toString() {
    return "DockerConfig[" + file + "]";
  }
}
