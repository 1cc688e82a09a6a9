package io.modelpipe.pipeline;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.blubber.CompiledDockerfile;
import io.modelpipe.blubber.DockerfileCompiler;
import io.modelpipe.config.BlubberSource;
import io.modelpipe.config.Build;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.KeyPaths;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Checks a whole repository before anything is built: the config, every Blubber file a stage
 * builds from, every variant a stage builds (compiled), build contexts and the local files the
 * compiled variants copy. Reports every problem at once.
 */
public final class RepositoryValidator {

  private static final Pattern GLOB = Pattern.compile("[*?\\[]");

  private final Path root;
  private final Setup setup;
  private final CompileOptions options;

  /**
   * @param repoRoot the repository root
   * @param setup setup values the variables of the config resolve against
   * @param options how variants are compiled
   */
  public RepositoryValidator(Path repoRoot, Setup setup, CompileOptions options) {
    this.root = repoRoot.toAbsolutePath().normalize();
    this.setup = Objects.requireNonNull(setup, "setup");
    this.options = Objects.requireNonNull(options, "options");
  }

  /**
   * Validates the repository.
   *
   * @throws InvalidInputException with every problem found
   */
  public ValidationReport validate() {
    PipelineConfig config = PipelineConfigReader.read(root);
    Plan plan = new Planner(setup).plan(config);
    Run run = new Run(config.document());
    Map<String, Boolean> directoryExists = new HashMap<>();
    int stageCount = 0;
    for (Pipeline pipeline : config.pipelines().values()) {
      stageCount += pipeline.stages().size();
      directoryExists.put(pipeline.name(), run.checkDirectory(
          pipeline.directory(), KeyPaths.child(pipeline.keyPath(), "directory"), "pipeline directory"));
    }
    for (StageBuild build : StageBuild.executedIn(config, plan)) {
      run.checkBuild(build, directoryExists.get(build.pipeline().name()));
    }
    List<Diagnostic> problems = new ArrayList<>(run.problems);
    problems.addAll(run.blubber.problems());
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    List<Diagnostic> warnings = new ArrayList<>(run.warnings);
    warnings.addAll(run.blubber.warnings());
    return new ValidationReport(config.names(), stageCount, run.checked, warnings);
  }

  /**
   * Validates one Blubber file on its own: reads it and compiles every variant.
   *
   * @return the compiler's warnings
   * @throws InvalidInputException with every problem found
   */
  public static List<Diagnostic> validateBlubberFile(Path file, String displayName, CompileOptions options) {
    BlubberFile blubber = BlubberReader.read(file, displayName);
    List<Diagnostic> problems = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>();
    for (String variant : blubber.variantNames()) {
      try {
        warnings.addAll(DockerfileCompiler.compile(blubber, variant, options).warnings());
      } catch (InvalidInputException e) {
        problems.addAll(e.diagnostics());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return warnings.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct().toList();
  }

  /** The state of one validation: loaded Blubber configs, compiled variants, problems. */
  private final class Run {
    private final YamlDocument configDocument;
    private final BlubberCache blubber;
    private final List<Diagnostic> problems = new ArrayList<>();
    private final List<Diagnostic> warnings = new ArrayList<>();
    private final List<ValidationReport.CheckedVariant> checked = new ArrayList<>();

    Run(YamlDocument configDocument) {
      this.configDocument = configDocument;
      this.blubber = new BlubberCache(root, configDocument, options);
    }

    void checkBuild(StageBuild stageBuild, boolean directoryExists) {
      Build build = stageBuild.build();
      String context = stageBuild.planned().context();
      // A context inside a missing pipeline directory is missing too; one message says it.
      boolean contextExists = directoryExists
          && build.contextPath().map(dir -> checkDirectory(dir, build.keyPath(), "build context")).orElse(true);
      BlubberSource source = stageBuild.source();
      Optional<BlubberFile> loaded = blubber.load(source);
      if (loaded.isEmpty()) {
        return;
      }
      String variant = stageBuild.variant();
      if (!stageBuild.variantKnown()) {
        warnings.add(configDocument.problemAt(build.variantKeyPath(),
            "variant '" + build.variant() + "' is known only when the pipeline runs; not checked"));
        return;
      }
      BlubberFile file = loaded.get();
      if (!file.hasVariant(variant)) {
        String known = file.variantNames().isEmpty() ? "it defines none" : "known variants: " + String.join(", ", file.variantNames());
        problems.add(configDocument.problemAt(build.variantKeyPath(),
            "variant '" + variant + "' not found in " + source.displayName() + "; " + known));
        return;
      }
      Optional<CompiledDockerfile> dockerfile = blubber.compile(source, file, variant);
      dockerfile.ifPresent(d -> {
        if (contextExists) {
          build.contextPath().ifPresent(dir -> checkLocalSources(file, variant, dir, d));
        }
        checked.add(new ValidationReport.CheckedVariant(stageBuild.pipeline().name(), stageBuild.stage().name(),
            variant, source.displayName(), context, countInstructions(d.text())));
      });
    }

    /** Reports a missing directory; returns whether it exists. */
    boolean checkDirectory(String repoRelative, String keyPath, String what) {
      if (Files.isDirectory(root.resolve(repoRelative))) {
        return true;
      }
      Diagnostic problem = configDocument.problemAt(keyPath, what + " '" + repoRelative + "' does not exist");
      if (!problems.contains(problem)) {
        problems.add(problem);
      }
      return false;
    }

    /** Local files a variant copies must exist in the build context, or docker build fails late. */
    private void checkLocalSources(BlubberFile file, String variant, String context, CompiledDockerfile dockerfile) {
      for (String source : dockerfile.localSources()) {
        if (GLOB.matcher(source).find()) {
          continue;
        }
        Path path = StageBuild.localSource(root, context, source);
        if (!Files.exists(path)) {
          Diagnostic problem = file.problemAtVariant(variant,
              "local source '" + source + "' not found in build context '" + context + "'");
          if (!problems.contains(problem)) {
            problems.add(problem);
          }
        }
      }
    }
  }

  private static int countInstructions(String dockerfile) {
    int count = 0;
    for (String line : dockerfile.split("\n")) {
      if (!line.isBlank() && !line.startsWith("#") && !Character.isWhitespace(line.charAt(0))) {
        count++;
      }
    }
    return count;
  }
}
