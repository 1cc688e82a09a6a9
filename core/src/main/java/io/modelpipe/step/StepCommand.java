package io.modelpipe.step;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How to run a step's engine process: {@code java -jar ENGINE_JAR} followed by {@link #arguments()},
 * in {@link #workingDirectory()}, with the build's environment plus {@link #environment()}.
 * Secrets are only in the environment, never in the arguments; {@link #secrets()} are the values
 * to mask in the build log.
 */
public final class StepCommand {

  private final List<String> arguments;
  private final Map<String, String> environment;
  private final List<String> secrets;
  private final String resultFile;
  private final String workingDirectory;
  private final Optional<String> standardInput;

  StepCommand(List<String> arguments, Map<String, String> environment, List<String> secrets, String resultFile,
      String workingDirectory, Optional<String> standardInput) {
    this.arguments = List.copyOf(arguments);
    this.environment = Collections.unmodifiableMap(new LinkedHashMap<>(environment));
    this.secrets = List.copyOf(secrets);
    this.resultFile = Objects.requireNonNull(resultFile, "resultFile");
    this.workingDirectory = Objects.requireNonNull(workingDirectory, "workingDirectory");
    this.standardInput = Objects.requireNonNull(standardInput, "standardInput");
  }

  /** The subcommand and its flags, without {@code java -jar JAR}; never a secret. */
  public List<String> arguments() {
    return arguments;
  }

  /** Variables to add to the process environment: {@code MODELPIPE_*} settings and credentials. */
  public Map<String, String> environment() {
    return environment;
  }

  /** The secret values the environment carries, to mask wherever output is shown. */
  public List<String> secrets() {
    return secrets;
  }

  /** Where the engine writes the result JSON. */
  public String resultFile() {
    return resultFile;
  }

  /** The directory to run in: the workspace. */
  public String workingDirectory() {
    return workingDirectory;
  }

  /** Text to give the process on standard input (the result a review posts); empty for none. */
  public Optional<String> standardInput() {
    return standardInput;
  }

  @Override
  public String toString() {
    // arguments hold no secret; the environment's values may
    return "StepCommand{arguments=" + arguments + ", environment=" + environment.keySet() + "}";
  }
}
