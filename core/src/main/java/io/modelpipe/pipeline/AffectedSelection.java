package io.modelpipe.pipeline;

import io.modelpipe.git.Changes;
import java.util.List;
import java.util.Objects;

/**
 * The pipelines a change affects.
 *
 * @param changes what was compared, and the changed files
 * @param affected the affected pipelines, in config order
 * @param unaffected the other pipelines, in config order
 */
public record AffectedSelection(Changes changes, List<AffectedPipeline> affected, List<String> unaffected) {

  public AffectedSelection {
    Objects.requireNonNull(changes, "changes");
    affected = List.copyOf(affected);
    unaffected = List.copyOf(unaffected);
  }

  /** Names of the affected pipelines, in config order. */
  public List<String> names() {
    return affected.stream().map(AffectedPipeline::name).toList();
  }

  public boolean isEmpty() {
    return affected.isEmpty();
  }

  /** One line per reason, pipeline by pipeline. */
  public List<String> lines() {
    return affected.stream().flatMap(p -> p.lines().stream()).toList();
  }

  /** {@code 2 of 6 pipelines affected by 3 changed files (working tree against HEAD (1a2b3c4d))}. */
  public String summary() {
    int total = affected.size() + unaffected.size();
    int files = changes.paths().size();
    String what = files == 1 ? "1 changed file" : files + " changed files";
    String prefix = affected.isEmpty()
        ? "no pipeline affected"
        : affected.size() + " of " + total + (total == 1 ? " pipeline" : " pipelines") + " affected";
    return prefix + " by " + what + " (" + changes.describe() + ")";
  }
}
