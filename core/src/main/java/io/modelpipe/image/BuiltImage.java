package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * An image a build made.
 *
 * @param id the engine's image ID, {@code sha256:...}
 * @param tags the names it was tagged with
 * @param dockerfile the Dockerfile as built (base images substituted, pip settings declared)
 * @param warnings where the Dockerfile only approximates the Blubber file
 */
public record BuiltImage(String id, List<String> tags, String dockerfile, List<Diagnostic> warnings) {
  public BuiltImage {
    Objects.requireNonNull(id, "id");
    tags = List.copyOf(tags);
    Objects.requireNonNull(dockerfile, "dockerfile");
    warnings = List.copyOf(warnings);
  }
}
