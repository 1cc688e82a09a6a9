package io.modelpipe.cli;

import io.modelpipe.CredentialVariables;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.gerrit.ChangeTarget;
import io.modelpipe.gerrit.DeliveryOutcome;
import io.modelpipe.gerrit.GerritConnection;
import io.modelpipe.gerrit.GerritRejectedException;
import io.modelpipe.gerrit.GerritReporter;
import io.modelpipe.gerrit.GerritSettings;
import io.modelpipe.gerrit.InlineRequest;
import io.modelpipe.gerrit.ReviewMessage;
import io.modelpipe.git.GitFacts;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ImageBuildOptions;
import io.modelpipe.image.RegistryAddress;
import io.modelpipe.pipeline.AffectedSelection;
import io.modelpipe.pipeline.PipelineRunner;
import io.modelpipe.pipeline.Plan;
import io.modelpipe.pipeline.ReadablePipelines;
import io.modelpipe.pipeline.RunOutcome;
import io.modelpipe.pipeline.RunRequest;
import io.modelpipe.pipeline.RunnerOptions;
import io.modelpipe.result.ResultTable;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunResults;
import io.modelpipe.result.Status;
import io.modelpipe.result.TriggerInfo;
import io.modelpipe.trigger.PublishGate;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelpipe run}: runs pipelines of a repository end to end, as PipelineLib would. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs pipelines of REPO/.pipeline/config.yaml as PipelineLib does: each pipeline's stages frame by frame (stages of a frame side by side, at most --jobs at once over the run), each stage's steps in order: build (a Blubber variant, on the Docker Engine), run (its container), publish (to --registry, only in publish contexts: post-merge, gate, tags), exports. Several pipelines run side by side.",
      "",
      "Nothing is built when anything is invalid (exit 2). Progress goes to standard error; the run ends with a table of every stage on standard output, then the Gerrit review message: posted to the change when a Gerrit URL and a change are known, else printed. Images and containers the run created are removed at the end unless --keep; the build cache stays.",
      "",
      "Exit: 0 every stage passed (skipped publishes included), 1 a stage failed or the run was stopped, 2 invalid input, 3 the engine, registry or Gerrit was unavailable.",
    })
final class RunCommand implements Callable<Integer> {

  private static final String ALLOWED_CREDENTIALS = "MODELPIPE_ALLOWED_CREDENTIALS";
  /** How long a signal waits for the stopped run to tear down and write its result. */
  private static final Duration ABORT_GRACE = Duration.ofSeconds(60);

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", defaultValue = ".",
      description = "Repository root (default: the current directory).")
  Path repo;

  @Option(names = "--pipeline", paramLabel = "P", description = "Run this pipeline; repeatable (default: every pipeline; with --affected, those of them the change affects).")
  List<String> pipelines = new ArrayList<>();

  @Mixin AffectedOptions affectedOptions = new AffectedOptions();

  @Option(names = "--jobs", paramLabel = "N", description = "Stages that may run at once (default: the number of CPUs, at least 2).")
  Integer jobs;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the run's result as JSON (the file 'modelpipe gerrit comment --result' reads).")
  Path json;

  @Mixin ResultFileOption resultFile = new ResultFileOption();

  @Option(names = "--allowed-credentials", split = ",", paramLabel = "ID",
      description = "Only these credential ids may be named by run.credentials, comma-separated (default: $$" + ALLOWED_CREDENTIALS
          + "; unset: any id with a MODELPIPE_CREDENTIAL_<ID> value). Another id is invalid input: nothing runs.")
  List<String> allowedCredentials;

  @Option(names = "--keep", description = "Keep the images and containers the run creates.")
  boolean keep;

  @Option(names = "--log-dir", paramLabel = "DIR", defaultValue = ".modelpipe/logs",
      description = "Where each stage's log goes, as PIPELINE/STAGE.log (default: ${DEFAULT-VALUE}).")
  Path logDirectory;

  @Option(names = "--run-timeout", paramLabel = "SECONDS", description = "Longest a run step's container may run; it is killed after.")
  Double runTimeout;

  @Mixin SetupOptions setupOptions = new SetupOptions();

  @Option(names = PublishGate.FLAG, paramLabel = "LIST",
      description = "Where publish steps run (default: $$" + PublishGate.VARIABLE + ", else " + PublishGate.DEFAULT_SPEC + ").")
  String publishContexts;

  @Mixin RegistryOptions registryOptions = new RegistryOptions();

  @Mixin BaseImageOptions baseImageOptions = new BaseImageOptions();

  @Mixin BuildFlags buildFlags = new BuildFlags();

  @Mixin EngineOptions engineOptions = new EngineOptions();

  @Option(names = "--gerrit-url", paramLabel = "URL", description = "Gerrit's base URL (default: $$MODELPIPE_GERRIT_URL); credentials from MODELPIPE_GERRIT_USER with MODELPIPE_GERRIT_PASSWORD or MODELPIPE_GERRIT_TOKEN, or a credentials file.")
  String gerritUrl;

  @Option(names = "--gerrit-credentials-file", paramLabel = "FILE", description = "Properties file with url, user, password or token (default: $$MODELPIPE_GERRIT_CREDENTIALS).")
  Path gerritCredentialsFile;

  @Option(names = "--gerrit-label", paramLabel = "NAME=VALUE", description = "Vote with the review, e.g. Verified=+1; repeatable.")
  List<String> gerritLabels = new ArrayList<>();

  @Option(names = "--gerrit-outbox", paramLabel = "DIR", defaultValue = ".modelpipe/outbox",
      description = "Where the review waits when Gerrit is unreachable (default: ${DEFAULT-VALUE}); 'modelpipe gerrit flush' sends it.")
  Path gerritOutbox;

  @Option(names = "--max-inline", paramLabel = "N", defaultValue = "" + InlineRequest.DEFAULT_MAX_INLINE,
      description = "Most lint findings posted as inline comments on the change's files and lines (default: ${DEFAULT-VALUE}; 0 for none); the rest are counted in the message.")
  int maxInline;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> env = ModelpipeCommand.environmentOf(spec);
    Path root = CommandPaths.existingDirectory(repo);
    if (json == null) {
      json = resultFile.path(env).orElse(null); // the one result file: --json, else --result-file
    }
    Map<String, Integer> votes = GerritVotes.parse(gerritLabels, spec.commandLine(), "--gerrit-label");
    if (maxInline < 0) {
      throw new ParameterException(spec.commandLine(), "--max-inline must be 0 or more");
    }
    // With --affected alone, pipelines that cannot be read are left out of the selection (ReadablePipelines).
    ReadablePipelines readable = affectedOptions.affected && pipelines.isEmpty() ? ReadablePipelines.of(root) : null;
    PipelineConfig config = readable != null ? readable.config() : PipelineConfigReader.read(root, pipelines);
    List<Diagnostic> problems = new ArrayList<>();
    for (String name : pipelines) {
      if (config.pipeline(name).isEmpty()) {
        problems.add(config.document().problemAt("pipelines",
            "no pipeline '" + name + "'; the config has " + String.join(", ", config.names())));
      }
    }
    TriggerContext trigger = InvalidInputException.collect(problems, () -> setupOptions.trigger(env));
    PublishGate gate = InvalidInputException.collect(problems, () -> PublishGate.resolve(publishContexts, env));
    Optional<RegistryAddress> registry = InvalidInputException.collect(problems, () -> registryOptions.address(env));
    // an invalid registry is a problem collected above; the other options are still checked
    RunnerOptions options = InvalidInputException.collect(problems, () -> options(env, registry == null ? Optional.empty() : registry));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Supplier<GitFacts> git = GitFacts.once(root); // setup values and the source label share one read
    Setup setup = setupOptions.setup(root, trigger, Instant.now(), git);
    Optional<AffectedSelection> affected = affectedOptions.select(root, config, trigger, setup);
    List<String> selected = pipelines;
    if (affected.isPresent()) {
      AffectedSelection selection = affected.get();
      if (readable != null) {
        readable.check(selection); // its warnings come with the check's, below
      }
      selection.lines().forEach(line -> err.println("affected: " + line));
      err.println("affected: " + selection.summary());
      selected = selection.names().stream().filter(n -> pipelines.isEmpty() || pipelines.contains(n)).toList();
      if (selected.isEmpty()) {
        out.println("modelpipe run: no pipeline is affected by the change; nothing to run");
        if (json != null) {
          RunResults.write(PipelineRunner.nothingRun(setup, TriggerInfo.of(trigger, env)), json);
        }
        return ExitCodes.OK;
      }
    }
    Optional<String> source = git.get().remoteUrl().map(BuildCommand::withoutCredentials);
    RunRequest request = new RunRequest(root, config, selected, setup, trigger, gate, TriggerInfo.of(trigger, env), source,
        git.get().commitTime());

    Plan plan = PipelineRunner.check(request, options); // exit 2 before the engine is asked and before anything is built
    plan.warnings().forEach(w -> err.println("warning: " + w.format()));
    try (DockerEngine engine = engineOptions.connect(env)) {
      RunProgressPrinter progress = new RunProgressPrinter(err, ConsoleProgress.onTerminal());
      PipelineRunner runner = new PipelineRunner(engine, options, progress);
      CountDownLatch reported = new CountDownLatch(1);
      Thread hook = new Thread(() -> {
        err.println("modelpipe run: stopping: the running stages are aborted, then teardown runs");
        err.flush();
        runner.abort();
        try {
          reported.await(ABORT_GRACE.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "modelpipe-run-stop");
      Runtime.getRuntime().addShutdownHook(hook);
      try {
        RunOutcome outcome = runner.run(request, plan);
        return report(outcome, votes, env, out, err);
      } finally {
        reported.countDown();
        try {
          Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running: it returns now that the result is reported
        }
      }
    }
  }

  /** Writes the result, prints the table and delivers the review; returns the exit code. */
  private int report(RunOutcome outcome, Map<String, Integer> votes, Map<String, String> env, PrintWriter out, PrintWriter err) {
    RunResult result = outcome.result();
    outcome.teardownProblems().forEach(p -> err.println("modelpipe run: teardown: " + p));
    if (json != null) {
      RunResults.write(result, json);
      err.println("modelpipe run: result written to " + json);
    }
    out.println();
    out.print(ResultTable.format(result));
    out.flush();
    ReviewPosting review = deliverReview(result, votes, env, out, err);
    if (json != null && review.outcome().isPresent()) {
      // the result lists what went inline, so a rerun and the Jenkins step see it
      RunResults.write(result.withReview(review.outcome().get().toResult()), json);
    }
    if (result.status() == Status.SUCCESS) {
      return review.undelivered() ? ExitCodes.SERVICE_UNAVAILABLE : ExitCodes.OK;
    }
    return outcome.unavailable().isPresent() && result.status() == Status.FAILURE
        ? ExitCodes.SERVICE_UNAVAILABLE
        : ExitCodes.FAILED;
  }

  /**
   * What became of the review: the outcome when it was sent; undelivered when it should have reached
   * Gerrit but did not (queued in the outbox, or rejected).
   */
  private record ReviewPosting(Optional<DeliveryOutcome> outcome, boolean undelivered) {
    static final ReviewPosting NOT_SENT = new ReviewPosting(Optional.empty(), false);
  }

  /** Posts the review message, or prints it when there is no Gerrit or no change. */
  private ReviewPosting deliverReview(RunResult result, Map<String, Integer> votes, Map<String, String> env, PrintWriter out,
      PrintWriter err) {
    String message = ReviewMessage.format(result);
    GerritConnection connection = GerritConnection.resolve(
        new GerritConnection.Flags(Optional.ofNullable(gerritUrl), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.ofNullable(gerritCredentialsFile)),
        env, line -> err.println("modelpipe run: " + line));
    Optional<ChangeTarget> target = ChangeTarget.of(result, Optional.empty(), OptionalInt.empty(), OptionalInt.empty());
    Optional<String> notPosted = connection.url().isEmpty() ? Optional.of("no Gerrit URL")
        : target.isEmpty() ? Optional.of("the run names no change and patch set")
        : connection.credentials().isEmpty() ? Optional.of("no Gerrit credentials")
        : Optional.empty();
    if (notPosted.isPresent()) {
      out.println();
      out.println("Gerrit message (not posted: " + notPosted.get() + "):");
      out.print(message);
      out.flush();
      return ReviewPosting.NOT_SENT;
    }
    GerritSettings settings = GerritSettings.of(connection.url().get(), connection.credentials().get())
        .withLabels(votes)
        .withOutbox(gerritOutbox);
    try {
      DeliveryOutcome delivered = new GerritReporter(settings, line -> err.println("modelpipe gerrit: " + line))
          .deliver(target.get(), message, new InlineRequest(result.findings(), maxInline));
      out.println();
      out.println("Gerrit: " + delivered.describe());
      return new ReviewPosting(Optional.of(delivered), delivered instanceof DeliveryOutcome.Queued);
    } catch (GerritRejectedException e) {
      err.println("modelpipe run: Gerrit rejected the review: " + e.getMessage());
      return new ReviewPosting(Optional.empty(), true);
    }
  }

  /** The allow-list of credential ids: the flag, else the variable (empty when set but blank), else none. */
  private Optional<List<String>> allowedCredentials(Map<String, String> env) {
    return Optional.ofNullable(allowedCredentials != null ? String.join(",", allowedCredentials) : env.get(ALLOWED_CREDENTIALS))
        .map(ids -> java.util.Arrays.stream(ids.split(",")).map(String::strip).filter(id -> !id.isEmpty()).toList());
  }

  private RunnerOptions options(Map<String, String> env, Optional<RegistryAddress> registry) {
    ImageBuildOptions.Builder build = ImageBuildOptions.builder().networkMode(engineOptions.network(env));
    buildFlags.applyTo(build);
    baseImageOptions.applyTo(build, env);
    RunnerOptions.Builder options = RunnerOptions.builder()
        .keep(keep)
        .buildOptions(build.build())
        .compileOptions(CompileOptions.defaults().withCompilerVersion(VersionProvider.version()))
        .networkMode(Optional.ofNullable(engineOptions.network(env)))
        .registry(registry)
        .registryCredentials(registry.flatMap(r -> registryOptions.credentials(r, env, "run")))
        .retryPolicy(registryOptions.retryPolicy("run"))
        .logDirectory(Optional.of(logDirectory.toAbsolutePath().normalize()))
        .ciEnvironment(env);
    try {
      if (jobs != null) {
        options.jobs(jobs);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--jobs: " + e.getMessage());
    }
    try {
      if (runTimeout != null) {
        options.runTimeout(Optional.of(Duration.ofMillis(Math.round(runTimeout * 1000))));
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), "--run-timeout: " + e.getMessage());
    }
    options.allowedCredentials(allowedCredentials(env));
    // run.credentials: each id's value from MODELPIPE_CREDENTIAL_<ID>; a missing one is exit 2 (runner check)
    env.forEach((name, value) -> {
      if (name.startsWith(CredentialVariables.PREFIX) && name.length() > CredentialVariables.PREFIX.length()) {
        options.credential(name.substring(CredentialVariables.PREFIX.length()), value);
      }
    });
    return options.build();
  }
}
