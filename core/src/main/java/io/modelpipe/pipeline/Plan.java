package io.modelpipe.pipeline;

import io.modelpipe.config.Setup;
import io.modelpipe.trigger.PublishDecision;
import io.modelpipe.trigger.PublishGate;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.yaml.Diagnostic;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * What running pipelines would do, resolved as far as is possible before running: stages in
 * execution order, the variants they build, what they run, the image names and tags they would
 * publish. Values that exist only at run time (an image ID, a registry path) appear as
 * placeholders such as {@code <imageID of stage build>}; see {@link #isPlaceholder(String)}.
 *
 * @param setup the setup values the plan was resolved with
 * @param trigger the trigger context the plan was made for
 * @param publishGate the contexts in which publish steps run
 * @param pipelines the planned pipelines, in config order
 * @param warnings located remarks that do not stop the plan: duplicate YAML keys, problems of
 *     pipelines not planned, image names checked only against a guessed project
 */
public record Plan(Setup setup, TriggerContext trigger, PublishGate publishGate, List<PipelinePlan> pipelines,
    List<Diagnostic> warnings) {

  public Plan {
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(publishGate, "publishGate");
    pipelines = List.copyOf(pipelines);
    warnings = warnings.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct().toList();
  }

  public Plan(Setup setup, TriggerContext trigger, PublishGate publishGate, List<PipelinePlan> pipelines) {
    this(setup, trigger, publishGate, pipelines, List.of());
  }

  /** A plan for a manual run with the default publish contexts. */
  public Plan(Setup setup, List<PipelinePlan> pipelines) {
    this(setup, TriggerContext.none(), PublishGate.defaults(), pipelines);
  }

  /** The placeholder for a value that stage {@code stage} binds only at run time. */
  public static String placeholder(String name, String stage) {
    return "<" + name + " of stage " + stage + ">";
  }

  /** Whether a resolved value holds a run-time placeholder. */
  public static boolean isPlaceholder(String value) {
    return value.matches("(?s).*<[A-Za-z0-9_.-]+ of (stage [A-Za-z0-9_-]+|setup)>.*");
  }

  public Optional<PipelinePlan> pipeline(String name) {
    return pipelines.stream().filter(p -> p.name().equals(name)).findFirst();
  }

  /**
   * One pipeline's plan.
   *
   * @param name the pipeline
   * @param blubber the Blubber config the pipeline builds from, as diagnostics name it
   * @param directory the stages' working directory, repo-relative
   * @param frames the stages in execution order; stages of one frame may run in parallel
   * @param notes remarks, e.g. stages that are defined but never run
   */
  public record PipelinePlan(
      String name, String blubber, String directory, List<List<StagePlan>> frames, List<String> notes) {

    public PipelinePlan {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(blubber, "blubber");
      Objects.requireNonNull(directory, "directory");
      frames = frames.stream().map(List::copyOf).toList();
      notes = List.copyOf(notes);
    }

    /** All stages, in execution order. */
    public List<StagePlan> stages() {
      return frames.stream().flatMap(List::stream).toList();
    }

    public Optional<StagePlan> stage(String stageName) {
      return stages().stream().filter(s -> s.name().equals(stageName)).findFirst();
    }
  }

  /**
   * One stage's plan.
   *
   * @param name the stage
   * @param keyPath key path of the stage in the config
   * @param after the stages that run before it (its ancestors in the execution graph)
   * @param build the build step, if any
   * @param run the run step, if any
   * @param publish the publish.image step, if any
   * @param exports the values the stage exports, resolved
   * @param notification the {@code notify} step, if any (modelpipe does not send it)
   * @param notExecuted steps of the stage modelpipe does not execute, each with the reason
   * @param notes other remarks
   */
  public record StagePlan(
      String name,
      String keyPath,
      List<String> after,
      Optional<BuildStep> build,
      Optional<RunStep> run,
      Optional<PublishStep> publish,
      Map<String, String> exports,
      Optional<NotifyStep> notification,
      Map<String, String> notExecuted,
      List<String> notes) {

    public StagePlan {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(keyPath, "keyPath");
      after = List.copyOf(after);
      Objects.requireNonNull(build, "build");
      Objects.requireNonNull(run, "run");
      Objects.requireNonNull(publish, "publish");
      exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
      Objects.requireNonNull(notification, "notification");
      notExecuted = Collections.unmodifiableMap(new LinkedHashMap<>(notExecuted));
      notes = List.copyOf(notes);
    }
  }

  /**
   * @param variant the variant to build
   * @param blubberFile the Blubber config it is defined in
   * @param context the build context, repo-relative (or a URL)
   * @param excludes patterns excluded from the context
   * @param imagePullPolicy {@code always}, or empty
   */
  public record BuildStep(
      String variant, String blubberFile, String context, List<String> excludes, Optional<String> imagePullPolicy) {
    public BuildStep {
      excludes = List.copyOf(excludes);
    }
  }

  /**
   * @param image the image to run
   * @param arguments entry-point arguments
   * @param env environment variables
   * @param credentials environment variable name to credential id
   * @param tail output lines kept as {@code ${.output}}
   */
  public record RunStep(
      String image, List<String> arguments, Map<String, String> env, Map<String, String> credentials, int tail) {
    public RunStep {
      arguments = List.copyOf(arguments);
      env = Collections.unmodifiableMap(new LinkedHashMap<>(env));
      credentials = Collections.unmodifiableMap(new LinkedHashMap<>(credentials));
    }
  }

  /**
   * @param imageId the image to publish
   * @param name the image name, normalised, without registry
   * @param tags the tags, normalised, the primary tag first, without empty or repeated ones
   * @param decision whether the step publishes in the plan's trigger context, and why; a run skips
   *     a step that does not, saying so
   */
  public record PublishStep(String imageId, String name, List<String> tags, PublishDecision decision) {
    public PublishStep {
      tags = List.copyOf(tags);
      Objects.requireNonNull(decision, "decision");
    }

    /** The primary tag, which PipelineLib exports as {@code imageTag}. */
    public String primaryTag() {
      return tags.get(0);
    }

    /** {@code name:tag} for each tag. */
    public List<String> references() {
      return tags.stream().map(t -> name + ":" + t).toList();
    }
  }

  /**
   * @param emailTo recipients
   * @param subject the subject, resolved
   */
  public record NotifyStep(List<String> emailTo, String subject) {
    public NotifyStep {
      emailTo = List.copyOf(emailTo);
    }
  }
}
