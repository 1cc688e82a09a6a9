package io.modelpipe.result;

import io.modelpipe.trigger.Change;
import io.modelpipe.trigger.EventKind;
import io.modelpipe.trigger.TriggerContext;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * What triggered a run, as far as the result needs it: the change and patch set to report to, and
 * the CI job that ran. Built by the runner from the trigger context (package {@code trigger}).
 *
 * @param kind the kind of event
 * @param project the Gerrit project of the change, e.g. {@code machinelearning/liftwing/inference-services}
 * @param change the change number, when the event concerns a change
 * @param patchSet the patch set number, when known
 * @param zuulPipeline Zuul's pipeline ({@code ZUUL_PIPELINE}), when Zuul triggered the run
 * @param job the CI job's name (Jenkins {@code JOB_NAME}), when known
 * @param build the job's build number or id (Jenkins {@code BUILD_NUMBER}), when known
 * @param buildUrl where the build can be seen (Jenkins {@code BUILD_URL}), when known
 */
public record TriggerInfo(
    EventKind kind,
    Optional<String> project,
    OptionalInt change,
    OptionalInt patchSet,
    Optional<String> zuulPipeline,
    Optional<String> job,
    Optional<String> build,
    Optional<String> buildUrl) {

  public TriggerInfo {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(change, "change");
    Objects.requireNonNull(patchSet, "patchSet");
    Objects.requireNonNull(zuulPipeline, "zuulPipeline");
    Objects.requireNonNull(job, "job");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(buildUrl, "buildUrl");
    if (change.isPresent() && change.getAsInt() <= 0 || patchSet.isPresent() && patchSet.getAsInt() <= 0) {
      throw new IllegalArgumentException("change and patch set numbers are positive");
    }
  }

  /** A run started by hand, with nothing known about a change or a job. */
  public static TriggerInfo manual() {
    return new TriggerInfo(EventKind.MANUAL, Optional.empty(), OptionalInt.empty(), OptionalInt.empty(),
        Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The trigger as a result records it: the change and event from the trigger context, the job from
   * Jenkins' variables ({@code JOB_NAME}, {@code BUILD_NUMBER}, {@code BUILD_URL}) when present.
   */
  public static TriggerInfo of(TriggerContext trigger, Map<String, String> ciEnvironment) {
    Optional<Change> change = trigger.change();
    return new TriggerInfo(trigger.kind(), trigger.project(),
        change.map(c -> OptionalInt.of(c.number())).orElse(OptionalInt.empty()),
        change.map(Change::patchSet).orElse(OptionalInt.empty()),
        trigger.zuulPipeline(),
        nonBlank(ciEnvironment.get("JOB_NAME")),
        nonBlank(ciEnvironment.get("BUILD_NUMBER")).or(() -> nonBlank(ciEnvironment.get("BUILD_ID"))),
        nonBlank(ciEnvironment.get("BUILD_URL")));
  }

  private static Optional<String> nonBlank(String value) {
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
  }
}
