package io.modelpipe.lint;

import io.modelpipe.yaml.Location;
import java.util.List;
import java.util.Objects;

/**
 * One command of a tox env, after factors and substitutions, split into words as tox splits them.
 *
 * @param argv the program and its arguments, never empty
 * @param ignoreExitCode the line started with {@code -}: a non-zero exit does not fail the env
 * @param location where the command is written in {@code tox.ini}
 */
public record ToxCommand(List<String> argv, boolean ignoreExitCode, Location location) {

  public ToxCommand {
    argv = List.copyOf(argv);
    if (argv.isEmpty()) {
      throw new IllegalArgumentException("a command needs a program");
    }
    Objects.requireNonNull(location, "location");
  }

  /** The command as a shell would read it, for messages and reports. */
  public String display() {
    return Words.join(argv);
  }
}
