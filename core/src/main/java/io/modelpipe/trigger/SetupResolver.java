package io.modelpipe.trigger;

import io.modelpipe.config.Setup;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * The {@code ${setup.*}} values of a run: from the trigger context (which already holds the
 * command-line values over the environment's), else the working copy (asked for only when a value is
 * still unknown: reading git costs more than the rest of a plan), else the directory name for the
 * project and the current time for the timestamp; empty for the rest.
 */
public final class SetupResolver {

  /**
   * What the working copy says when the trigger does not (from git).
   *
   * @param project the project, e.g. from the remote URL or the directory name
   * @param commit the checked-out commit, or empty
   * @param branch the checked-out branch, or empty
   * @param projectKnown false when {@code project} is only a guess (a directory name)
   */
  public record Defaults(String project, String commit, String branch, boolean projectKnown) {
    public Defaults {
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(branch, "branch");
    }

    /** Defaults whose project is known (from a remote naming a server). */
    public Defaults(String project, String commit, String branch) {
      this(project, commit, branch, true);
    }
  }

  private SetupResolver() {}

  /**
   * @param trigger the run's trigger context
   * @param timestamp the {@code --timestamp} value, or {@code null} for {@code now}
   * @param defaults what applies when the trigger does not say; called at most once, and only when needed
   * @param now the time the run starts
   */
  public static Setup resolve(TriggerContext trigger, String timestamp, Supplier<Defaults> defaults, Instant now) {
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(defaults, "defaults");
    Supplier<Defaults> once = memoize(defaults);
    Setup.Builder builder = Setup.builder();
    if (trigger.project().isPresent()) {
      builder.project(trigger.project().get());
    } else if (once.get().projectKnown()) {
      builder.project(once.get().project());
    } else {
      builder.guessedProject(once.get().project());
    }
    return builder
        .commit(trigger.commit().orElseGet(() -> once.get().commit()))
        .branch(trigger.branch().orElseGet(() -> once.get().branch()))
        .tag(trigger.tag().orElse(""))
        .timestamp(timestamp != null ? timestamp : Setup.timestampOf(now))
        .build();
  }

  /** As {@link #resolve(TriggerContext, String, Supplier, Instant)} with only a fallback project. */
  public static Setup resolve(TriggerContext trigger, String timestamp, String fallbackProject, Instant now) {
    return resolve(trigger, timestamp, () -> new Defaults(fallbackProject, "", "", false), now);
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    Object[] value = new Object[1];
    return () -> {
      if (value[0] == null) {
        value[0] = Objects.requireNonNull(supplier.get(), "defaults");
      }
      @SuppressWarnings("unchecked")
      T result = (T) value[0];
      return result;
    };
  }
}
