package io.modelpipe.gerrit;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.TriggerInfo;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The patch set a review goes to.
 *
 * @param project the Gerrit project, e.g. {@code machinelearning/liftwing/inference-services}
 * @param change the change number
 * @param patchSet the patch set number
 */
public record ChangeTarget(String project, int change, int patchSet) {

  public ChangeTarget {
    Objects.requireNonNull(project, "project");
    if (project.isBlank()) {
      throw new IllegalArgumentException("a change target names its project");
    }
    if (change <= 0 || patchSet <= 0) {
      throw new IllegalArgumentException("change and patch set numbers are positive");
    }
  }

  /**
   * The patch set a result names: its trigger's change and patch set, in its trigger's project or
   * else its setup project. Empty when the run was not about a change (a manual run, a tag).
   *
   * <p>This is the seam where the trigger context plugs in: the runner fills the result's
   * {@link TriggerInfo} from {@code trigger.TriggerContext}; commands that post a stored result
   * may override each part with flags ({@code --project}, {@code --change}, {@code --patchset}).
   */
  public static Optional<ChangeTarget> of(RunResult result) {
    return of(result, Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
  }

  /** Like {@link #of(RunResult)}, each part overridden when given. */
  public static Optional<ChangeTarget> of(
      RunResult result, Optional<String> project, OptionalInt change, OptionalInt patchSet) {
    TriggerInfo trigger = result.trigger();
    Optional<String> p = project.or(trigger::project)
        .or(() -> Optional.of(result.setup().project()).filter(s -> !s.isBlank()));
    OptionalInt c = change.isPresent() ? change : trigger.change();
    OptionalInt ps = patchSet.isPresent() ? patchSet : trigger.patchSet();
    if (p.isEmpty() || c.isEmpty() || ps.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(new ChangeTarget(p.get(), c.getAsInt(), ps.getAsInt()));
  }

  /** The change's id in REST paths, {@code project~number}, with the project URL-encoded ({@code /} as {@code %2F}). */
  public String restId() {
    return encode(project) + "~" + change;
  }

  /** How people name it: {@code machinelearning/liftwing/inference-services~1234 patch set 2}. */
  public String describe() {
    return project + "~" + change + " patch set " + patchSet;
  }

  static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
