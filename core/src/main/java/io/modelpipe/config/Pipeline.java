package io.modelpipe.config;

import io.modelpipe.yaml.Location;
import io.modelpipe.yaml.YamlDocument;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One pipeline of {@code .pipeline/config.yaml}, defaults applied.
 *
 * @param name the pipeline's name
 * @param keyPath key path of the pipeline, e.g. {@code pipelines.outlink}
 * @param blubber the pipeline's Blubber config (default {@code .pipeline/NAME/blubber.yaml})
 * @param directory the working directory of its stages, repo-relative and normalised ({@code .}
 *     for the repository root)
 * @param fetch git fetch options
 * @param stages the stages, in config order
 * @param execution the execution graph (default: the stages in order)
 * @param executionDefaulted true when the config has no {@code execution}
 * @param document the config document, to locate diagnostics by key path
 */
public record Pipeline(
    String name,
    String keyPath,
    BlubberSource blubber,
    String directory,
    Fetch fetch,
    List<Stage> stages,
    ExecutionGraph execution,
    boolean executionDefaulted,
    YamlDocument document) {

  public Pipeline {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(blubber, "blubber");
    Objects.requireNonNull(directory, "directory");
    Objects.requireNonNull(fetch, "fetch");
    stages = List.copyOf(stages);
    Objects.requireNonNull(execution, "execution");
    Objects.requireNonNull(document, "document");
  }

  public Optional<Stage> stage(String stageName) {
    return stages.stream().filter(s -> s.name().equals(stageName)).findFirst();
  }

  /** The Blubber config a stage builds from: its own {@code blubberfile}, else the pipeline's. */
  public BlubberSource blubberFor(Stage stage) {
    return stage.blubber().orElse(blubber);
  }

  /** Stages defined but absent from the execution graph: PipelineLib never runs them. */
  public List<Stage> stagesNotExecuted() {
    return stages.stream().filter(s -> !execution.contains(s.name())).toList();
  }

  /** Where the value at a key path of the config stands. */
  public Location locate(String path) {
    return document.locate(path);
  }
}
