package io.modelpipe.config;

import io.modelpipe.yaml.YamlDocument;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A parsed, validated {@code .pipeline/config.yaml}.
 *
 * @param document the source, to locate diagnostics
 * @param pipelines the pipelines by name, in config order
 */
public record PipelineConfig(YamlDocument document, Map<String, Pipeline> pipelines) {

  public PipelineConfig {
    Objects.requireNonNull(document, "document");
    pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
  }

  public Optional<Pipeline> pipeline(String name) {
    return Optional.ofNullable(pipelines.get(name));
  }

  /** Pipeline names, in config order. */
  public List<String> names() {
    return List.copyOf(pipelines.keySet());
  }
}
