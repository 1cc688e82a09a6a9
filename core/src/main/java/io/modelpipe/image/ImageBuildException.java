package io.modelpipe.image;

import java.util.List;
import java.util.Optional;

/**
 * A build the engine ran failed: an instruction failed, or the engine rejected the Dockerfile. The
 * command line maps it to exit code 1 (a stage failed), unlike a missing engine (3) or invalid
 * input (2).
 */
public final class ImageBuildException extends RuntimeException {

  private final Optional<String> failedStep;
  private final List<String> output;

  /**
   * @param failedStep the step that failed as the engine names it, e.g. {@code Step 5/12 : RUN
   *     make}, when known
   * @param error the engine's error, one line
   * @param output the failed step's output lines
   */
  public ImageBuildException(Optional<String> failedStep, String error, List<String> output) {
    super(failedStep.map(s -> "build failed at " + s + ": ").orElse("build failed: ") + error);
    this.failedStep = failedStep;
    this.output = List.copyOf(output);
  }

  /** The step that failed, e.g. {@code Step 5/12 : RUN make}. */
  public Optional<String> failedStep() {
    return failedStep;
  }

  /** What the failed step printed. */
  public List<String> output() {
    return output;
  }
}
