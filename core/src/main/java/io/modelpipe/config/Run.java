package io.modelpipe.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A stage's {@code run} step with PipelineLib's defaults applied ({@code run: true} runs the image
 * the stage built).
 *
 * @param image the image to run (default {@code ${.imageID}})
 * @param arguments entry-point arguments
 * @param env environment variables, in config order
 * @param credentials credentials exposed to the container as environment variables
 * @param tail how many trailing output lines to keep as {@code ${.output}} (0: none)
 * @param keyPath key path of the {@code run} value
 */
public record Run(
    String image,
    List<String> arguments,
    Map<String, String> env,
    List<Credential> credentials,
    int tail,
    String keyPath) {

  /** A credential binding: Jenkins credential {@code id} exposed as variable {@code name}. */
  public record Credential(String id, String name) {
    public Credential {
      Objects.requireNonNull(id, "id");
      Objects.requireNonNull(name, "name");
    }
  }

  public Run {
    Objects.requireNonNull(image, "image");
    arguments = List.copyOf(arguments);
    env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
    credentials = List.copyOf(credentials);
    Objects.requireNonNull(keyPath, "keyPath");
  }
}
