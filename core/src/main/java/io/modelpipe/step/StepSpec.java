package io.modelpipe.step;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** A Pipeline step: its function name, the CLI command it runs and its parameters. */
public final class StepSpec {

  private final String functionName;
  private final String displayName;
  private final String command;
  private final List<StepParameter> parameters;

  StepSpec(String functionName, String displayName, String command, List<StepParameter> parameters) {
    this.functionName = Objects.requireNonNull(functionName, "functionName");
    this.displayName = Objects.requireNonNull(displayName, "displayName");
    this.command = Objects.requireNonNull(command, "command");
    this.parameters = List.copyOf(parameters);
    if (parameters.stream().map(StepParameter::name).distinct().count() != parameters.size()) {
      throw new IllegalArgumentException(functionName + " declares a parameter twice");
    }
  }

  /** The name a Jenkinsfile calls, e.g. {@code modelpipeRun}. */
  public String functionName() {
    return functionName;
  }

  /** The name the Snippet Generator shows. */
  public String displayName() {
    return displayName;
  }

  /** The {@code modelpipe} subcommand the step runs, e.g. {@code run}, or {@code gerrit comment}. */
  public String command() {
    return command;
  }

  public List<StepParameter> parameters() {
    return parameters;
  }

  public Optional<StepParameter> parameter(String name) {
    return parameters.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /** The parameter names, in declaration order. */
  public List<String> parameterNames() {
    return parameters.stream().map(StepParameter::name).toList();
  }

  @Override
  public String toString() {
    return functionName;
  }
}
