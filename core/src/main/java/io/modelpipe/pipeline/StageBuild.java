package io.modelpipe.pipeline;

import io.modelpipe.config.BlubberSource;
import io.modelpipe.config.Build;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.Stage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The build step of a stage that runs, as written ({@link Build}) and as planned (variant and
 * context resolved).
 *
 * @param pipeline the pipeline
 * @param stage the stage
 * @param build the build step as written, defaults applied
 * @param planned the build step with its variables resolved
 */
record StageBuild(Pipeline pipeline, Stage stage, Build build, Plan.BuildStep planned) {

  /** The stages of {@code config} that run and build, pipeline by pipeline, stages in config order. */
  static List<StageBuild> executedIn(PipelineConfig config, Plan plan) {
    List<StageBuild> builds = new ArrayList<>();
    for (Pipeline pipeline : config.pipelines().values()) {
      Optional<Plan.PipelinePlan> pipelinePlan = plan.pipeline(pipeline.name());
      if (pipelinePlan.isEmpty()) {
        continue;
      }
      for (Stage stage : pipeline.stages()) {
        if (stage.build().isEmpty() || !pipeline.execution().contains(stage.name())) {
          continue;
        }
        Plan.StagePlan stagePlan = pipelinePlan.get().stage(stage.name()).orElseThrow();
        builds.add(new StageBuild(pipeline, stage, stage.build().get(), stagePlan.build().orElseThrow()));
      }
    }
    return builds;
  }

  /** The Blubber config the stage builds from. */
  BlubberSource source() {
    return pipeline.blubberFor(stage);
  }

  /** The variant to build; it may hold a run-time placeholder (see {@link #variantKnown()}). */
  String variant() {
    return planned.variant();
  }

  /** Whether the variant is known before the pipeline runs. */
  boolean variantKnown() {
    return !planned.variant().contains("<");
  }

  /** The build context, repo-relative and normalised; empty when it is a URL or known only at run time. */
  Optional<String> context() {
    return build.contextPath();
  }

  /** Where a path of the build context is in the repository. */
  static Path localSource(Path repoRoot, String context, String contextRelative) {
    return repoRoot.resolve(context).resolve(contextRelative).normalize();
  }

  /**
   * A repo-relative path as the build context sees it; empty when the path is not inside the
   * context.
   */
  static Optional<String> inContext(String context, String repoRelative) {
    if (context.equals(".")) {
      return Optional.of(repoRelative);
    }
    return repoRelative.startsWith(context + "/")
        ? Optional.of(repoRelative.substring(context.length() + 1))
        : Optional.empty();
  }
}
