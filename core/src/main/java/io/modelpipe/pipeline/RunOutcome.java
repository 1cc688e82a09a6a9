package io.modelpipe.pipeline;

import io.modelpipe.ServiceUnavailableException;
import io.modelpipe.result.RunResult;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How a run ended: its result, and what the result does not say.
 *
 * @param result the result, as written to JSON and reported to Gerrit
 * @param runId the run's id, the tag of its local image names
 * @param unavailable the first service failure (engine, registry) a stage ended with, if any
 * @param teardownProblems what teardown could not remove
 */
public record RunOutcome(
    RunResult result, String runId, Optional<ServiceUnavailableException> unavailable, List<String> teardownProblems) {

  public RunOutcome {
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(runId, "runId");
    Objects.requireNonNull(unavailable, "unavailable");
    teardownProblems = List.copyOf(teardownProblems);
  }
}
