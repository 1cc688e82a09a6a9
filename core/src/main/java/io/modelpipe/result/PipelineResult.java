package io.modelpipe.result;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * How one pipeline of {@code .pipeline/config.yaml} ended.
 *
 * @param name the pipeline's name
 * @param status how it ended
 * @param stages its stages, in execution order
 */
public record PipelineResult(String name, Status status, List<StageResult> stages) {

  public PipelineResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    stages = List.copyOf(stages);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a pipeline has a name");
    }
    Set<String> seen = new HashSet<>();
    for (StageResult stage : stages) {
      if (!seen.add(stage.name())) {
        throw new IllegalArgumentException("pipeline " + name + ": stage '" + stage.name() + "' appears twice");
      }
    }
  }

  /** The first stage that failed or was aborted, in execution order. */
  public Optional<StageResult> firstFailedStage() {
    return stages.stream().filter(s -> s.status().isFailure()).findFirst();
  }
}
