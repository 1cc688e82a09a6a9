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
    if (value != null && value.isObject()) {
      return new BlubberSource.Inline(value, keyPath);
    }
    boolean defaulted = value == null || text(value) == null || text(value).isEmpty();
    String written = defaulted ? pipeline + "/blubber.yaml" : value.asString();
    if (written.startsWith("/")) {
      problems.add(keyPath, "'" + written + "' is an absolute path; blubberfile is a path relative to "
          + CONFIG_DIR + "/ in the repository");
      return new BlubberSource.File(written, written, keyPath, defaulted);
    }
    Optional<String> resolved = RepoPaths.resolve(CONFIG_DIR, written);
    if (resolved.isEmpty()) {
      problems.add(keyPath, "'" + written + "' is outside the repository (blubberfile is relative to "
          + CONFIG_DIR + "/)");
      return new BlubberSource.File(written, written, keyPath, defaulted);
    }
    return new BlubberSource.File(resolved.get(), written, keyPath, defaulted);
  }
}
