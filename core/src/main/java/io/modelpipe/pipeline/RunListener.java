package io.modelpipe.pipeline;

import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.PublishListener;
import io.modelpipe.result.StageResult;
import java.time.Duration;

/**
 * What a run reports while it runs, for progress output. Called from the threads that run stages,
 * possibly at the same time for different stages: implementations synchronise. Every method has a
 * default that ignores the event.
 */
public interface RunListener {

  RunListener SILENT = new RunListener() {};

  /** A step of a stage starts: {@code build}, {@code run}, {@code publish} or {@code exports}. */
  default void stepStarted(StageId stage, String step, String detail) {}

  /** A step ended; {@code outcome} is a short word ({@code done}, {@code failed}, {@code skipped}). */
  default void stepFinished(StageId stage, String step, String outcome, Duration duration, String detail) {}

  /** A stage ended. */
  default void stageFinished(StageId stage, StageResult result) {}

  /** Where a stage's build progress goes. */
  default ProgressListener buildProgress(StageId stage) {
    return ProgressListener.SILENT;
  }

  /** Where the output of a stage's container goes, secrets masked. */
  default void runOutput(StageId stage, String line) {}

  /** Where a stage's push progress goes. */
  default PublishListener pushProgress(StageId stage) {
    return new PublishListener() {};
  }

  /** The run's teardown: removing images and containers. */
  default void teardown(String detail) {}
}
