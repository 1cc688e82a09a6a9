package io.modelpipe.result;

/**
 * How a run, a pipeline or a stage ended. The names are Jenkins' build results where Jenkins has
 * one ({@code SUCCESS}, {@code FAILURE}, {@code ABORTED}), so that PipelineLib's
 * {@code pipeline-build-result:} line reads the same.
 */
public enum Status {
  /** Done, and everything it checked passed. */
  SUCCESS,
  /** Done, and something failed (a build, a test run, lint findings, a push). */
  FAILURE,
  /** Stopped from outside (a timeout, a cancelled job) before it finished. */
  ABORTED,
  /** Deliberately not done, with a reason (a publish outside a publishing context). */
  SKIPPED,
  /** Never started, because something it depends on failed or was aborted. */
  NOT_RUN;

  /** True for the outcomes that make a run fail: {@link #FAILURE} and {@link #ABORTED}. */
  public boolean isFailure() {
    return this == FAILURE || this == ABORTED;
  }
}
