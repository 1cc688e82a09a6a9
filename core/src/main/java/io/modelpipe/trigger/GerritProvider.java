package io.modelpipe.trigger;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Gerrit server an event came from, as the Gerrit Trigger plugin names it ({@code GERRIT_NAME},
 * {@code GERRIT_HOST}, {@code GERRIT_PORT}, {@code GERRIT_SCHEME}, {@code GERRIT_VERSION}). The
 * host, port and scheme are those of the event stream (usually SSH on 29418), not of the REST API.
 */
public record GerritProvider(
    Optional<String> name, Optional<String> host, OptionalInt port, Optional<String> scheme, Optional<String> version) {

  public GerritProvider {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(port, "port");
    Objects.requireNonNull(scheme, "scheme");
    Objects.requireNonNull(version, "version");
  }

  /** Whether nothing is known. */
  public boolean isEmpty() {
    return name.isEmpty() && host.isEmpty() && port.isEmpty() && scheme.isEmpty() && version.isEmpty();
  }
}
