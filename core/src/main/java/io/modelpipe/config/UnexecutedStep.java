package io.modelpipe.config;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/**
 * A PipelineLib step that is parsed and validated but that modelpipe does not execute
 * ({@code copy}, {@code promote}, {@code deploy}, {@code trigger}); a plan that includes one says so.
 *
 * @param step the step's key
 * @param config the step's configuration as written
 * @param keyPath key path of the step's value
 */
public record UnexecutedStep(String step, JsonNode config, String keyPath) {

  public UnexecutedStep {
    Objects.requireNonNull(step, "step");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(keyPath, "keyPath");
  }

  /** Why modelpipe does not run this step, as a sentence fragment. */
  public String reason() {
    return switch (step) {
      case "copy" -> "copying files out of stopped containers is not implemented";
      case "promote" -> "promoting to deployment-charts (a Gerrit change) is not implemented";
      case "deploy" -> "deploying to a Kubernetes cluster with Helm is not implemented";
      case "trigger" -> "triggering downstream Jenkins jobs is not implemented";
      default -> "not implemented";
    };
  }
}
