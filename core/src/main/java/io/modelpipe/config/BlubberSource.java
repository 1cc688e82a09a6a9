package io.modelpipe.config;

import java.util.Objects;
import tools.jackson.databind.JsonNode;

/** Where a pipeline's (or a stage's) Blubber config comes from: a file, or inline in the config. */
public sealed interface BlubberSource permits BlubberSource.File, BlubberSource.Inline {

  /** Key path of the {@code blubberfile} value in the config, or where it would stand when defaulted. */
  String keyPath();

  /** How messages name the source, e.g. {@code .pipeline/outlink/blubber.yaml}. */
  String displayName();

  /**
   * A Blubber file.
   *
   * @param path repo-relative, normalised path, e.g. {@code .pipeline/outlink/blubber.yaml}
   * @param written the value as written (relative to {@code .pipeline/}), or the default
   * @param keyPath key path of {@code blubberfile}
   * @param defaulted true when the config does not say and PipelineLib's default applies
   */
  record File(String path, String written, String keyPath, boolean defaulted) implements BlubberSource {
    public File {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(written, "written");
      Objects.requireNonNull(keyPath, "keyPath");
    }

    @Override
    public String displayName() {
      return path;
    }
  }

  /**
   * A Blubber document written inline as the value of {@code blubberfile}; parse it with the
   * config's {@code YamlDocument} and this key path so that problems point into the config.
   */
  record Inline(JsonNode node, String keyPath) implements BlubberSource {
    public Inline {
      Objects.requireNonNull(node, "node");
      Objects.requireNonNull(keyPath, "keyPath");
    }

    @Override
    public String displayName() {
      return PipelineConfigReader.CONFIG_FILE + " (inline at " + keyPath + ")";
    }
  }
}
