package io.modelpipe.blubber;

import java.util.List;
import java.util.Optional;

/** One entry of {@code builders}, or one of the single-builder keys: a step that installs or builds. */
public sealed interface Builder permits CustomBuilder, NodeBuilder, PhpBuilder, PythonBuilder {

  /** The key naming this kind of builder: {@code custom}, {@code node}, {@code php} or {@code python}. */
  String kind();

  /** The files copied in before the builder runs; empty when none are declared. */
  Optional<List<Artifact>> requirements();
}
