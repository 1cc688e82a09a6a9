package io.modelpipe.blubber;

import java.util.List;
import java.util.Optional;

/** Installs Composer dependencies ({@code php}). */
public record PhpBuilder(Optional<List<Artifact>> requirements, boolean production) implements Builder {

  public PhpBuilder {
    requirements = requirements.map(list -> Values.list(list, "requirements"));
  }

  @Override
  public String kind() {
    return "php";
  }
}
