package io.modelpipe.step;

import java.util.Objects;

/**
 * One parameter of a Pipeline step.
 *
 * @param name the name a Jenkinsfile uses, e.g. {@code registryCredentialsId}
 * @param type what values it takes
 * @param defaultValue the value when the Jenkinsfile does not set it; null when there is none (or
 *     the global configuration's applies)
 * @param required whether the step fails without it
 * @param description one or two plain sentences: the plugin's help text
 */
public record StepParameter(String name, ParameterType type, Object defaultValue, boolean required, String description) {

  public StepParameter {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(description, "description");
    if (!name.matches("[a-z][A-Za-z0-9]*")) {
      throw new IllegalArgumentException("not a parameter name: " + name);
    }
  }

  static StepParameter optional(String name, ParameterType type, Object defaultValue, String description) {
    return new StepParameter(name, type, defaultValue, false, description);
  }

  static StepParameter required(String name, ParameterType type, String description) {
    return new StepParameter(name, type, null, true, description);
  }
}
