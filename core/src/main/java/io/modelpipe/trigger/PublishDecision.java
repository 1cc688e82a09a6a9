package io.modelpipe.trigger;

import java.util.Objects;

/**
 * Whether a publish step runs in a trigger context, and why: the text a plan shows beside each
 * publish step and a run prints (and records in its result) when it skips one.
 *
 * @param allowed whether publishing is allowed
 * @param reason why, as a sentence fragment, e.g. {@code Zuul pipeline 'test' (patch set (test)) is
 *     not a publish context}
 */
public record PublishDecision(boolean allowed, String reason) {

  public PublishDecision {
    Objects.requireNonNull(reason, "reason");
  }

  /** The line for output: {@code publishes here: REASON} or {@code SKIPPED here: REASON}. */
  public String line() {
    return (allowed ? "publishes here: " : "SKIPPED here: ") + reason;
  }
}
