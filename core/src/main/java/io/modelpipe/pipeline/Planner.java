package io.modelpipe.pipeline;

import io.modelpipe.config.ExecutionGraph;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.Setup;
import io.modelpipe.config.Stage;
import io.modelpipe.config.UnexecutedStep;
import io.modelpipe.trigger.PublishDecision;
import io.modelpipe.trigger.PublishGate;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;

/**
 * Turns a validated config into a {@link Plan}: walks each pipeline's execution graph frame by
 * frame and resolves every stage's strings with the {@link Setup} values and the values earlier
 * stages bind, as PipelineLib would; values known only at run time become placeholders. Each
 * publish step carries whether it would publish in the trigger context ({@link PublishGate}).
 */
public final class Planner {

  private final Setup setup;
  private final TriggerContext trigger;
  private final PublishGate gate;

  /** A planner for a manual run (no trigger) with the default publish contexts. */
  public Planner(Setup setup) {
    this(setup, TriggerContext.none(), PublishGate.defaults());
  }

  public Planner(Setup setup, TriggerContext trigger, PublishGate gate) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.trigger = Objects.requireNonNull(trigger, "trigger");
    this.gate = Objects.requireNonNull(gate, "gate");
  }

  /** Plans every pipeline. */
  public Plan plan(PipelineConfig config) {
    return plan(config, List.of());
  }

  /**
   * Plans the named pipelines, in config order; all of them when {@code only} is empty.
   *
   * @throws IllegalArgumentException when a name is not a pipeline of the config
   * @throws InvalidInputException when resolved image names or tags are invalid
   */
  public Plan plan(PipelineConfig config, Collection<String> only) {
    for (String name : only) {
      if (config.pipeline(name).isEmpty()) {
        throw new IllegalArgumentException("unknown pipeline '" + name + "'; pipelines: " + String.join(", ", config.names()));
      }
    }
    List<Diagnostic> problems = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>(config.warnings());
    List<Plan.PipelinePlan> pipelines = new ArrayList<>();
    PublishDecision decision = gate.decide(trigger);
    for (Pipeline pipeline : config.pipelines().values()) {
      if (only.isEmpty() || only.contains(pipeline.name())) {
        pipelines.add(new PipelinePlanner(pipeline, setup.forPipeline(pipeline.name()), decision, problems, warnings)
            .plan());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Plan(setup, trigger, gate, pipelines, warnings);
  }

  /**
   * Plans every pipeline of the config, each on its own: a pipeline whose plan has problems is
   * left out of the plan and its problems are given to {@code problemsOf}, so that one broken
   * pipeline does not stop the others.
   */
  public Plan planEach(PipelineConfig config, BiConsumer<String, List<Diagnostic>> problemsOf) {
    List<Diagnostic> warnings = new ArrayList<>(config.warnings());
    List<Plan.PipelinePlan> pipelines = new ArrayList<>();
    PublishDecision decision = gate.decide(trigger);
    for (Pipeline pipeline : config.pipelines().values()) {
      List<Diagnostic> problems = new ArrayList<>();
      Plan.PipelinePlan planned =
          new PipelinePlanner(pipeline, setup.forPipeline(pipeline.name()), decision, problems, warnings).plan();
      if (problems.isEmpty()) {
        pipelines.add(planned);
      } else {
        problemsOf.accept(pipeline.name(), problems);
      }
    }
    return new Plan(setup, trigger, gate, pipelines, warnings);
  }

  private static final class PipelinePlanner {
    private final Pipeline pipeline;
    private final Setup setup;
    private final PublishDecision decision;
    private final List<Diagnostic> problems;
    private final List<Diagnostic> warnings;
    private final Map<String, Map<String, String>> bound = new HashMap<>();

    PipelinePlanner(Pipeline pipeline, Setup setup, PublishDecision decision, List<Diagnostic> problems,
        List<Diagnostic> warnings) {
      this.pipeline = pipeline;
      this.setup = setup;
      this.decision = decision;
      this.problems = problems;
      this.warnings = warnings;
    }

    Plan.PipelinePlan plan() {
      ExecutionGraph graph = pipeline.execution();
      List<List<Plan.StagePlan>> frames = new ArrayList<>();
      for (List<String> frame : graph.frames()) {
        List<Plan.StagePlan> stages = new ArrayList<>();
        for (String name : frame) {
          Stage stage = pipeline.stage(name)
              .orElseThrow(() -> new IllegalStateException("execution graph names unknown stage " + name));
          stages.add(planStage(stage, graph.ancestors(name)));
        }
        frames.add(stages);
      }
      List<String> notes = new ArrayList<>();
      for (Stage stage : pipeline.stagesNotExecuted()) {
        notes.add("stage '" + stage.name() + "' is not in the execution graph: it never runs");
      }
      return new Plan.PipelinePlan(
          pipeline.name(), pipeline.blubber().displayName(), pipeline.directory(), frames, notes);
    }

    private Plan.StagePlan planStage(Stage stage, Set<String> ancestors) {
      Map<String, String> own = new LinkedHashMap<>();
      bound.put(stage.name(), own);
      StageSteps steps = new StageSteps(pipeline, stage, setup, ancestors, bound, problems, warnings);

      Optional<Plan.BuildStep> build = steps.build();
      Optional<Plan.RunStep> run = steps.run();
      Optional<Plan.PublishStep> publish = steps.publish(decision);
      publish.ifPresent(p -> {
        if (!Plan.isPlaceholder(p.name())) {
          own.put("imageName", p.name());
        }
        if (!Plan.isPlaceholder(p.primaryTag())) {
          own.put("imageTag", p.primaryTag());
        }
      });
      Map<String, String> exports = steps.exports(own);
      Optional<Plan.NotifyStep> notify = steps.notification();
      Map<String, String> notExecuted = new LinkedHashMap<>();
      for (UnexecutedStep step : stage.unexecuted()) {
        notExecuted.put(step.step(), "not executed by modelpipe: " + step.reason());
      }
      List<String> notes = new ArrayList<>(stage.notes());
      notify.ifPresent(n -> notes.add("modelpipe does not send the failure email of 'notify'"));
      return new Plan.StagePlan(
          stage.name(), stage.keyPath(), List.copyOf(ancestors), build, run, publish, exports, notify,
          notExecuted, notes);
    }
  }
}
