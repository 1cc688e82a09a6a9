package io.modelpipe.pipeline;

import io.modelpipe.yaml.Diagnostic;
import java.util.List;
import java.util.Objects;

/**
 * What {@link RepositoryValidator} found in a repository that is valid: the pipelines, and each
 * variant a stage builds, compiled.
 *
 * @param pipelines names of the pipelines, in config order
 * @param stages how many stages the pipelines define
 * @param variants one entry per stage that builds, in config order
 * @param warnings constructs compiled to the nearest equivalent, and similar remarks
 */
public record ValidationReport(
    List<String> pipelines, int stages, List<CheckedVariant> variants, List<Diagnostic> warnings) {

  public ValidationReport {
    pipelines = List.copyOf(pipelines);
    variants = List.copyOf(variants);
    warnings = warnings.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct().toList();
  }

  /**
   * A variant a stage builds, compiled.
   *
   * @param pipeline the pipeline
   * @param stage the stage
   * @param variant the variant
   * @param blubberFile the Blubber config, as diagnostics name it
   * @param context the build context, repo-relative
   * @param instructions how many Dockerfile instructions the variant compiles to
   */
  public record CheckedVariant(
      String pipeline, String stage, String variant, String blubberFile, String context, int instructions) {
    public CheckedVariant {
      Objects.requireNonNull(pipeline, "pipeline");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(variant, "variant");
      Objects.requireNonNull(blubberFile, "blubberFile");
      Objects.requireNonNull(context, "context");
    }
  }
}
