package io.modelpipe.gerrit;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Objects;
import java.util.Optional;

/** How modelpipe authenticates to Gerrit's REST API ({@code /a/...}). Never shows its secret. */
public sealed interface GerritCredentials {

  /** The {@code Authorization} header value. */
  String authorizationHeader();

  /** Who is authenticating, for error messages ({@code user 'bot'}, {@code a bearer token}). */
  String describe();

  /** The secret, to check that output does not contain it. */
  Secret secret();

  /** The account's user name, when there is one. */
  default Optional<String> user() {
    return Optional.empty();
  }

  /** A user name and its Gerrit HTTP password (Settings › HTTP Credentials), sent as HTTP basic auth. */
  record HttpPassword(String username, Secret password) implements GerritCredentials {

    public HttpPassword {
      Objects.requireNonNull(username, "username");
      Objects.requireNonNull(password, "password");
      if (username.isBlank() || username.contains(":")) {
        throw new IllegalArgumentException("a Gerrit user name is not empty and has no ':'");
      }
    }

    @Override
    public String authorizationHeader() {
      String pair = username + ":" + password.reveal();
      return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public String describe() {
      return "user '" + username + "'";
    }

    @Override
    public Secret secret() {
      return password;
    }

    @Override
    public Optional<String> user() {
      return Optional.of(username);
    }

    @Override
    public String toString() {
      return "HttpPassword[username=" + username + ", password=****]";
    }
  }

  /** A bearer token (Gerrit behind an OAuth or token-auth front end). */
  record BearerToken(Secret token) implements GerritCredentials {

    public BearerToken {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public String authorizationHeader() {
      return "Bearer " + token.reveal();
    }

    @Override
    public String describe() {
      return "a bearer token";
    }

    @Override
    public Secret secret() {
      return token;
    }

    @Override
    public String toString() {
      return "BearerToken[****]";
    }
  }
}
