package io.modelpipe.config;

import static io.modelpipe.config.ConfigNodes.text;
import static io.modelpipe.config.PipelineConfigReader.CONFIG_DIR;

import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads a {@code blubberfile} value of a pipeline or a stage: inline Blubber, or a path relative to
 * {@code .pipeline/} that stays in the repository (default {@code PIPELINE/blubber.yaml}).
 */
final class BlubberfileReader {

  private BlubberfileReader() {}

  /** @param pipeline the pipeline's name, which names the default file */
  static BlubberSource read(JsonNode value, String keyPath, String pipeline, ConfigProblems problems) {
    // PipelineLib's `blubberfile ?: default`: an empty mapping, like an empty string, means the default file.
    if (value != null && value.isObject() && !value.isEmpty()) {
      return new BlubberSource.Inline(value, keyPath);
    }
    String text = text(value);
    boolean defaulted = text == null || text.isEmpty();
    String written = defaulted ? pipeline + "/blubber.yaml" : text;
    Optional<String> resolved = RepoPaths.resolveWritten(CONFIG_DIR, written, keyPath,
        "blubberfile is a path relative to " + CONFIG_DIR + "/ in the repository",
        "blubberfile is relative to " + CONFIG_DIR + "/", problems);
    return new BlubberSource.File(resolved.orElse(written), written, keyPath, defaulted);
  }
}
