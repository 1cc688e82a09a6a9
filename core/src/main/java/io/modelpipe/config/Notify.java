package io.modelpipe.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's {@code notify} settings: whom to email when the stage fails.
 *
 * @param emailTo recipients
 * @param subject the subject (PipelineLib's default names the project, pipeline and stage)
 * @param body the body, or empty for PipelineLib's default message
 * @param keyPath key path of the {@code notify} value
 */
public record Notify(List<String> emailTo, String subject, Optional<String> body, String keyPath) {

  public static final String DEFAULT_SUBJECT = "[Pipeline] ${setup.projectShortName} ${setup.pipeline}/${.stage} failed";

  public Notify {
    emailTo = List.copyOf(emailTo);
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(body, "body");
    Objects.requireNonNull(keyPath, "keyPath");
  }
}
