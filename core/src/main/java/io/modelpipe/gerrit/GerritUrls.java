package io.modelpipe.gerrit;

import java.net.URI;
import java.net.URISyntaxException;

/** Checks and normalises Gerrit base URLs. */
final class GerritUrls {

  private GerritUrls() {}

  /**
   * Parses a base URL given by a user: {@code http} or {@code https}, a host, no credentials, no
   * query; a trailing {@code /} is added. Messages never repeat the text, which could hold a secret.
   *
   * @throws IllegalArgumentException with a message fit for users
   */
  static URI parse(String text) {
    URI uri;
    try {
      uri = new URI(text.strip());
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the Gerrit URL is not a valid URL");
    }
    return normalize(uri);
  }

  static URI normalize(URI uri) {
    String scheme = uri.getScheme();
    if (scheme == null || !(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
      throw new IllegalArgumentException("the Gerrit URL must be an http:// or https:// URL with a host");
    }
    if (uri.getRawUserInfo() != null) {
      throw new IllegalArgumentException(
          "the Gerrit URL must not carry credentials; give them with --user and --password-stdin or MODELPIPE_GERRIT_*");
    }
    if (uri.getRawQuery() != null || uri.getRawFragment() != null) {
      throw new IllegalArgumentException("the Gerrit URL must not have a query or a fragment");
    }
    String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
    if (!path.endsWith("/")) {
      path = path + "/";
    }
    return URI.create(scheme + "://" + uri.getRawAuthority() + path);
  }
}
