package io.modelpipe.pipeline;

import io.modelpipe.Durations;
import io.modelpipe.config.ExecutionGraph;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.Setup;
import io.modelpipe.config.Stage;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.SourceDate;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunSetup;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import io.modelpipe.result.TriggerInfo;
import io.modelpipe.trigger.PublishDecision;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs pipelines as PipelineLib does: each pipeline's execution graph frame by frame, the stages of
 * a frame side by side, the steps of a stage in order (build, run, publish, exports), values bound
 * by earlier stages resolved in later ones. Several pipelines run side by side; at most
 * {@link RunnerOptions#jobs()} stages run at once over the whole run. A failed stage stops its
 * pipeline after the frame it is in; the other pipelines go on.
 *
 * <p>Before anything is built, the whole repository is validated and every selected pipeline is
 * planned: invalid input throws {@link InvalidInputException}. Teardown always runs: it removes the
 * images the run created (unless {@link RunnerOptions#keep()}), also after a failure or
 * {@link #abort()}.
 */
public final class PipelineRunner {

  private final DockerEngine engine;
  private final RunnerOptions options;
  private final RunListener listener;
  private volatile RunContext current;
  /** The stage threads of the current run: interrupted by {@link #abort()}, unlike the pipelines' threads. */
  private volatile ExecutorService stageThreads;

  public PipelineRunner(DockerEngine engine, RunnerOptions options, RunListener listener) {
    this.engine = engine;
    this.options = options;
    this.listener = listener;
  }

  /**
   * Checks the request and the repository without building anything.
   *
   * @throws InvalidInputException with every problem found
   */
  public Plan check(RunRequest request) {
    return check(request, options);
  }

  /**
   * As {@link #check(RunRequest)}, without an engine: invalid input is exit 2 also when no engine
   * answers.
   *
   * @throws InvalidInputException with every problem found
   */
  public static Plan check(RunRequest request, RunnerOptions options) {
    ValidationReport report =
        new RepositoryValidator(request.root(), request.setup(), options.compileOptions()).validate(request.selected());
    Plan planned = new Planner(request.setup(), request.trigger(), request.gate()).plan(request.config(), request.selected());
    List<Diagnostic> warnings = new ArrayList<>(planned.warnings());
    warnings.addAll(report.warnings());
    Plan plan = new Plan(planned.setup(), planned.trigger(), planned.publishGate(), planned.pipelines(), warnings);
    List<Diagnostic> problems = new ArrayList<>();
    InvalidInputException.collect(problems, () -> SourceDate.fromEnvironment(options.ciEnvironment(), "run"));
    for (Plan.PipelinePlan pipeline : plan.pipelines()) {
      for (Plan.StagePlan stage : pipeline.stages()) {
        stage.publish().filter(p -> p.decision().allowed() && options.registry().isEmpty()).ifPresent(p ->
            problems.add(request.config().document().problemAt(stage.keyPath(),
                "stage '" + stage.name() + "' of pipeline '" + pipeline.name() + "' publishes in this context ("
                    + p.decision().reason() + ") but no registry is given: give --registry HOST[:PORT][/NAMESPACE] or set"
                    + " MODELPIPE_REGISTRY")));
        stage.run().ifPresent(r -> r.credentials().forEach((name, id) -> {
          if (options.allowedCredentials().isPresent() && !options.allowedCredentials().get().contains(id)) {
            // as PipelineLib's credential manager: only ids the job allows, compared exactly
            problems.add(request.config().document().problemAt(stage.keyPath(),
                "run step asks for credential '" + id + "' (for " + name + "), which this job does not allow; allowed: "
                    + (options.allowedCredentials().get().isEmpty() ? "none" : String.join(", ", options.allowedCredentials().get()))));
          } else if (options.credential(id).isEmpty()) {
            problems.add(request.config().document().problemAt(stage.keyPath(),
                "run step needs credential '" + id + "' (for " + name + "): set " + io.modelpipe.CredentialVariables.name(id)));
          }
        }));
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return plan;
  }

  /**
   * Checks the request ({@link #check}), then runs it.
   *
   * @throws InvalidInputException when the request or the repository is invalid; nothing was built
   */
  public RunOutcome run(RunRequest request) {
    return run(request, check(request));
  }

  /**
   * Runs a request that {@link #check} has already passed, with the plan it returned: validating a
   * repository reads and compiles every Blubber file, which a caller that checked first (to fail
   * before connecting to the engine) should not pay twice.
   */
  public RunOutcome run(RunRequest request, Plan plan) {
    String runId = runId(request.setup());
    PublishDecision decision = request.gate().decide(request.trigger());
    RunContext run = new RunContext(runId, request.root(), request.config(), engine, options, listener, decision,
        request.sourceUrl(), request.commitTime());
    current = run;
    ExecutorService pipelineThreads = threadPool("modelpipe-pipeline-");
    ExecutorService pool = threadPool("modelpipe-stage-");
    stageThreads = pool;
    Semaphore slots = new Semaphore(options.jobs(), true);
    List<PipelineResult> results = new ArrayList<>();
    List<String> teardownProblems = new ArrayList<>();
    try {
      List<Future<PipelineResult>> pipelines = new ArrayList<>();
      for (Plan.PipelinePlan planned : plan.pipelines()) {
        Pipeline pipeline = request.config().pipeline(planned.name()).orElseThrow();
        pipelines.add(pipelineThreads.submit(
            () -> runPipeline(run, pipeline, request.setup().forPipeline(pipeline.name()), pool, slots)));
      }
      for (int i = 0; i < pipelines.size(); i++) {
        results.add(await(pipelines.get(i), plan.pipelines().get(i), run));
      }
    } finally {
      pipelineThreads.shutdownNow();
      // Not shutdownNow: a stop interrupted the running stages once (abort()); a second interrupt
      // would break their clean-up (removing their containers) on the way out.
      pool.shutdown();
      awaitQuietly(pool);
      if (!options.keep()) {
        listener.teardown("removing " + run.resources().imageTags().size() + " image references of run " + runId);
        teardownProblems.addAll(run.resources().remove(engine.client()));
      }
    }
    RunResult result = new RunResult(runSetup(request.setup()), request.triggerInfo(), overall(results), results,
        plan.warnings().stream().map(io.modelpipe.yaml.Diagnostic::format).toList());
    return new RunOutcome(result, runId, run.unavailable(), teardownProblems);
  }

  /**
   * Stops the run: stages not started do not start, running builds and containers are stopped, and
   * {@link #run} returns, after teardown, with the stopped stages ABORTED. Returns at once; for a
   * shutdown hook, which then waits for {@code run} to return.
   */
  public void abort() {
    RunContext run = current;
    if (run == null) {
      return;
    }
    run.abort();
    ExecutorService pool = stageThreads;
    if (pool != null) {
      pool.shutdownNow();
    }
  }

  private PipelineResult runPipeline(RunContext run, Pipeline pipeline, Setup setup, ExecutorService pool, Semaphore slots) {
    Map<String, Map<String, String>> bound = new ConcurrentHashMap<>();
    ExecutionGraph graph = pipeline.execution();
    List<StageResult> stages = new ArrayList<>();
    boolean stopped = false;
    for (List<String> frame : graph.frames()) {
      if (stopped || run.aborted()) {
        frame.forEach(name -> stages.add(notRun(run, pipeline, name)));
        continue;
      }
      List<Future<StageResult>> running = new ArrayList<>();
      for (String name : frame) {
        Stage stage = pipeline.stage(name).orElseThrow();
        StageExecution execution = new StageExecution(run, pipeline, stage, setup, graph.ancestors(name), bound);
        try {
          running.add(pool.submit(() -> {
            try {
              slots.acquire();
            } catch (InterruptedException e) {
              return notRun(run, pipeline, name);
            }
            try {
              if (run.aborted()) {
                return notRun(run, pipeline, name);
              }
              StageResult result = execution.execute();
              listener.stageFinished(execution.id(), result);
              return result;
            } finally {
              slots.release();
            }
          }));
        } catch (RejectedExecutionException shutDown) {
          running.add(CompletableFuture.completedFuture(notRun(run, pipeline, name)));
        }
      }
      for (int i = 0; i < running.size(); i++) {
        StageResult result;
        try {
          result = running.get(i).get();
        } catch (InterruptedException e) {
          run.abort();
          Thread.currentThread().interrupt();
          result = StageResult.of(frame.get(i), Status.ABORTED, Duration.ZERO).withSkipReason("the run was stopped");
        } catch (ExecutionException e) {
          result = StageResult.of(frame.get(i), run.aborted() ? Status.ABORTED : Status.FAILURE, Duration.ZERO)
              .withSkipReason(String.valueOf(e.getCause()));
        } catch (java.util.concurrent.CancellationException e) {
          result = StageResult.of(frame.get(i), Status.ABORTED, Duration.ZERO).withSkipReason("the run was stopped");
        }
        stages.add(result);
        stopped |= result.status().isFailure();
      }
    }
    return new PipelineResult(pipeline.name(), overallOfStages(stages), stages);
  }

  private PipelineResult await(Future<PipelineResult> future, Plan.PipelinePlan planned, RunContext run) {
    try {
      return future.get();
    } catch (InterruptedException e) {
      abort();
      Thread.currentThread().interrupt();
    } catch (ExecutionException | java.util.concurrent.CancellationException e) {
      abort();
    }
    // the pipeline's thread was stopped before it could report: every stage counts as aborted
    List<StageResult> stages = planned.stages().stream()
        .map(s -> StageResult.of(s.name(), Status.ABORTED, Duration.ZERO).withSkipReason("the run was stopped"))
        .toList();
    return new PipelineResult(planned.name(), Status.ABORTED, stages);
  }

  private StageResult notRun(RunContext run, Pipeline pipeline, String stage) {
    StageResult result = StageResult.of(stage, Status.NOT_RUN, Duration.ZERO)
        .withSkipReason(run.aborted() ? "the run was stopped" : "an earlier stage failed");
    listener.stageFinished(new StageId(pipeline.name(), stage), result);
    return result;
  }

  private static Status overallOfStages(List<StageResult> stages) {
    if (stages.stream().anyMatch(s -> s.status() == Status.ABORTED)) {
      return Status.ABORTED;
    }
    return stages.stream().anyMatch(s -> s.status() == Status.FAILURE) ? Status.FAILURE : Status.SUCCESS;
  }

  private static Status overall(List<PipelineResult> pipelines) {
    if (pipelines.stream().anyMatch(p -> p.status() == Status.ABORTED)) {
      return Status.ABORTED;
    }
    return pipelines.stream().anyMatch(p -> p.status() == Status.FAILURE) ? Status.FAILURE : Status.SUCCESS;
  }

  /** The result of a run with nothing to run (no pipeline affected): a success with no pipelines. */
  public static RunResult nothingRun(Setup setup, TriggerInfo trigger) {
    return new RunResult(runSetup(setup), trigger, Status.SUCCESS, List.of());
  }

  private static RunSetup runSetup(Setup setup) {
    return new RunSetup(setup.project(), setup.commit(), setup.branch(), setup.tag(), setup.timestamp());
  }

  /** {@code TIMESTAMP-RANDOM}: sortable, and distinct for runs started in the same second. */
  private static String runId(Setup setup) {
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    String stamp = setup.timestamp().isEmpty() ? "run" : setup.timestamp();
    return stamp + "-" + HexFormat.of().formatHex(random);
  }

  private static ExecutorService threadPool(String prefix) {
    AtomicInteger number = new AtomicInteger();
    return Executors.newCachedThreadPool(task -> {
      Thread thread = new Thread(task, prefix + number.incrementAndGet());
      thread.setDaemon(true);
      return thread;
    });
  }

  private static void awaitQuietly(ExecutorService pool) {
    try {
      pool.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static String seconds(Duration duration) {
    return Durations.format(duration);
  }
}
