package io.modelpipe.lint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where lint commands run: the seam between the linter and a place to run programs. {@link
 * AgentCommandRunner} runs them on this machine, {@link ImageCommandRunner} inside a Blubber
 * variant's image (through {@code io.modelpipe.image}).
 */
public interface CommandRunner {

  /** Where commands run, for messages: {@code agent}, {@code image <name>}. */
  String where();

  /**
   * How the tools see the project: maps {@code workingDir} (a directory of the project on this
   * machine) to the paths the tools print.
   */
  ToolPaths paths(Path projectRoot, Path workingDir);

  /**
   * Runs one command to its end.
   *
   * @throws ToolNotInstalledException when the program (or the Python module it runs) is missing
   * @throws InterruptedException when the thread is interrupted; the command is stopped
   */
  Outcome run(Request request) throws InterruptedException;

  /**
   * One command to run.
   *
   * @param env the tox env it belongs to, for messages
   * @param argv the program and its arguments as tox.ini wrote them ({@code python} means the
   *     runner's Python interpreter)
   * @param workingDir the working directory, a directory of the project on this machine
   * @param environment variables to add to the runner's environment ({@code setenv})
   * @param mergeOutput send standard error into standard output, keeping their order
   */
  record Request(String env, List<String> argv, Path workingDir, Map<String, String> environment, boolean mergeOutput) {
    public Request {
      Objects.requireNonNull(env, "env");
      argv = List.copyOf(argv);
      Objects.requireNonNull(workingDir, "workingDir");
      environment = Map.copyOf(environment);
    }
  }

  /**
   * How a command ended.
   *
   * @param exitCode the exit status
   * @param stdout standard output, decoded as UTF-8 (both streams when merged)
   * @param stderr standard error, or empty when merged
   * @param duration wall time
   */
  record Outcome(int exitCode, String stdout, String stderr, Duration duration) {}
}
