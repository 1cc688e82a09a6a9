package io.modelpipe.trigger;

/** Where a run's trigger context came from. */
public enum TriggerSource {
  /** Zuul's {@code ZUUL_*} job parameters. */
  ZUUL("zuul", "Zuul"),
  /** The Jenkins Gerrit Trigger plugin's {@code GERRIT_*} build parameters. */
  GERRIT_TRIGGER("gerrit-trigger", "Gerrit Trigger"),
  /** Only command-line flags ({@code --event}, {@code --change}, {@code --patchset}). */
  COMMAND_LINE("command-line", "command line"),
  /** Nothing: no trigger variables and no trigger flags. */
  NONE("none", "none");

  private final String label;
  private final String displayName;

  TriggerSource(String label, String displayName) {
    this.label = label;
    this.displayName = displayName;
  }

  /** The name JSON uses. */
  public String label() {
    return label;
  }

  /** The name people read: {@code Gerrit Trigger}. */
  public String displayName() {
    return displayName;
  }

  @Override
  public String toString() {
    return label;
  }
}
