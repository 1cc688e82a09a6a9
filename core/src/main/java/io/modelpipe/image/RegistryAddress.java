package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where images are published: a registry host, an optional port and an optional namespace, written
 * {@code HOST[:PORT][/NAMESPACE]} (e.g. {@code docker-registry.wikimedia.org/wikimedia},
 * {@code 127.0.0.1:5000}).
 *
 * @param host the host name or IPv4 address, lowercased
 * @param port the port, or 0 for the scheme's default
 * @param namespace path components before the image name ({@code a/b}), or empty
 */
public record RegistryAddress(String host, int port, String namespace) {

  private static final Pattern HOST =
      Pattern.compile("(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*");

  /** Where the problem is reported when the value came from a flag or the environment. */
  static final Location SOURCE = Location.ofFile("publish");

  public RegistryAddress {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(namespace, "namespace");
    List<String> problems = problems(host, port, namespace);
    if (!problems.isEmpty()) {
      throw invalid(problems);
    }
    host = host.toLowerCase(Locale.ROOT);
  }

  /**
   * Parses {@code HOST[:PORT][/NAMESPACE]}; a leading {@code http://} or {@code https://} and a
   * trailing {@code /} are tolerated, as users copy them from browsers.
   *
   * @throws InvalidInputException with every problem of the text
   */
  public static RegistryAddress parse(String text) {
    Objects.requireNonNull(text, "text");
    String rest = text.trim().replaceFirst("^(?i)https?://", "");
    while (rest.endsWith("/")) {
      rest = rest.substring(0, rest.length() - 1);
    }
    if (rest.isEmpty()) {
      throw invalid(List.of("the registry is empty; write HOST[:PORT][/NAMESPACE]"));
    }
    int slash = rest.indexOf('/');
    String authority = slash < 0 ? rest : rest.substring(0, slash);
    String namespace = slash < 0 ? "" : rest.substring(slash + 1);
    int colon = authority.lastIndexOf(':');
    String host = colon < 0 ? authority : authority.substring(0, colon);
    int port = 0;
    if (colon >= 0) {
      String digits = authority.substring(colon + 1);
      if (!digits.matches("[0-9]{1,5}") || Integer.parseInt(digits) < 1 || Integer.parseInt(digits) > 65535) {
        throw invalid(List.of("'" + text + "': the port '" + digits + "' is not a number from 1 to 65535"));
      }
      port = Integer.parseInt(digits);
    }
    return new RegistryAddress(host, port, namespace);
  }

  /** {@code HOST[:PORT]}, the key of docker's {@code config.json} and of the engine's login. */
  public String authority() {
    return port == 0 ? host : host + ":" + port;
  }

  /** The repository of an image name in this registry: {@code HOST[:PORT][/NAMESPACE]/NAME}. */
  public String repository(String name) {
    return authority() + "/" + (namespace.isEmpty() ? "" : namespace + "/") + name;
  }

  /** The repository path inside the registry, as the registry API names it: {@code [NAMESPACE/]NAME}. */
  public String path(String name) {
    return (namespace.isEmpty() ? "" : namespace + "/") + name;
  }

  @Override
  public String toString() {
    return authority() + (namespace.isEmpty() ? "" : "/" + namespace);
  }

  private static List<String> problems(String host, int port, String namespace) {
    List<String> problems = new ArrayList<>();
    if (!HOST.matcher(host).matches()) {
      problems.add("'" + host + "' is not a valid registry host name");
    } else if (port == 0 && !host.contains(".") && !host.equalsIgnoreCase("localhost")) {
      // Docker reads a first component without '.', ':' or "localhost" as a Docker Hub namespace.
      problems.add("'" + host + "' would be read by Docker as a Docker Hub namespace, not a registry;"
          + " write a host with a dot or a port, or localhost");
    }
    if (port < 0 || port > 65535) {
      problems.add("the port " + port + " is not from 1 to 65535");
    }
    if (!namespace.isEmpty()) {
      for (String component : namespace.split("/", -1)) {
        if (!ImageReference.isValidPathComponent(component)) {
          problems.add("the namespace '" + namespace + "' is not valid: " + ImageReference.NAME_RULE);
          break;
        }
      }
    }
    return problems;
  }

  private static InvalidInputException invalid(List<String> problems) {
    return new InvalidInputException(
        problems.stream().map(p -> new Diagnostic(SOURCE, "registry", p)).toList());
  }
}
