package io.modelpipe.pipeline;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.blubber.CompiledDockerfile;
import io.modelpipe.blubber.CompiledDockerfile.LocalRead;
import io.modelpipe.blubber.DockerIgnore;
import io.modelpipe.config.BlubberSource;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.pipeline.AffectedPipeline.Kind;
import io.modelpipe.pipeline.AffectedPipeline.Reason;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@code affected} selects a pipeline on: the files, directories and build reads of every
 * stage that runs and builds, in the order {@link AffectedPipelines} tries them. One analysis
 * serves both the selection of a change ({@link #reason}) and the Zuul filters that {@code modelpipe
 * wiring} derives from it ({@link #of}): they cannot disagree, because there is no second copy.
 *
 * <p>A stage's reads (copies and requirements) are compiled when first needed, so that a change
 * that no build context holds never reads a Blubber file. Not thread-safe: one per pass.
 */
public final class PipelineInputs {

  /** One thing a pipeline's images depend on. */
  public sealed interface Input {}

  /**
   * {@code .pipeline/config.yaml}: the pipeline's entry (compared as YAML when a change is
   * selected; a path filter can only name the file).
   */
  public record ConfigEntry(String path) implements Input {}

  /** The Blubber file a stage builds from. */
  public record BlubberFileInput(String path, String stage) implements Input {}

  /** Everything below a directory: a stage's build context or the pipeline's directory, not the root. */
  public record DirectoryInput(String directory, Kind kind, String stage) implements Input {}

  /** The {@code .dockerignore} of a stage's build context. */
  public record DockerIgnoreInput(String path, String stage) implements Input {}

  /** A stage whose variant or context is known only at run time: every file may feed it. */
  public record RunTimeInput(String stage) implements Input {}

  /**
   * The files a stage's build reads from its context: the compiled variant's local copies and
   * requirements (with their {@code exclude}), less what the context's {@code .dockerignore} and
   * {@code build.excludes} leave out ({@link CompiledDockerfile#dockerIgnore()}).
   *
   * @param context the build context, repo-relative ({@code .} for the root)
   * @param variant the variant built
   * @param dockerfile the compiled variant, with the context's ignore rules
   */
  public record ContextReads(String stage, String context, String variant, CompiledDockerfile dockerfile)
      implements Input {
    /** The local sources, in build order. */
    public List<LocalRead> reads() {
      return dockerfile.localReads();
    }

    /** What Docker leaves out of the context. */
    public DockerIgnore ignore() {
      return dockerfile.dockerIgnore();
    }
  }

  private static final String CONFIG_FILE = PipelineConfigReader.CONFIG_FILE;

  private final Path root;
  private final Map<String, List<StageBuild>> builds = new LinkedHashMap<>();
  private final Map<String, Pipeline> pipelines = new LinkedHashMap<>();
  private final BlubberCache blubber;
  private final Map<String, DockerIgnore> ignores = new HashMap<>();

  PipelineInputs(Path root, PipelineConfig config, Setup setup) {
    this.root = root;
    Plan plan = new Planner(setup).plan(config);
    for (Pipeline pipeline : config.pipelines().values()) {
      pipelines.put(pipeline.name(), pipeline);
      builds.put(pipeline.name(), new ArrayList<>());
    }
    for (StageBuild build : StageBuild.executedIn(config, plan)) {
      builds.get(build.pipeline().name()).add(build);
    }
    this.blubber = new BlubberCache(root, config.document(), CompileOptions.defaults());
  }

  /**
   * Every input of every pipeline of {@code config}, all Blubber variants compiled.
   *
   * @param repoRoot the repository root
   * @throws InvalidInputException when a Blubber file a stage builds from is missing or invalid
   */
  public static Map<String, List<Input>> of(Path repoRoot, PipelineConfig config, Setup setup) {
    PipelineInputs inputs = new PipelineInputs(repoRoot.toAbsolutePath().normalize(), config, setup);
    Map<String, List<Input>> all = new LinkedHashMap<>();
    for (String name : inputs.pipelines.keySet()) {
      all.put(name, inputs.inputsOf(name));
    }
    inputs.throwProblems();
    return all;
  }

  /** The pipeline's inputs, in the order {@link #reason} tries them, the config entry first. */
  List<Input> inputsOf(String pipelineName) {
    return walk(pipelineName, null);
  }

  /**
   * The first reason, in input order, why a change to {@code file} affects the pipeline. The
   * config entry is not matched here: {@link AffectedPipelines} compares it as YAML; the config
   * file still counts when a build reads it.
   */
  Optional<Reason> reason(String pipelineName, String file) {
    for (Input input : walk(pipelineName, file)) {
      Optional<Reason> reason = match(input, file);
      if (reason.isPresent()) {
        return reason;
      }
    }
    return Optional.empty();
  }

  /** Problems found reading Blubber files so far. */
  List<Diagnostic> problems() {
    return blubber.problems();
  }

  void throwProblems() {
    if (!blubber.problems().isEmpty()) {
      throw new InvalidInputException(blubber.problems());
    }
  }

  /**
   * The inputs in order: the config entry, Blubber files, build contexts below the root, the
   * pipeline's directory, then each stage's reads. With a {@code file}, a stage's variant is
   * compiled only when the file is in its build context (a change elsewhere reads no Blubber file).
   */
  private List<Input> walk(String pipelineName, String file) {
    Pipeline pipeline = pipelines.get(pipelineName);
    List<StageBuild> stageBuilds = builds.get(pipelineName);
    List<Input> inputs = new ArrayList<>();
    inputs.add(new ConfigEntry(CONFIG_FILE));
    for (StageBuild build : stageBuilds) {
      if (build.source() instanceof BlubberSource.File source) {
        inputs.add(new BlubberFileInput(source.path(), build.stage().name()));
      }
    }
    for (StageBuild build : stageBuilds) {
      Optional<String> context = build.context();
      if (context.isPresent() && !context.get().equals(".")) {
        inputs.add(new DirectoryInput(context.get(), Kind.BUILD_CONTEXT, build.stage().name()));
      }
    }
    if (!pipeline.directory().equals(".")) {
      inputs.add(new DirectoryInput(pipeline.directory(), Kind.DIRECTORY, ""));
    }
    for (StageBuild build : stageBuilds) {
      if (build.build().contextIsUrl()) {
        continue;
      }
      String stage = build.stage().name();
      if (build.context().isEmpty() || !build.variantKnown()) {
        inputs.add(new RunTimeInput(stage));
        continue;
      }
      String context = build.context().get();
      inputs.add(new DockerIgnoreInput(context.equals(".") ? ".dockerignore" : context + "/.dockerignore", stage));
      if (file == null || StageBuild.inContext(context, file).isPresent()) {
        compiled(build).ifPresent(d -> inputs.add(new ContextReads(stage, context, build.variant(), d)));
      }
    }
    return inputs;
  }

  private static Optional<Reason> match(Input input, String file) {
    if (input instanceof BlubberFileInput blubberFile) {
      return blubberFile.path().equals(file)
          ? Optional.of(new Reason(file, Kind.BLUBBER_FILE, blubberFile.stage(),
              file + " is the Blubber file of stage " + blubberFile.stage()))
          : Optional.empty();
    }
    if (input instanceof DirectoryInput directory) {
      if (StageBuild.inContext(directory.directory(), file).isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(directory.kind() == Kind.BUILD_CONTEXT
          ? new Reason(file, Kind.BUILD_CONTEXT, directory.stage(), file + " is in build context " + directory.directory() + "/")
          : new Reason(file, Kind.DIRECTORY, "", file + " is in pipeline directory " + directory.directory() + "/"));
    }
    if (input instanceof RunTimeInput runTime) {
      return Optional.of(new Reason(file, Kind.RUN_TIME, runTime.stage(), file + " may be read by stage "
          + runTime.stage() + ", whose variant or build context is known only at run time"));
    }
    if (input instanceof DockerIgnoreInput ignore) {
      return ignore.path().equals(file)
          ? Optional.of(new Reason(file, Kind.DOCKERIGNORE, ignore.stage(),
              file + " is the .dockerignore of the build context of stage " + ignore.stage()))
          : Optional.empty();
    }
    if (input instanceof ContextReads reads) {
      return StageBuild.inContext(reads.context(), file)
          .flatMap(inContext -> reads.dockerfile().readerOf(inContext))
          .map(read -> {
            String variant = read.variant().equals(reads.variant())
                ? "variant " + read.variant()
                : "variant " + read.variant() + " (built for " + reads.variant() + ")";
            return read.requirement()
                ? new Reason(file, Kind.REQUIREMENTS, reads.stage(), file + " is a requirements file of " + variant)
                : new Reason(file, Kind.COPIES, reads.stage(),
                    file + " is copied by " + variant + " (copies: " + read.source() + ")");
          });
    }
    return Optional.empty();
  }

  /** The stage's compiled variant, with the context's ignore rules; empty (a problem recorded) when invalid. */
  private Optional<CompiledDockerfile> compiled(StageBuild build) {
    String context = build.context().get();
    Optional<BlubberFile> loaded = blubber.load(build.source());
    if (loaded.isEmpty()) {
      return Optional.empty();
    }
    DockerIgnore ignore = ignores.computeIfAbsent(context + "\n" + String.join("\n", build.planned().excludes()),
        k -> contextIgnore(context, build.planned().excludes()));
    return blubber.compile(build.source(), loaded.get(), build.variant()).map(d -> d.withDockerIgnore(ignore));
  }

  /** What Docker leaves out of the context: its {@code .dockerignore}, then {@code build.excludes}. */
  private DockerIgnore contextIgnore(String context, List<String> excludes) {
    List<String> patterns = new ArrayList<>(DockerIgnore.read(root.resolve(context)).patterns());
    patterns.addAll(excludes);
    return DockerIgnore.of(patterns);
  }
}
