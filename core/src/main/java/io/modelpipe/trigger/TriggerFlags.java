package io.modelpipe.trigger;

/**
 * The command-line values that describe a run's trigger, as typed; {@code null} when not given. They
 * win over the environment, value by value. Checked by {@link TriggerReader}.
 *
 * @param project {@code --project}: a project path or a git remote URL
 * @param commit {@code --commit}
 * @param branch {@code --branch}
 * @param tag {@code --tag}: a name or {@code refs/tags/NAME}; empty for "no tag", overriding the environment
 * @param event {@code --event}: an {@link EventKind} label
 * @param change {@code --change}: a change number
 * @param patchSet {@code --patchset}: a patch set number
 */
public record TriggerFlags(
    String project, String commit, String branch, String tag, String event, String change, String patchSet) {

  public static final TriggerFlags NONE = new TriggerFlags(null, null, null, null, null, null, null);

  /** Whether a flag that describes the event itself (not only setup values) is given. */
  public boolean describesEvent() {
    return event != null || change != null || patchSet != null;
  }
}
