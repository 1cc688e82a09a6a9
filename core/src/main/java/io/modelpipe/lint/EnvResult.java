package io.modelpipe.lint;

import java.time.Duration;
import java.util.List;

/**
 * One tox env, run.
 *
 * @param name the env
 * @param passed every command exited 0 (or was to be ignored) and no finding was reported
 * @param duration wall time of all its commands
 * @param commands the commands that ran, in order (tox stops an env at the first failing command
 *     unless {@code ignore_errors})
 */
public record EnvResult(String name, boolean passed, Duration duration, List<CommandResult> commands) {

  public EnvResult {
    commands = List.copyOf(commands);
  }

  public List<Finding> findings() {
    return commands.stream().flatMap(c -> c.findings().stream()).toList();
  }

  public List<String> unrecognised() {
    return commands.stream().flatMap(c -> c.unrecognised().stream()).toList();
  }

  /** Why the env failed in one line, or empty when it passed. */
  public String failure() {
    if (passed) {
      return "";
    }
    int findings = findings().size();
    if (findings > 0) {
      return findings == 1 ? "1 finding" : findings + " findings";
    }
    return commands.stream().filter(CommandResult::failed).findFirst()
        .map(c -> "'" + Words.join(c.argv()) + "' exited with status " + c.exitCode() + " and reported no finding modelpipe recognises")
        .orElse("failed");
  }
}
