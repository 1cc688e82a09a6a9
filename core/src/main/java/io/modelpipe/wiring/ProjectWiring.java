package io.modelpipe.wiring;

import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.Stage;
import io.modelpipe.config.UnexecutedStep;
import io.modelpipe.pipeline.PipelineInputs.Input;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What integration/config needs for one monorepo: its JJB project name, its Zuul (Gerrit) project,
 * and for every pipeline of its config the two Jenkins jobs, the Zuul pipelines the trigger job
 * belongs in and its {@code files:} filter.
 *
 * @param name the JJB project name ({@code {name}} of the job templates), e.g. {@code inference-services}
 * @param zuulProject the Gerrit project Zuul's {@code projects:} names; empty when not known
 * @param pipelines in config order
 */
public record ProjectWiring(String name, Optional<String> zuulProject, List<PipelineWiring> pipelines) {

  /** Zuul pipelines a pipeline that tests runs in. */
  public static final List<String> TEST_PIPELINES = List.of("test", "gate-and-submit");

  /** Zuul pipelines a pipeline that publishes runs in: after merge, on change-merged. */
  public static final List<String> PUBLISH_PIPELINES = List.of("postmerge");

  /** Every Zuul pipeline modelpipe places trigger jobs in, in layout order. */
  public static final List<String> ZUUL_PIPELINES = List.of("test", "gate-and-submit", "postmerge");

  /** PipelineLib's actions allowed only in gate and post-merge contexts. */
  private static final Set<String> POST_MERGE_ACTIONS = Set.of("publish", "promote", "deploy", "trigger");

  /**
   * One pipeline's wiring.
   *
   * @param pipeline the pipeline name of {@code .pipeline/config.yaml}
   * @param publishes whether a stage that runs publishes, promotes, deploys or triggers (what
   *     PipelineLib allows only after merge): then the trigger job goes to {@code postmerge}, else
   *     to {@code test} and {@code gate-and-submit}
   * @param files the Zuul {@code files:} regexes
   */
  public record PipelineWiring(String pipeline, boolean publishes, List<String> files) {
    public PipelineWiring {
      Objects.requireNonNull(pipeline, "pipeline");
      files = List.copyOf(files);
    }

    /** The Zuul pipelines its trigger job belongs in. */
    public List<String> zuulPipelines() {
      return publishes ? PUBLISH_PIPELINES : TEST_PIPELINES;
    }
  }

  public ProjectWiring {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(zuulProject, "zuulProject");
    pipelines = List.copyOf(pipelines);
  }

  /**
   * The wiring of a config, from what {@code affected} selects each pipeline on.
   *
   * @throws InvalidInputException (exit 2) when the name is not a JJB project name
   */
  public static ProjectWiring of(String name, Optional<String> zuulProject, PipelineConfig config,
      Map<String, List<Input>> inputs) {
    checkName(name);
    List<PipelineWiring> pipelines = new ArrayList<>();
    for (Pipeline pipeline : config.pipelines().values()) {
      pipelines.add(new PipelineWiring(pipeline.name(), publishes(pipeline), ZuulFilters.of(inputs.get(pipeline.name()))));
    }
    return new ProjectWiring(name, zuulProject, pipelines);
  }

  /** {@code trigger-NAME-pipeline-P}: the job Zuul starts. */
  public String triggerJob(String pipeline) {
    return "trigger-" + name + "-pipeline-" + pipeline;
  }

  /** {@code NAME-pipeline-P}: the pipeline job the trigger job runs. */
  public String pipelineJob(String pipeline) {
    return name + "-pipeline-" + pipeline;
  }

  public Optional<PipelineWiring> pipeline(String pipeline) {
    return pipelines.stream().filter(p -> p.pipeline().equals(pipeline)).findFirst();
  }

  public List<String> names() {
    return pipelines.stream().map(PipelineWiring::pipeline).toList();
  }

  /** The pipeline a trigger job of this project runs; empty for another project's job. */
  public Optional<String> pipelineOfTriggerJob(String job) {
    String prefix = "trigger-" + name + "-pipeline-";
    return job.startsWith(prefix) && job.length() > prefix.length()
        ? Optional.of(job.substring(prefix.length()))
        : Optional.empty();
  }

  static boolean publishes(Pipeline pipeline) {
    for (Stage stage : pipeline.stages()) {
      if (!pipeline.execution().contains(stage.name())) {
        continue;
      }
      if (stage.publishImage().isPresent()) {
        return true;
      }
      for (UnexecutedStep step : stage.unexecuted()) {
        if (POST_MERGE_ACTIONS.contains(step.step())) {
          return true;
        }
      }
    }
    return false;
  }

  private static void checkName(String name) {
    if (!name.matches("[A-Za-z0-9][A-Za-z0-9._-]*")) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile("--name"), "",
          "'" + name + "' is not a JJB project name (letters, digits, '.', '_' and '-')"));
    }
  }
}
