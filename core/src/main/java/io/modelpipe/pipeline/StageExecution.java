package io.modelpipe.pipeline;

import io.modelpipe.ServiceUnavailableException;
import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.Setup;
import io.modelpipe.config.Stage;
import io.modelpipe.config.VariableResolver;
import io.modelpipe.image.BuildContext;
import io.modelpipe.image.BuiltImage;
import io.modelpipe.image.ContainerExit;
import io.modelpipe.image.ContainerRunException;
import io.modelpipe.image.ImageBuildException;
import io.modelpipe.image.ImageBuildOptions;
import io.modelpipe.image.ImageBuilder;
import io.modelpipe.image.ImageLabels;
import io.modelpipe.image.ImageReference;
import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.PublishFailedException;
import io.modelpipe.image.PublishRequest;
import io.modelpipe.image.PublishResult;
import io.modelpipe.image.PublishTarget;
import io.modelpipe.image.RunOptions;
import io.modelpipe.image.SourceDate;
import io.modelpipe.lint.ImagePaths;
import io.modelpipe.result.ImageResult;
import io.modelpipe.result.LintFinding;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import io.modelpipe.trigger.PublishDecision;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Runs one stage: its steps in PipelineLib's order (build, run, publish, exports), each resolved
 * just before it runs against the values bound so far, binding what it produces for the steps and
 * stages after it. Failures end the stage; they are recorded, never thrown.
 */
final class StageExecution {

  private final RunContext run;
  private final Pipeline pipeline;
  private final Stage stage;
  private final Setup setup;
  private final StageId id;
  private final Set<String> ancestors;
  private final Map<String, Map<String, String>> bound;
  private final StageLog log;

  private Optional<ImageResult> image = Optional.empty();
  private Optional<String> skipReason = Optional.empty();
  private int lintFindings = -1;
  private List<LintFinding> findings = List.of();
  /** How the image this stage built sees the repository, once it is built. */
  private Optional<ImagePaths> imagePaths = Optional.empty();
  private Optional<String> builtImageId = Optional.empty();

  StageExecution(RunContext run, Pipeline pipeline, Stage stage, Setup setup, Set<String> ancestors,
      Map<String, Map<String, String>> bound) {
    this.run = run;
    this.pipeline = pipeline;
    this.stage = stage;
    this.setup = setup;
    this.id = new StageId(pipeline.name(), stage.name());
    this.ancestors = ancestors;
    this.bound = bound;
    this.log = StageLog.open(run.options().logDirectory(), id, run.masker());
  }

  StageId id() {
    return id;
  }

  /** Runs the stage; never throws for a failing step. */
  StageResult execute() {
    Map<String, String> own = new ConcurrentHashMap<>();
    bound.put(stage.name(), own);
    List<Diagnostic> problems = new ArrayList<>();
    StageSteps steps = StageSteps.forRun(pipeline, stage, setup, ancestors, bound, problems);
    Instant start = Instant.now();
    Status status = Status.SUCCESS;
    try {
      Optional<Plan.BuildStep> build = resolved(steps::build);
      if (build.isPresent()) {
        build(build.get(), own);
      }
      Optional<Plan.RunStep> runStep = resolved(steps::run);
      if (runStep.isPresent()) {
        runContainer(runStep.get(), own);
      }
      Optional<Plan.PublishStep> publish = resolved(() -> steps.publish(run.decision()));
      if (!problems.isEmpty()) {
        throw fail(Status.FAILURE, problems.stream().map(Diagnostic::format).reduce((a, b) -> a + "; " + b).orElseThrow());
      }
      if (publish.isPresent()) {
        publish(publish.get(), own);
      }
      if (!stage.exports().isEmpty()) {
        timed("exports", String.join(", ", stage.exports().keySet()), () -> {
          steps.exports(own).forEach((name, value) -> log.line("exported " + stage.name() + "." + name + "=" + value));
          return "done";
        });
      }
    } catch (StepFailedException e) {
      status = e.status;
    }
    StageResult result = StageResult.of(stage.name(), status, Duration.between(start, Instant.now()));
    if (image.isPresent()) {
      result = result.withImage(image.get());
    }
    if (lintFindings >= 0) {
      result = result.withLintFindings(lintFindings).withFindings(findings);
    }
    if (skipReason.isPresent()) {
      result = result.withSkipReason(skipReason.get());
    }
    if (status.isFailure() && stage.notification().isPresent()) {
      result = result.withNotifyRecipients(steps.notification().orElseThrow().emailTo());
    }
    Optional<String> logFile = log.close();
    if (logFile.isPresent()) {
      result = result.withLog(logFile.get());
    }
    return result;
  }

  // --- build

  private void build(Plan.BuildStep step, Map<String, String> own) {
    timed("build", "variant " + step.variant() + " of " + step.blubberFile(), () -> {
      if (step.context().contains("://")) {
        throw fail(Status.FAILURE, "build context '" + step.context() + "' is a URL; only local contexts can be built");
      }
      BlubberFile file = run.blubberFile(pipeline, stage);
      BuildContext context = BuildContext.scan(run.root(), run.root().resolve(step.context()).normalize(), step.excludes());
      String localName = run.localName(pipeline.name(), stage.name());
      ImageBuildOptions.Builder options = run.options().buildOptions().toBuilder()
          .tags(List.of(localName))
          .labels(labels(context));
      if (step.imagePullPolicy().map("always"::equals).orElse(false)) {
        options.pull(true);
      }
      ProgressListener progress = logging(run.listener().buildProgress(id));
      BuiltImage built;
      try {
        built = new ImageBuilder(run.engine()).buildVariant(
            file, step.variant(), context, run.options().compileOptions(), options.build(), progress);
      } catch (ImageBuildException e) {
        e.output().forEach(log::line);
        throw fail(interruptedOr(Status.FAILURE), e.getMessage());
      } finally {
        run.resources().imageTag(localName); // also after a failure: the engine may have tagged it
      }
      built.warnings().forEach(w -> log.line("warning: " + w.format()));
      own.put("imageID", built.id());
      own.put("imageLocalName", localName);
      builtImageId = Optional.of(built.id());
      imagePaths = Optional.of(ImagePaths.of(run.root(), run.root().resolve(step.context()).normalize(),
          file.variant(step.variant())));
      image = Optional.of(ImageResult.built(built.id()));
      return "built " + shortId(built.id()) + " as " + localName;
    });
  }

  private ImageLabels labels(BuildContext context) {
    return ImageLabels.builder()
        .project(setup.project())
        .pipeline(pipeline.name())
        .revision(setup.commit())
        .source(run.sourceUrl().orElse(null))
        .version(setup.tag())
        .created(SourceDate.resolve(run.options().ciEnvironment(), "run", run::commitTime, context))
        .fromCiEnvironment(run.options().ciEnvironment())
        .build();
  }

  /** Build progress to the listener, and every build line to the stage's log. */
  private ProgressListener logging(ProgressListener listener) {
    return new ProgressListener() {
      @Override
      public void step(int number, int total, String instruction) {
        log.line("Step " + number + "/" + total + " : " + instruction);
        listener.step(number, total, instruction);
      }

      @Override
      public void output(String line) {
        log.line(line);
        listener.output(line);
      }
    };
  }

  // --- run

  private void runContainer(Plan.RunStep step, Map<String, String> own) {
    timed("run", step.image() + (step.arguments().isEmpty() ? "" : " " + String.join(" ", step.arguments())), () -> {
      RunOptions.Builder options = RunOptions.builder()
          .arguments(step.arguments())
          .environment(step.env())
          .keepContainer(run.options().keep());
      run.options().networkMode().ifPresent(options::networkMode);
      run.options().runTimeout().ifPresent(options::timeout);
      step.credentials().forEach((name, credentialId) -> options.env(name, run.options().credential(credentialId).orElseThrow()));
      RunOutput output = new RunOutput(step.tail());
      ContainerExit exit;
      try {
        exit = run.containers().run(step.image(), options.build(), new ProgressListener() {
          @Override
          public void output(String line) {
            String masked = run.masker().mask(line);
            output.add(masked);
            log.line(masked);
            run.listener().runOutput(id, masked);
          }
        });
      } catch (ContainerRunException e) {
        throw fail(interruptedOr(Status.FAILURE), e.getMessage());
      }
      own.put("container", exit.containerId());
      own.put("output", output.tail());
      // paths inside the image map back to the repository when the container runs the image this stage built
      boolean ownImage = builtImageId.isPresent()
          && (step.image().equals(builtImageId.get()) || step.image().equals(own.get("imageLocalName")));
      Optional<List<LintFinding>> parsed = output.findings(ownImage ? imagePaths : Optional.empty());
      lintFindings = parsed.map(List::size).orElse(-1);
      findings = parsed.orElse(List.of());
      if (exit.timedOut()) {
        throw fail(Status.ABORTED, "timed out after " + run.options().runTimeout().map(PipelineRunner::seconds).orElse("?")
            + "; the container was killed");
      }
      if (!exit.succeeded()) {
        throw fail(Status.FAILURE, "exited " + exit.exitCode().map(String::valueOf).orElse("?")
            + (lintFindings > 0 ? " (" + lintFindings + " lint findings)" : ""));
      }
      return "exited 0" + (lintFindings >= 0 ? ", " + lintFindings + " lint findings" : "");
    });
  }

  // --- publish

  private void publish(Plan.PublishStep step, Map<String, String> own) {
    String fullName = run.options().registry().map(r -> r.repository(step.name())).orElse(step.name());
    own.put("imageName", step.name());
    own.put("imageFullName", fullName);
    own.put("imageTag", step.primaryTag());
    own.put("imageTags", String.join(",", step.tags()));
    own.put("publishedImage", fullName + ":" + step.primaryTag());
    String imageId = step.imageId();
    PublishDecision decision = step.decision();
    if (!decision.allowed()) {
      skipReason = Optional.of("publish skipped: " + decision.reason());
      image = Optional.of(new ImageResult(imageId, fullName, step.tags(), List.of(), Optional.empty(), false));
      run.listener().stepFinished(id, "publish", "skipped", Duration.ZERO, decision.reason());
      log.line("publish skipped: " + decision.reason());
      return;
    }
    timed("publish", fullName + ":" + String.join(",", step.tags()), () -> {
      PublishTarget target = new PublishTarget(run.options().registry().orElseThrow(), step.name(), step.tags());
      PublishRequest request = PublishRequest.builder(imageId, target)
          .credentials(run.options().registryCredentials())
          .retryPolicy(run.options().retryPolicy())
          .listener(run.listener().pushProgress(id))
          .build();
      PublishResult result;
      try {
        result = run.tagGuard().publish(request, imageId, isRunUnique(step.primaryTag()), () -> {
          target.references().forEach(r -> run.resources().imageTag(r.toString()));
        });
      } catch (PublishFailedException e) {
        throw fail(Status.FAILURE, e.getMessage());
      }
      image = Optional.of(new ImageResult(imageId, fullName, step.tags(),
          result.references().stream().map(ImageReference::toString).toList(), Optional.of(result.digest()), true));
      result.references().forEach(r -> log.line("pushed " + r + "@" + result.digest()));
      return "pushed " + result.references().size() + " tags, " + result.layersPushed() + " layers uploaded, digest "
          + result.digest();
    });
  }

  /** A tag made of the run's timestamp belongs to this run: another image under it is a collision. */
  private boolean isRunUnique(String tag) {
    return !setup.timestamp().isEmpty() && tag.contains(setup.timestamp());
  }

  // --- helpers

  @FunctionalInterface
  private interface Step {
    String run();
  }

  /** Runs a step between its start and end events; a failure ends the stage. */
  private void timed(String name, String detail, Step step) {
    run.checkNotAborted(id);
    run.listener().stepStarted(id, name, detail);
    log.line("== " + name + ": " + detail);
    Instant start = Instant.now();
    try {
      String outcome = step.run();
      Duration took = Duration.between(start, Instant.now());
      log.line("== " + name + " done in " + PipelineRunner.seconds(took) + ": " + outcome);
      run.listener().stepFinished(id, name, "done", took, outcome);
    } catch (StepFailedException e) {
      finishFailed(name, start, e);
      throw e;
    } catch (ServiceUnavailableException e) {
      run.serviceUnavailable(e);
      StepFailedException failed = fail(interruptedOr(Status.FAILURE), run.masker().mask(e.getMessage()));
      finishFailed(name, start, failed);
      throw failed;
    } catch (InvalidInputException e) {
      StepFailedException failed = fail(Status.FAILURE, e.diagnostics().stream().map(Diagnostic::format)
          .reduce((a, b) -> a + "; " + b).orElse("invalid input"));
      finishFailed(name, start, failed);
      throw failed;
    } catch (RuntimeException e) {
      StepFailedException failed = fail(interruptedOr(Status.FAILURE),
          run.masker().mask(e.getMessage() == null ? e.toString() : e.getMessage()));
      finishFailed(name, start, failed);
      throw failed;
    }
  }

  private void finishFailed(String name, Instant start, StepFailedException e) {
    Duration took = Duration.between(start, Instant.now());
    String outcome = e.status == Status.ABORTED ? "aborted" : "failed";
    log.line("== " + name + " " + outcome + " after " + PipelineRunner.seconds(took) + ": " + e.getMessage());
    run.listener().stepFinished(id, name, outcome, took, e.getMessage());
  }

  /** ABORTED when the run is being stopped (an interrupt, a signal), else {@code otherwise}. */
  private Status interruptedOr(Status otherwise) {
    return run.aborted() || Thread.currentThread().isInterrupted() ? Status.ABORTED : otherwise;
  }

  /** Resolves a step; a value it needs that is still unbound fails the stage (validation should have said so). */
  private static <T> T resolved(Supplier<T> step) {
    try {
      return step.get();
    } catch (VariableResolver.UnresolvableVariableException e) {
      throw fail(Status.FAILURE, "a value this step needs is not bound: " + e.getMessage());
    }
  }

  private static StepFailedException fail(Status status, String message) {
    return new StepFailedException(status, message);
  }

  static String shortId(String imageId) {
    String hex = imageId.startsWith("sha256:") ? imageId.substring(7) : imageId;
    return hex.substring(0, Math.min(12, hex.length()));
  }

  /** Ends a stage with a status and a reason; caught by {@link #execute()}. */
  static final class StepFailedException extends RuntimeException {
    private final Status status;

    StepFailedException(Status status, String message) {
      super(message, null, false, false);
      this.status = status;
    }
  }
}
