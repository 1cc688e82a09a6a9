package io.modelpipe.pipeline;

import java.util.Objects;

/** A stage of a pipeline, as progress output and results name it: {@code pipeline/stage}. */
public record StageId(String pipeline, String stage) {

  public StageId {
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(stage, "stage");
  }

  @Override
  public String toString() {
    return pipeline + "/" + stage;
  }
}
