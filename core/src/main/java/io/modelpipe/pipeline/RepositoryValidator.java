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
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
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
   * Validates the repository: every problem anywhere is an error.
   *
   * @throws InvalidInputException with every problem found
   */
  public ValidationReport validate() {
    return validate(List.of());
  }

  /**
   * Validates what the selected pipelines read (their config entries, Blubber files, variants,
   * build contexts) and reports problems there as errors; problems of other pipelines are
   * warnings, so that one team's broken pipeline does not stop another's. Everything is selected
   * when {@code selected} is empty. Problems of the config file as a whole are always errors.
   *
   * @throws InvalidInputException with every problem of the selection
   */
  public ValidationReport validate(Collection<String> selected) {
    Scope scope = new Scope(selected);
    PipelineConfig config = PipelineConfigReader.read(root, selected);
    scope.warnings.addAll(config.warnings());
    Plan plan = new Planner(setup).planEach(config, scope::report);
    scope.warnings.addAll(plan.warnings());
    Run run = new Run(config.document(), scope);
    Map<String, Boolean> directoryExists = new HashMap<>();
    int stageCount = 0;
    for (Pipeline pipeline : config.pipelines().values()) {
      stageCount += scope.selects(pipeline.name()) ? pipeline.stages().size() : 0;
      List<Diagnostic> found = new ArrayList<>();
      directoryExists.put(pipeline.name(), run.checkDirectory(
          pipeline.directory(), KeyPaths.child(pipeline.keyPath(), "directory"), "pipeline directory", found));
      scope.report(pipeline.name(), found);
    }
    for (StageBuild build : StageBuild.executedIn(config, plan)) {
      run.checkBuild(build, directoryExists.get(build.pipeline().name()));
    }
    if (!scope.errors.isEmpty()) {
      throw new InvalidInputException(new ArrayList<>(scope.errors));
    }
    List<Diagnostic> warnings = new ArrayList<>(scope.warnings);
    warnings.addAll(run.blubber.warnings());
    List<ValidationReport.CheckedVariant> checked = run.checked.stream()
        .filter(v -> scope.selects(v.pipeline()))
        .toList();
    List<String> names = config.names().stream().filter(scope::selects).toList();
    return new ValidationReport(names, stageCount, checked, warnings);
  }

  /** Which pipelines are selected; their problems are errors, the others' warnings. */
  private static final class Scope {
    private final Set<String> selected;
    private final Set<Diagnostic> errors = new LinkedHashSet<>();
    private final List<Diagnostic> warnings = new ArrayList<>();

    Scope(Collection<String> selected) {
      this.selected = Set.copyOf(selected);
    }

    boolean selects(String pipeline) {
      return selected.isEmpty() || selected.contains(pipeline);
    }

    void report(String pipeline, List<Diagnostic> problems) {
      if (selects(pipeline)) {
        errors.addAll(problems);
        return;
      }
      for (Diagnostic problem : problems) {
        warnings.add(PipelineConfigReader.outOfScope(problem));
      }
    }
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
    List<Diagnostic> warnings = new ArrayList<>(blubber.readWarnings());
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
    private final Scope scope;
    private final List<ValidationReport.CheckedVariant> checked = new ArrayList<>();

    Run(YamlDocument configDocument, Scope scope) {
      this.configDocument = configDocument;
      this.scope = scope;
      this.blubber = new BlubberCache(root, configDocument, options);
    }

    /** Checks one stage's build; its problems (also those of a Blubber file read before) go to its pipeline. */
    void checkBuild(StageBuild stageBuild, boolean directoryExists) {
      List<Diagnostic> problems = new ArrayList<>();
      check(stageBuild, directoryExists, problems);
      scope.report(stageBuild.pipeline().name(), problems);
    }

    private void check(StageBuild stageBuild, boolean directoryExists, List<Diagnostic> problems) {
      Build build = stageBuild.build();
      String context = stageBuild.planned().context();
      // A context inside a missing pipeline directory is missing too; one message says it.
      boolean contextExists = directoryExists
          && build.contextPath().map(dir -> checkDirectory(dir, build.keyPath(), "build context", problems))
              .orElse(true);
      BlubberSource source = stageBuild.source();
      Optional<BlubberFile> loaded = blubber.load(source);
      if (loaded.isEmpty()) {
        problems.addAll(blubber.problemsOf(source, Optional.empty()));
        return;
      }
      String variant = stageBuild.variant();
      if (!stageBuild.variantKnown()) {
        scope.warnings.add(configDocument.problemAt(build.variantKeyPath(),
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
      problems.addAll(blubber.problemsOf(source, Optional.of(variant)));
      dockerfile.ifPresent(d -> {
        if (contextExists) {
          build.contextPath().ifPresent(dir -> checkLocalSources(file, variant, dir, d, problems));
        }
        checked.add(new ValidationReport.CheckedVariant(stageBuild.pipeline().name(), stageBuild.stage().name(),
            variant, source.displayName(), context, countInstructions(d.text())));
      });
    }

    /** Reports a missing directory; returns whether it exists. */
    boolean checkDirectory(String repoRelative, String keyPath, String what, List<Diagnostic> problems) {
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
    private void checkLocalSources(BlubberFile file, String variant, String context, CompiledDockerfile dockerfile,
        List<Diagnostic> problems) {
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
