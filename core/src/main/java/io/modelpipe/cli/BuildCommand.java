package io.modelpipe.cli;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.config.BlubberSource;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.git.GitFacts;
import io.modelpipe.image.BuildContext;
import io.modelpipe.image.BuiltImage;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ImageBuildException;
import io.modelpipe.image.ImageBuildOptions;
import io.modelpipe.image.ImageBuilder;
import io.modelpipe.image.ImageLabels;
import io.modelpipe.image.SourceDate;
import io.modelpipe.pipeline.BlubberSources;
import io.modelpipe.pipeline.Plan;
import io.modelpipe.pipeline.Planner;
import io.modelpipe.pipeline.RepositoryValidator;
import io.modelpipe.pipeline.ValidationReport;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.PrintWriter;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code modelpipe build}: builds a Blubber variant, or a stage's build step, on a Docker Engine. */
@Command(
    name = "build",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Build an image on a Docker Engine (classic builder) and print its ID.",
      "",
      "Either a variant of a Blubber file (--blubber FILE --variant V [--context DIR]), or the build step of a stage of REPO/.pipeline/config.yaml (REPO --pipeline P --stage S; the repository is validated first and nothing is built when it is invalid).",
      "",
      "The build context is streamed as a tar that honours .dockerignore and build.excludes, with the generated Dockerfile added to the stream only. Build output goes to standard error.",
    })
final class BuildCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", description = "Repository root, to build a stage of its config.")
  Path repo;

  @Option(names = "--pipeline", paramLabel = "P", description = "The pipeline whose stage to build (with REPO).")
  String pipeline;

  @Option(names = "--stage", paramLabel = "S", description = "The stage whose build step to run (with REPO).")
  String stage;

  @Option(names = "--blubber", paramLabel = "FILE", description = "A Blubber v4 file (instead of REPO).")
  Path blubberFile;

  @Option(names = "--variant", paramLabel = "V", description = "The variant to build (with --blubber).")
  String variant;

  @Option(names = "--context", paramLabel = "DIR", description = "Build context (with --blubber; default: the current directory).")
  Path context;

  @Option(names = "--tag", paramLabel = "T", description = "Tag the image, e.g. local/outlink:test; repeatable.")
  List<String> tags = new ArrayList<>();

  @Mixin BaseImageOptions baseImageOptions = new BaseImageOptions();

  @Mixin BuildFlags buildFlags = new BuildFlags();

  @Option(names = "--cache-from", paramLabel = "IMAGE", description = "An image to use as cache source; repeatable.")
  List<String> cacheFrom = new ArrayList<>();

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  boolean json;

  @Mixin ResultFileOption resultFile = new ResultFileOption();

  @Mixin EngineOptions engineOptions = new EngineOptions();

  private Path gitRoot;
  private Supplier<GitFacts> gitFacts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = ModelpipeCommand.environmentOf(spec);
    Target target;
    ImageBuildOptions options;
    ConsoleProgress progress;
    BuiltImage image;
    try (EngineConnection connection = EngineConnection.start(() -> engineOptions.connect(env))) {
      target = repo != null ? stageTarget(env) : fileTarget();
      options = options(env, target);
      progress = new ConsoleProgress(err, !json && ConsoleProgress.onTerminal(), true);
      DockerEngine engine = connection.engine();
      CompileOptions compile = CompileOptions.defaults().withCompilerVersion(VersionProvider.version());
      try {
        image = new ImageBuilder(engine).buildVariant(target.file(), target.variant(), target.context(), compile, options, progress);
      } catch (ImageBuildException e) {
        progress.finish();
        if (ConsoleProgress.onTerminal() || json) {
          e.output().forEach(line -> err.println("  " + line));
        }
        throw e;
      }
    }
    progress.finish();
    for (Diagnostic warning : image.warnings()) {
      err.println("warning: " + warning.format());
    }
    if (json || resultFile.path(env).isPresent()) {
      JsonMapper mapper = JsonMapper.builder().build();
      ObjectNode result = mapper.createObjectNode();
      result.put("format", 1);
      result.put("image", image.id());
      result.put("variant", target.variant());
      result.put("context", target.context().directory().toString());
      image.tags().forEach(result.putArray("tags")::add);
      ObjectNode labels = result.putObject("labels");
      options.labels().values().forEach(labels::put);
      image.warnings().forEach(w -> result.withArray("warnings").add(w.format()));
      String text = mapper.writerWithDefaultPrettyPrinter().writeValueAsString(result);
      resultFile.write(env, text);
      if (json) {
        out.println(text);
      }
    }
    if (!json) {
      out.println(image.id());
    }
    return ExitCodes.OK;
  }

  private record Target(BlubberFile file, String variant, BuildContext context, Path root, String pipeline) {}

  private Target fileTarget() {
    if (blubberFile == null || variant == null) {
      throw new ParameterException(spec.commandLine(), "give REPO --pipeline P --stage S, or --blubber FILE --variant V");
    }
    if (pipeline != null || stage != null) {
      throw new ParameterException(spec.commandLine(), "--pipeline and --stage go with REPO, not with --blubber");
    }
    Path contextDir = (context == null ? Path.of(".") : context).toAbsolutePath().normalize();
    Path root = repositoryOf(contextDir);
    BlubberFile file = BlubberReader.read(blubberFile, blubberFile.toString());
    file.readWarnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w.format()));
    return new Target(file, variant, BuildContext.scan(root, contextDir, List.of()), root, "");
  }

  private Target stageTarget(Map<String, String> env) {
    if (pipeline == null || stage == null) {
      throw new ParameterException(spec.commandLine(), "REPO needs --pipeline P and --stage S");
    }
    if (blubberFile != null || variant != null || context != null) {
      throw new ParameterException(spec.commandLine(), "--blubber, --variant and --context go without REPO");
    }
    Path root = CommandPaths.existingDirectory(repo);
    Setup setup = new SetupOptions().resolve(root, env, Instant.now(), git(root));
    CompileOptions compile = CompileOptions.defaults().withCompilerVersion(VersionProvider.version());
    ValidationReport report = new RepositoryValidator(root, setup, compile).validate(List.of(pipeline)); // throws: nothing is built
    report.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w.format()));
    PipelineConfig config = PipelineConfigReader.read(root, List.of(pipeline));
    Pipeline configured = config.pipelines().get(pipeline);
    if (configured == null) {
      throw invalid(config, "pipelines", "no pipeline '" + pipeline + "'; the config has " + String.join(", ", config.pipelines().keySet()));
    }
    var configuredStage = configured.stage(stage).orElseThrow(() -> invalid(config, configured.keyPath(),
        "pipeline '" + pipeline + "' has no stage '" + stage + "'"));
    Plan.StagePlan planned = new Planner(setup.forPipeline(pipeline)).plan(config, List.of(pipeline))
        .pipeline(pipeline).flatMap(p -> p.stage(stage)).orElseThrow();
    Plan.BuildStep build = planned.build().orElseThrow(() -> invalid(config, configuredStage.keyPath(),
        "stage '" + stage + "' of pipeline '" + pipeline + "' has no build step"));
    if (build.context().contains("://")) {
      throw invalid(config, configuredStage.keyPath(), "build context '" + build.context() + "' is a URL; only local contexts can be built");
    }
    BlubberSource source = configured.blubberFor(configuredStage);
    BlubberFile file = BlubberSources.read(root, config.document(), source);
    BuildContext buildContext = BuildContext.scan(root, root.resolve(build.context()).normalize(), build.excludes());
    boolean pullAlways = build.imagePullPolicy().map("always"::equals).orElse(false);
    if (pullAlways) {
      buildFlags.pull = true;
    }
    return new Target(file, build.variant(), buildContext, root, pipeline);
  }

  private ImageBuildOptions options(Map<String, String> env, Target target) {
    ImageBuildOptions.Builder options = ImageBuildOptions.builder()
        .cacheFrom(cacheFrom)
        .networkMode(engineOptions.network(env))
        .tags(tags);
    buildFlags.applyTo(options);
    baseImageOptions.applyTo(options, env);
    Supplier<GitFacts> git = git(target.root());
    Setup setup = new SetupOptions().resolve(target.root(), env, Instant.now(), git);
    options.labels(ImageLabels.builder()
        .project(setup.project())
        .pipeline(target.pipeline())
        .revision(setup.commit())
        .source(git.get().remoteUrl().map(BuildCommand::withoutCredentials).orElse(null))
        .version(setup.tag())
        .created(SourceDate.resolve(env, "build", () -> git.get().commitTime(), target.context()))
        .fromCiEnvironment(env)
        .build());
    return options.build();
  }

  /** The git facts of {@code root}, read at most once per run (setup values and labels share them). */
  private Supplier<GitFacts> git(Path root) {
    if (gitFacts == null || !root.equals(gitRoot)) {
      gitRoot = root;
      gitFacts = GitFacts.once(root);
    }
    return gitFacts;
  }

  /** A remote URL without user and password: labels are public. */
  static String withoutCredentials(String url) {
    try {
      URI uri = URI.create(url);
      if (uri.getUserInfo() != null && uri.getHost() != null) {
        return new URI(uri.getScheme(), null, uri.getHost(), uri.getPort(), uri.getPath(), null, null).toString();
      }
      return url;
    } catch (Exception e) {
      return url.contains("@") && url.contains("://") ? url.replaceFirst("://[^@/]*@", "://") : url;
    }
  }

  /** The repository a context belongs to: the nearest directory above it with .git or .pipeline. */
  static Path repositoryOf(Path contextDir) {
    for (Path dir = contextDir; dir != null; dir = dir.getParent()) {
      if (Files.exists(dir.resolve(".git")) || Files.isDirectory(dir.resolve(".pipeline"))) {
        return dir;
      }
    }
    return contextDir;
  }

  private static InvalidInputException invalid(PipelineConfig config, String keyPath, String message) {
    return new InvalidInputException(config.document().problemAt(keyPath, message));
  }
}
