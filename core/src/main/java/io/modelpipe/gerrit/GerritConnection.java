package io.modelpipe.gerrit;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Gerrit's URL and credentials, from (first found wins, value by value) command-line flags, the
 * environment ({@code MODELPIPE_GERRIT_URL}, {@code MODELPIPE_GERRIT_USER},
 * {@code MODELPIPE_GERRIT_PASSWORD} (an HTTP password), {@code MODELPIPE_GERRIT_TOKEN}), and a
 * credentials file ({@code --credentials-file} or {@code MODELPIPE_GERRIT_CREDENTIALS}): a Java
 * properties file with {@code url}, {@code user}, {@code password}, {@code token}.
 *
 * <p>A user with a password authenticates with HTTP basic auth; a token alone as a bearer token.
 * No message of this class ever contains a secret.
 *
 * @param url Gerrit's base URL, when given
 * @param credentials the credentials, when given
 */
public record GerritConnection(Optional<URI> url, Optional<GerritCredentials> credentials) {

  public static final String ENV_URL = "MODELPIPE_GERRIT_URL";
  public static final String ENV_USER = "MODELPIPE_GERRIT_USER";
  public static final String ENV_PASSWORD = "MODELPIPE_GERRIT_PASSWORD";
  public static final String ENV_TOKEN = "MODELPIPE_GERRIT_TOKEN";
  public static final String ENV_CREDENTIALS = "MODELPIPE_GERRIT_CREDENTIALS";

  public GerritConnection {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
  }

  /** What the command line gave; every part optional. */
  public record Flags(Optional<String> url, Optional<String> user, Optional<Secret> password,
      Optional<Secret> token, Optional<Path> credentialsFile) {

    public static Flags none() {
      return new Flags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
    }

    @Override
    public String toString() {
      return "Flags[url=" + url + ", user=" + user + ", password=" + password.map(p -> "****")
          + ", token=" + token.map(p -> "****") + ", credentialsFile=" + credentialsFile + "]";
    }
  }

  /**
   * Resolves the connection.
   *
   * @param warnings receives a warning when the credentials file can be read by others
   * @throws InvalidInputException when the URL is not a usable URL, the credentials file cannot be
   *     read, or both a password and a token are given
   */
  public static GerritConnection resolve(Flags flags, Map<String, String> env, Consumer<String> warnings) {
    Optional<Path> file = flags.credentialsFile().or(() -> nonEmpty(env.get(ENV_CREDENTIALS)).map(Path::of));
    Properties props = file.map(f -> load(f, warnings)).orElseGet(Properties::new);
    String fileName = file.map(Path::toString).orElse("");

    Optional<String> urlText = flags.url().or(() -> nonEmpty(env.get(ENV_URL)))
        .or(() -> nonEmpty(props.getProperty("url")));
    Optional<URI> url;
    try {
      url = urlText.map(GerritUrls::parse);
    } catch (IllegalArgumentException e) {
      throw invalid(flags.url().isPresent() ? "--url" : env.containsKey(ENV_URL) ? ENV_URL : fileName, e.getMessage());
    }
    Optional<String> user = flags.user().or(() -> nonEmpty(env.get(ENV_USER)))
        .or(() -> nonEmpty(props.getProperty("user")));
    Optional<Secret> password = flags.password().or(() -> nonEmpty(env.get(ENV_PASSWORD)).map(Secret::of))
        .or(() -> nonEmpty(props.getProperty("password")).map(Secret::of));
    Optional<Secret> token = flags.token().or(() -> nonEmpty(env.get(ENV_TOKEN)).map(Secret::of))
        .or(() -> nonEmpty(props.getProperty("token")).map(Secret::of));

    if (password.isPresent() && token.isPresent()) {
      throw invalid("credentials", "both an HTTP password and a token are given; give one");
    }
    Optional<GerritCredentials> credentials = Optional.empty();
    if (password.isPresent()) {
      if (user.isEmpty()) {
        throw invalid("credentials", "an HTTP password needs a user: --user or " + ENV_USER);
      }
      try {
        credentials = Optional.of(new GerritCredentials.HttpPassword(user.get(), password.get()));
      } catch (IllegalArgumentException e) {
        throw invalid("credentials", e.getMessage());
      }
    } else if (token.isPresent()) {
      credentials = Optional.of(new GerritCredentials.BearerToken(token.get()));
    }
    return new GerritConnection(url, credentials);
  }

  /** The credentials, or a clear error naming where they can come from. */
  public GerritCredentials requireCredentials() {
    return credentials.orElseThrow(() -> invalid("credentials",
        "no Gerrit credentials: give --user and --password-stdin (an HTTP password) or --token-stdin, or set "
            + ENV_USER + " and " + ENV_PASSWORD + ", or " + ENV_TOKEN + ", or a credentials file (" + ENV_CREDENTIALS + ")"));
  }

  /** The URL, or a clear error. */
  public URI requireUrl() {
    return url.orElseThrow(() -> invalid("url", "no Gerrit URL: give --url or set " + ENV_URL));
  }

  private static Properties load(Path file, Consumer<String> warnings) {
    Properties props = new Properties();
    try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      props.load(reader);
    } catch (IOException | IllegalArgumentException e) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(file.toString()), "",
          "cannot read the Gerrit credentials file (" + e.getClass().getSimpleName() + ")"));
    }
    for (String key : props.stringPropertyNames()) {
      if (!Set.of("url", "user", "password", "token").contains(key)) {
        throw new InvalidInputException(new Diagnostic(Location.ofFile(file.toString()), key,
            "unknown key; a credentials file has url, user, password, token"));
      }
    }
    try {
      Set<PosixFilePermission> perms = Files.getPosixFilePermissions(file);
      if (perms.contains(PosixFilePermission.GROUP_READ) || perms.contains(PosixFilePermission.OTHERS_READ)) {
        warnings.accept("warning: " + file + " can be read by other users; chmod 600 it");
      }
    } catch (IOException | UnsupportedOperationException e) {
      // Not a POSIX file system: nothing to check.
    }
    return props;
  }

  private static Optional<String> nonEmpty(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }

  private static InvalidInputException invalid(String where, String message) {
    return new InvalidInputException(new Diagnostic(Location.ofFile(where), "", message));
  }
}
