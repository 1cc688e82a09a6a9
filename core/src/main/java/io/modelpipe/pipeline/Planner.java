package io.modelpipe.pipeline;

import io.modelpipe.config.Build;
import io.modelpipe.config.ExecutionGraph;
import io.modelpipe.config.ImageNaming;
import io.modelpipe.config.Notify;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PublishImage;
import io.modelpipe.config.Run;
import io.modelpipe.config.Setup;
import io.modelpipe.config.Stage;
import io.modelpipe.config.UnexecutedStep;
import io.modelpipe.config.VariableResolver;
import io.modelpipe.config.Variables;
import io.modelpipe.trigger.PublishDecision;
import io.modelpipe.trigger.PublishGate;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.KeyPaths;
import io.modelpipe.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

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
    List<Plan.PipelinePlan> pipelines = new ArrayList<>();
    PublishDecision decision = gate.decide(trigger);
    for (Pipeline pipeline : config.pipelines().values()) {
      if (only.isEmpty() || only.contains(pipeline.name())) {
        pipelines.add(new PipelinePlanner(pipeline, setup.forPipeline(pipeline.name()), decision, problems).plan());
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new Plan(setup, trigger, gate, pipelines);
  }

  /** A resolved string and whether it still holds run-time placeholders. */
  private record Resolved(String value, boolean complete) {}

  private static final class PipelinePlanner {
    private final Pipeline pipeline;
    private final Setup setup;
    private final PublishDecision decision;
    private final List<Diagnostic> problems;
    private final Map<String, Map<String, String>> bound = new HashMap<>();

    PipelinePlanner(Pipeline pipeline, Setup setup, PublishDecision decision, List<Diagnostic> problems) {
      this.pipeline = pipeline;
      this.setup = setup;
      this.decision = decision;
      this.problems = problems;
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
      StageResolver resolver = new StageResolver(stage.name(), ancestors);

      Optional<Plan.BuildStep> build = stage.build().map(b -> planBuild(stage, b, resolver));
      Optional<Plan.RunStep> run = stage.run().map(r -> planRun(r, resolver));
      Optional<Plan.PublishStep> publish = stage.publishImage().map(p -> planPublish(stage, p, resolver, own));

      Map<String, String> exports = new LinkedHashMap<>();
      stage.exports().forEach((name, template) -> {
        String value = resolver.resolve(template).value();
        exports.put(name, value);
        own.putIfAbsent(name, value);
      });

      Optional<Plan.NotifyStep> notify = stage.notification().map(n -> planNotify(n, resolver));
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

    private Plan.BuildStep planBuild(Stage stage, Build build, StageResolver resolver) {
      String context = build.contextPath().orElseGet(() -> resolver.resolve(build.context()).value());
      return new Plan.BuildStep(
          resolver.resolve(build.variant()).value(),
          pipeline.blubberFor(stage).displayName(),
          context,
          build.excludes().stream().map(e -> resolver.resolve(e).value()).toList(),
          build.imagePullPolicy().map(p -> resolver.resolve(p).value()));
    }

    private static Plan.RunStep planRun(Run run, StageResolver resolver) {
      Map<String, String> env = new LinkedHashMap<>();
      run.env().forEach((k, v) -> env.put(k, resolver.resolve(v).value()));
      Map<String, String> credentials = new LinkedHashMap<>();
      run.credentials().forEach(c -> credentials.put(resolver.resolve(c.name()).value(), resolver.resolve(c.id()).value()));
      return new Plan.RunStep(
          resolver.resolve(run.image()).value(),
          run.arguments().stream().map(a -> resolver.resolve(a).value()).toList(),
          env,
          credentials,
          run.tail());
    }

    private Plan.PublishStep planPublish(
        Stage stage, PublishImage publish, StageResolver resolver, Map<String, String> own) {
      Resolved name = normalized(resolver.resolve(publish.name()));
      String namePath = KeyPaths.child(publish.keyPath(), "name");
      if (name.complete()) {
        check(namePath, publish.name(), name.value(), false);
      }
      Resolved primary = normalized(resolver.resolve(publish.tag()));
      String tagPath = KeyPaths.child(publish.keyPath(), "tag");
      if (primary.complete() && primary.value().isEmpty()) {
        problems.add(problemAt(tagPath, "the primary image tag '" + publish.tag() + "' resolves to nothing"));
      } else if (primary.complete()) {
        check(tagPath, publish.tag(), primary.value(), true);
      }
      Set<String> tags = new LinkedHashSet<>();
      tags.add(primary.value());
      for (int i = 0; i < publish.tags().size(); i++) {
        String template = publish.tags().get(i);
        Resolved tag = normalized(resolver.resolve(template));
        if (tag.value().isEmpty()) {
          continue; // PipelineLib drops empty tags, e.g. ${setup.tag} when no tag is built
        }
        if (tag.complete()) {
          check(KeyPaths.index(KeyPaths.child(publish.keyPath(), "tags"), i), template, tag.value(), true);
        }
        tags.add(tag.value());
      }
      if (name.complete()) {
        own.put("imageName", name.value());
      }
      if (primary.complete()) {
        own.put("imageTag", primary.value());
      }
      return new Plan.PublishStep(resolver.resolve(publish.id()).value(), name.value(), List.copyOf(tags), decision);
    }

    private void check(String keyPath, String template, String value, boolean tag) {
      boolean valid = tag ? ImageNaming.isValidTag(value) : ImageNaming.isValidName(value);
      if (!valid) {
        String what = tag ? "image tag" : "image name";
        problems.add(problemAt(keyPath,
            "'" + template + "' resolves to '" + value + "', which is not a valid " + what + ": "
                + (tag ? ImageNaming.TAG_RULE : ImageNaming.NAME_RULE)));
      }
    }

    /**
     * A diagnostic at a key path; when the key is not written (a default applies), at the key of
     * the mapping that would hold it, e.g. {@code image:} for a defaulted {@code image.name}.
     */
    private Diagnostic problemAt(String keyPath, String message) {
      YamlDocument document = pipeline.document();
      String parent = keyPath.substring(0, Math.max(keyPath.lastIndexOf('.'), keyPath.lastIndexOf('[')));
      boolean written = !document.locate(keyPath).equals(document.locate(parent));
      return new Diagnostic(written ? document.locate(keyPath) : document.locateKey(parent), keyPath, message);
    }

    private static Resolved normalized(Resolved resolved) {
      return resolved.complete() ? new Resolved(ImageNaming.normalize(resolved.value()), true) : resolved;
    }

    private static Plan.NotifyStep planNotify(Notify notify, StageResolver resolver) {
      return new Plan.NotifyStep(
          notify.emailTo().stream().map(t -> resolver.resolve(t).value()).toList(),
          resolver.resolve(notify.subject()).value());
    }

    /** Resolves a stage's strings against the values bound so far. */
    private final class StageResolver {
      private final String stage;
      private final Set<String> ancestors;

      StageResolver(String stage, Set<String> ancestors) {
        this.stage = stage;
        this.ancestors = ancestors;
      }

      Resolved resolve(String template) {
        boolean[] complete = {true};
        VariableResolver resolver = new VariableResolver(setup, stage, ancestors, bound);
        String value = resolver.resolve(template, reference -> {
          complete[0] = false;
          return placeholder(reference);
        });
        return new Resolved(value, complete[0]);
      }

      private String placeholder(Variables.Reference reference) {
        if (reference.isSetup()) {
          return "<" + reference.name() + " of setup>";
        }
        return Plan.placeholder(reference.name(), reference.isCurrentStage() ? stage : reference.namespace());
      }
    }
  }
}
