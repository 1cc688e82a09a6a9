package io.modelpipe.lint;

import java.time.Duration;
import java.util.List;

/**
 * One command of an env, run.
 *
 * @param argv the command as tox.ini wrote it (after substitutions)
 * @param tool the tool whose parser read the output ({@code flake8}), or the program's name
 * @param exitCode its exit status
 * @param ignoreExitCode the command started with {@code -}
 * @param duration wall time
 * @param findings what the parser recognised
 * @param unrecognised output lines no parser recognised, verbatim
 * @param output the whole output (standard output, then standard error)
 */
public record CommandResult(
    List<String> argv, String tool, int exitCode, boolean ignoreExitCode, Duration duration,
    List<Finding> findings, List<String> unrecognised, String output) {

  public CommandResult {
    argv = List.copyOf(argv);
    findings = List.copyOf(findings);
    unrecognised = List.copyOf(unrecognised);
  }

  /** The command failed its env: a non-zero exit that was not to be ignored. */
  public boolean failed() {
    return exitCode != 0 && !ignoreExitCode;
  }
}
