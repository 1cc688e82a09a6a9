package io.modelpipe.blubber;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The account the entrypoint runs as, and its environment.
 *
 * @param in working directory at run time, when it differs from {@code lives.in}
 * @param environment variables set before the entrypoint runs, in declaration order
 * @param insecurely run as the {@code lives} account (which owns the files) instead
 */
public record Runs(String as, long uid, long gid, Optional<String> in, Map<String, String> environment, boolean insecurely) {

  /** Blubber's defaults: {@code runuser} 900:900. */
  public static final Runs DEFAULT = new Runs("runuser", 900, 900, Optional.empty(), Map.of(), false);

  public Runs {
    Values.text(as, "as");
    Objects.requireNonNull(in, "in");
    environment = Values.orderedMap(environment, "environment");
    if (uid < 0 || gid < 0) {
      throw new IllegalArgumentException("uid and gid must not be negative");
    }
  }
}
