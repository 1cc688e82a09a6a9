package io.modelpipe.config;

import java.util.Optional;

/** A pipeline's git {@code fetch} options; accepted and kept, not acted on by modelpipe yet. */
public record Fetch(
    Optional<Boolean> shallow, Optional<Integer> depth, Optional<Boolean> submodules, Optional<Boolean> tags) {

  public static final Fetch DEFAULTS = new Fetch(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
}
