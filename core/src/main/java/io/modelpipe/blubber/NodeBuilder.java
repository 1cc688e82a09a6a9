package io.modelpipe.blubber;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** Installs npm dependencies ({@code node}). */
public record NodeBuilder(
    Optional<List<Artifact>> requirements, Optional<String> env, boolean useNpmCi, boolean allowDedupeFailure)
    implements Builder {

  public NodeBuilder {
    requirements = requirements.map(list -> Values.list(list, "requirements"));
    Objects.requireNonNull(env, "env");
  }

  @Override
  public String kind() {
    return "node";
  }
}
