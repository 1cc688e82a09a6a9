package io.modelpipe.pipeline;

import io.modelpipe.config.BlubberSource;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Stage;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The pipelines an affected selection can be made from: those whose config entry and Blubber files
 * read cleanly. A broken pipeline cannot say which files it reads, so it is left out; its problems
 * are errors only when the change edits what it reads ({@code .pipeline/config.yaml} or its Blubber
 * files), since that change may be the one that broke it, and warnings otherwise: one team's broken
 * pipeline does not stop the selection of another's.
 */
public final class ReadablePipelines {

  private final PipelineConfig config;
  private final List<Diagnostic> problems;
  private final Set<String> files;

  private ReadablePipelines(PipelineConfig config, List<Diagnostic> problems, Set<String> files) {
    this.config = config;
    this.problems = problems;
    this.files = files;
  }

  /** @throws InvalidInputException for problems of the config file as a whole */
  public static ReadablePipelines of(Path root) {
    List<Diagnostic> problems = new ArrayList<>();
    Set<String> files = new LinkedHashSet<>();
    PipelineConfig config;
    try {
      config = PipelineConfigReader.read(root);
    } catch (InvalidInputException e) {
      config = PipelineConfigReader.readEach(root);
      problems.addAll(e.diagnostics());
      files.add(PipelineConfigReader.CONFIG_FILE);
    }
    Map<String, Pipeline> readable = new LinkedHashMap<>();
    for (Pipeline pipeline : config.pipelines().values()) {
      List<Diagnostic> found = new ArrayList<>();
      Set<String> read = new LinkedHashSet<>();
      List<BlubberSource> sources = new ArrayList<>(List.of(pipeline.blubber()));
      for (Stage stage : pipeline.stages()) {
        sources.add(pipeline.blubberFor(stage));
      }
      for (BlubberSource source : new LinkedHashSet<>(sources)) {
        if (stagesBuild(pipeline, source)) {
          try {
            BlubberSources.read(root, config.document(), source);
          } catch (InvalidInputException e) {
            found.addAll(e.diagnostics());
            read.add(source instanceof BlubberSource.File file ? file.path() : PipelineConfigReader.CONFIG_FILE);
          }
        }
      }
      if (found.isEmpty()) {
        readable.put(pipeline.name(), pipeline);
      } else {
        problems.addAll(found);
        files.addAll(read);
      }
    }
    List<Diagnostic> warnings = new ArrayList<>(config.warnings());
    return new ReadablePipelines(new PipelineConfig(config.document(), readable, warnings), problems, files);
  }

  /** Whether a stage of the pipeline builds from the source (only those are read). */
  private static boolean stagesBuild(Pipeline pipeline, BlubberSource source) {
    return pipeline.stages().stream().anyMatch(s -> s.build().isPresent() && pipeline.blubberFor(s).equals(source));
  }

  /** The config with the readable pipelines only. */
  public PipelineConfig config() {
    return config;
  }

  /**
   * Throws the problems of the broken pipelines when the change edits what they read.
   *
   * @return else the warnings to print: the config's, and the broken pipelines' problems
   */
  public List<Diagnostic> check(AffectedSelection selection) {
    if (!problems.isEmpty() && selection.changes().paths().stream().anyMatch(files::contains)) {
      throw new InvalidInputException(problems);
    }
    Set<Diagnostic> warnings = new LinkedHashSet<>(config.warnings());
    problems.stream().map(PipelineConfigReader::outOfScope).forEach(warnings::add);
    return warnings.stream().sorted(Diagnostic.IN_SOURCE_ORDER).toList();
  }
}
