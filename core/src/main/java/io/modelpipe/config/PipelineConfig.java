package io.modelpipe.config;

import io.modelpipe.yaml.Diagnostic;
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
 * @param pipelines the pipelines by name, in config order; when read for some pipelines only
 *     ({@link PipelineConfigReader#read(java.nio.file.Path, java.util.Collection)}), without the
 *     others that have problems
 * @param warnings located remarks that do not make the config invalid: duplicate keys, keys
 *     PipelineLib ignores, and the problems of pipelines that were not selected
 */
public record PipelineConfig(YamlDocument document, Map<String, Pipeline> pipelines, List<Diagnostic> warnings) {

  public PipelineConfig {
    Objects.requireNonNull(document, "document");
    pipelines = Collections.unmodifiableMap(new LinkedHashMap<>(pipelines));
    warnings = warnings.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct().toList();
  }

  public PipelineConfig(YamlDocument document, Map<String, Pipeline> pipelines) {
    this(document, pipelines, document.warnings());
  }

  public Optional<Pipeline> pipeline(String name) {
    return Optional.ofNullable(pipelines.get(name));
  }

  /** Pipeline names, in config order. */
  public List<String> names() {
    return List.copyOf(pipelines.keySet());
  }
}
