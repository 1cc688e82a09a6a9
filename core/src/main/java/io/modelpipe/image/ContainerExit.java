package io.modelpipe.image;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * How a container ended.
 *
 * @param image the image run
 * @param containerId the container, which no longer exists unless it was kept
 * @param exitCode the container's exit status; empty when it timed out (it was killed)
 * @param timedOut true when it ran past the timeout and was killed
 * @param elapsed from start to end
 * @param removed true when the container was removed
 */
public record ContainerExit(String image, String containerId, Optional<Integer> exitCode, boolean timedOut, Duration elapsed, boolean removed) {
  public ContainerExit {
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(containerId, "containerId");
    Objects.requireNonNull(exitCode, "exitCode");
    Objects.requireNonNull(elapsed, "elapsed");
  }

  /** True when the container exited 0 in time. */
  public boolean succeeded() {
    return !timedOut && exitCode.orElse(-1) == 0;
  }
}
