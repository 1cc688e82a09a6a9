package io.modelpipe.result;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The result of one {@code modelpipe run}: what ran, for which change, and how it ended. Written by
 * the runner at teardown, read back by {@code modelpipe gerrit comment}; the JSON form is
 * {@link RunResults}'.
 *
 * @param setup the setup values the run used
 * @param trigger what triggered it
 * @param status the overall outcome ({@link Status#SUCCESS}, {@link Status#FAILURE} or {@link Status#ABORTED})
 * @param pipelines the pipelines run, in order
 * @param review what became of its review on the Gerrit change, once it was posted (or queued)
 * @param warnings located remarks of the check before the run ({@code file:line:col: key: message}), e.g.
 *     problems only pipelines not run read
 */
public record RunResult(RunSetup setup, TriggerInfo trigger, Status status, List<PipelineResult> pipelines,
    Optional<ReviewResult> review, List<String> warnings) {

  /** A result before its review was posted. */
  public RunResult(RunSetup setup, TriggerInfo trigger, Status status, List<PipelineResult> pipelines) {
    this(setup, trigger, status, pipelines, Optional.empty(), List.of());
  }

  /** A result without warnings. */
  public RunResult(RunSetup setup, TriggerInfo trigger, Status status, List<PipelineResult> pipelines,
      Optional<ReviewResult> review) {
    this(setup, trigger, status, pipelines, review, List.of());
  }

  /** A result before its review was posted, with the check's warnings. */
  public RunResult(RunSetup setup, TriggerInfo trigger, Status status, List<PipelineResult> pipelines,
      List<String> warnings) {
    this(setup, trigger, status, pipelines, Optional.empty(), warnings);
  }

  public RunResult {
    Objects.requireNonNull(review, "review");
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(status, "status");
    pipelines = List.copyOf(pipelines);
    warnings = List.copyOf(warnings);
    if (status == Status.SKIPPED || status == Status.NOT_RUN) {
      throw new IllegalArgumentException("a run's status is SUCCESS, FAILURE or ABORTED, not " + status);
    }
    Set<String> seen = new HashSet<>();
    for (PipelineResult pipeline : pipelines) {
      if (!seen.add(pipeline.name())) {
        throw new IllegalArgumentException("pipeline '" + pipeline.name() + "' appears twice");
      }
    }
  }

  /** Every lint finding of every stage, in pipeline and stage order. */
  public List<LintFinding> findings() {
    return pipelines.stream().flatMap(p -> p.stages().stream()).flatMap(s -> s.findings().stream()).toList();
  }

  /** This result with what became of its review. */
  public RunResult withReview(ReviewResult value) {
    return new RunResult(setup, trigger, status, pipelines, Optional.of(value), warnings);
  }
}
