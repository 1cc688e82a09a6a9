package io.modelpipe.cli;

import io.modelpipe.Durations;
import io.modelpipe.pipeline.BlubberSources;
import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.config.BlubberSource;
import io.modelpipe.config.Build;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Stage;
import io.modelpipe.image.BuildContext;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ImageBuildOptions;
import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.RunOptions;
import io.modelpipe.lint.AgentCommandRunner;
import io.modelpipe.lint.ImageCommandRunner;
import io.modelpipe.lint.ToxEntrypoint;
import io.modelpipe.lint.ConsoleReport;
import io.modelpipe.lint.EnvResult;
import io.modelpipe.lint.GerritReport;
import io.modelpipe.lint.JsonReport;
import io.modelpipe.lint.LintListener;
import io.modelpipe.lint.LintResult;
import io.modelpipe.lint.Linter;
import io.modelpipe.lint.ToxConfig;
import io.modelpipe.lint.ToxConfigReader;
import io.modelpipe.lint.ToxEnv;
import io.modelpipe.lint.XmlReports;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelpipe lint}: runs a project's tox lint envs and reports findings. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the envs of DIR/tox.ini (default: its envlist) as tox would, with the tools installed on this machine and no pip installs, and reports what flake8, black, pycodestyle, pyflakes and ruff found: grouped by file on the console, and as JUnit XML, checkstyle XML, JSON and a Gerrit message on request. tox.ini is checked first: keys tox ignores silently (such as 'command =') and envs without commands are errors.",
      "",
      "With --in-image, the test variant of a service (--blubber FILE, else the Blubber file of --pipeline P, else of the one pipeline that builds the variant) is built on a Docker Engine and run once: its tox entry point, with -e replaced by --env when given. The output is read as with --tox, with paths inside the image mapped back to the project, and the container (and, unless --keep, the image) is removed.",
      "",
      "Exit 0 when clean, 1 when there are findings or a command failed (or the image does not build), 2 when tox.ini or the selection is broken, 3 when a tool is not installed or the engine does not answer.",
    })
final class LintCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
      description = "Project directory holding tox.ini (default: the current directory).")
  Path dir;

  @Option(names = "--env", split = ",", paramLabel = "ENV",
      description = "Envs to run, comma-separated (default: tox.ini's envlist).")
  List<String> envs = new ArrayList<>();

  @Option(names = "--tox", description = "Run tox itself (tox -e ENVS) instead of each env's commands.")
  boolean tox;

  @Option(names = "--in-image", description = "Build the test variant's image and run tox inside it (see --pipeline, --blubber, --variant).")
  boolean inImage;

  @Option(names = "--pipeline", paramLabel = "P", description = "With --in-image: the pipeline of .pipeline/config.yaml whose Blubber file to build.")
  String pipeline;

  @Option(names = "--blubber", paramLabel = "FILE", description = "With --in-image: the Blubber file to build (instead of --pipeline).")
  Path blubberFile;

  @Option(names = "--variant", paramLabel = "V", defaultValue = "test",
      description = "With --in-image: the variant to build and run (default: ${DEFAULT-VALUE}); its entry point must run tox.")
  String variant;

  @Option(names = "--keep", description = "With --in-image: keep the built image (the container is always removed).")
  boolean keep;

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "With --in-image: kill the container after this long (default: $$MODELPIPE_RUN_TIMEOUT, else no limit).")
  Long timeoutSeconds;

  /** With --in-image. */
  @Mixin BaseImageOptions baseImageOptions = new BaseImageOptions();

  @Mixin EngineOptions engineOptions = new EngineOptions();

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (a test case per env) to FILE.")
  Path junit;

  @Option(names = "--checkstyle", paramLabel = "FILE", description = "Write checkstyle XML (for Warnings NG) to FILE.")
  Path checkstyle;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON to FILE ('-' for standard output).")
  String json;

  @Mixin ResultFileOption resultFile = new ResultFileOption();

  @Option(names = "--gerrit", paramLabel = "FILE", description = "Write a short text block for the Gerrit review message to FILE.")
  Path gerrit;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Envs run at once (default: the number of processors); 1 runs them one after another.")
  Integer jobs;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!inImage && (pipeline != null || blubberFile != null || keep || baseImageOptions.given()
        || timeoutSeconds != null || engineOptions.dockerHost != null || engineOptions.network != null)) {
      throw new ParameterException(spec.commandLine(),
          "--pipeline, --blubber, --keep, --timeout, --base-map, --pip-offline, --docker-host and --network go with --in-image");
    }
    if (inImage && tox) {
      throw new ParameterException(spec.commandLine(), "--in-image runs tox inside the image; --tox is for the agent");
    }
    Path root = CommandPaths.existingDirectory(dir);
    ToxConfig config = ToxConfigReader.read(root, ModelpipeCommand.environmentOf(spec), List.of());
    List<String> wanted = envs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    LintResult result;
    if (inImage) {
      result = lintInImage(root, config, wanted, err);
    } else {
      AgentCommandRunner runner = new AgentCommandRunner(ModelpipeCommand.environmentOf(spec));
      int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
      Linter linter = new Linter(runner, quiet ? LintListener.NONE : new Progress(err), parallel);
      List<ToxEnv> selected = config.select(wanted);
      result = tox ? linter.runTox(config, selected) : linter.run(config, selected);
    }

    boolean jsonToStdout = "-".equals(json);
    if (!jsonToStdout) {
      ConsoleReport.write(result, out);
    }
    if (junit != null) {
      XmlReports.writeJunit(result, junit);
    }
    if (checkstyle != null) {
      XmlReports.writeCheckstyle(result, checkstyle);
    }
    if (gerrit != null) {
      writeText(gerrit, GerritReport.text(result));
    }
    resultFile.write(ModelpipeCommand.environmentOf(spec), JsonReport.text(result));
    if (json != null) {
      if (jsonToStdout) {
        out.print(JsonReport.text(result));
      } else {
        writeText(Path.of(json), JsonReport.text(result));
      }
    }
    return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  // ---- --in-image ----

  private record Target(BlubberFile file, BuildContext context, String what) {}

  private LintResult lintInImage(Path root, ToxConfig config, List<String> wanted, PrintWriter err) throws InterruptedException {
    Map<String, String> environment = ModelpipeCommand.environmentOf(spec);
    Target target = target(root);
    BlubberFile file = target.file();
    if (!file.hasVariant(variant)) {
      throw new InvalidInputException(file.unknownVariant(variant));
    }
    List<String> entrypoint = file.variant(variant).entrypoint();
    ToxEntrypoint toxEntrypoint = ToxEntrypoint.of(entrypoint).orElseThrow(() -> new InvalidInputException(
        file.problemAtVariant(variant, "lint --in-image runs the variant's tox entry point, and the entry point of variant '"
            + variant + "' " + (entrypoint.isEmpty() ? "is not set" : "does not run tox: " + String.join(" ", entrypoint)))));
    List<ToxEnv> selected = config.select(wanted.isEmpty() ? toxEntrypoint.envs() : wanted);
    List<String> run = wanted.isEmpty() ? entrypoint : toxEntrypoint.withEnvs(selected.stream().map(ToxEnv::name).toList());
    ImageBuildOptions buildOptions = buildOptions(environment);
    RunOptions runOptions;
    try {
      Long seconds = timeoutSeconds != null ? timeoutSeconds
          : environment.get("MODELPIPE_RUN_TIMEOUT") != null ? Long.valueOf(environment.get("MODELPIPE_RUN_TIMEOUT").strip()) : null;
      runOptions = RunOptions.builder()
          .networkMode(engineOptions.network(environment))
          .timeout(seconds == null ? null : Duration.ofSeconds(seconds))
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (!quiet) {
      err.println("lint: building variant " + variant + " of " + target.what() + ", to run: " + String.join(" ", run));
      err.flush();
    }
    ProgressListener progress = quiet ? ProgressListener.SILENT : new ProgressListener() {
      @Override
      public void step(int number, int total, String instruction) {
        err.println("lint: build step " + number + "/" + total + ": " + instruction);
        err.flush();
      }
    };
    try (DockerEngine engine = engineOptions.connect(environment)) {
      CompileOptions compile = CompileOptions.defaults().withCompilerVersion(VersionProvider.version());
      ImageCommandRunner runner = new ImageCommandRunner(engine, file, variant, target.context(), compile, buildOptions, run,
          runOptions, keep, progress);
      LintResult result = new Linter(runner, quiet ? LintListener.NONE : new Progress(err), 1).runTox(config, selected);
      if (!quiet) {
        runner.builtImage().ifPresent(id -> err.println("lint: image " + id
            + (runner.imageRemoved() ? " removed" : keep ? " kept" : " left (in use or tagged)")));
        err.flush();
      }
      return result;
    }
  }

  /** The Blubber file and build context: --blubber, else --pipeline's, else the one pipeline building the variant. */
  private Target target(Path root) {
    if (blubberFile != null) {
      if (pipeline != null) {
        throw new ParameterException(spec.commandLine(), "give --pipeline P or --blubber FILE, not both");
      }
      Path path = blubberFile.toAbsolutePath().normalize();
      String display = path.startsWith(root) ? root.relativize(path).toString() : blubberFile.toString();
      return new Target(BlubberReader.read(path, display), BuildContext.scan(root, root, List.of()), display);
    }
    if (!Files.isRegularFile(root.resolve(PipelineConfigReader.CONFIG_FILE))) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(PipelineConfigReader.CONFIG_FILE), "",
          "lint --in-image needs --blubber FILE, or a " + PipelineConfigReader.CONFIG_FILE + " to find the Blubber file of the "
              + variant + " variant in"));
    }
    PipelineConfig config = PipelineConfigReader.read(root, pipeline == null ? List.of() : List.of(pipeline));
    config.warnings().forEach(w -> spec.commandLine().getErr().println("warning: " + w.format()));
    Map<String, Stage> building = new LinkedHashMap<>();
    for (Pipeline candidate : config.pipelines().values()) {
      candidate.stages().stream().filter(s -> s.build().map(b -> b.variant().equals(variant)).orElse(false)).findFirst()
          .ifPresent(stage -> building.put(candidate.name(), stage));
    }
    Pipeline chosen;
    if (pipeline != null) {
      chosen = config.pipelines().get(pipeline);
      if (chosen == null) {
        throw new InvalidInputException(config.document().problemAt("pipelines",
            "no pipeline '" + pipeline + "'; the config has " + String.join(", ", config.pipelines().keySet())));
      }
    } else if (building.size() == 1) {
      chosen = config.pipelines().get(building.keySet().iterator().next());
    } else {
      throw new InvalidInputException(config.document().problemAt("pipelines", building.isEmpty()
          ? "no pipeline builds a '" + variant + "' variant; give --blubber FILE"
          : "pipelines " + String.join(", ", building.keySet()) + " build a '" + variant + "' variant: choose one with --pipeline P"));
    }
    Stage stage = building.get(chosen.name());
    BlubberSource source = stage != null ? chosen.blubberFor(stage) : chosen.blubber();
    BlubberFile file = BlubberSources.read(root, config.document(), source);
    Optional<Build> build = stage == null ? Optional.empty() : stage.build();
    String contextDir = build.map(Build::context).filter(c -> !c.contains("${") && !c.contains("://")).orElse(".");
    List<String> excludes = build.map(Build::excludes).orElse(List.of());
    return new Target(file, BuildContext.scan(root, root.resolve(contextDir).normalize(), excludes),
        "pipeline " + chosen.name() + " (" + source.displayName() + ")");
  }

  private ImageBuildOptions buildOptions(Map<String, String> environment) {
    ImageBuildOptions.Builder options = ImageBuildOptions.builder().networkMode(engineOptions.network(environment));
    baseImageOptions.applyTo(options, environment);
    return options.build();
  }

  private static void writeText(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Progress on standard error: each env's start and end, with its duration. */
  private static final class Progress implements LintListener {
    private final PrintWriter err;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void envStarted(String env, List<String> commands) {
      err.println("lint: " + env + ": started: " + String.join("; ", commands));
      err.flush();
    }

    @Override
    public synchronized void envFinished(EnvResult result) {
      err.printf("lint: %s: %s in %s%n", result.name(),
          result.passed() ? "ok" : "failed (" + result.failure() + ")", Durations.format(result.duration()));
      err.flush();
    }
  }
}
