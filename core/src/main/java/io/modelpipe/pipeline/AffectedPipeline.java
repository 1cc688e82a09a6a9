package io.modelpipe.pipeline;

import java.util.List;
import java.util.Objects;

/**
 * A pipeline a change affects, and why.
 *
 * @param name the pipeline
 * @param reasons at least one; one per changed file that affects it, in file order (a change to
 *     the pipeline's config entry first)
 */
public record AffectedPipeline(String name, List<Reason> reasons) {

  public AffectedPipeline {
    Objects.requireNonNull(name, "name");
    reasons = List.copyOf(reasons);
    if (reasons.isEmpty()) {
      throw new IllegalArgumentException("an affected pipeline needs a reason");
    }
  }

  /** One line per reason: {@code outlink: outlink/model_server/model.py is copied by variant test (copies: outlink)}. */
  public List<String> lines() {
    return reasons.stream().map(r -> name + ": " + r.description()).toList();
  }

  /**
   * Why a changed file affects a pipeline.
   *
   * @param file the changed file, repo-relative
   * @param kind what it matched
   * @param stage the stage whose build it matched; empty for the config entry, the pipeline
   *     directory and a pipeline-level match
   * @param description the sentence people read, starting with the file
   */
  public record Reason(String file, Kind kind, String stage, String description) {
    public Reason {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(description, "description");
    }
  }

  /** What a changed file matched; {@link #label()} is the name JSON uses. */
  public enum Kind {
    /** The pipeline's entry of {@code .pipeline/config.yaml} changed, or is new. */
    CONFIG_ENTRY("config-entry"),
    /** The Blubber file a stage builds from. */
    BLUBBER_FILE("blubber-file"),
    /** A file inside a stage's build context, when that context is not the repository root. */
    BUILD_CONTEXT("build-context"),
    /** A file inside the pipeline's directory, when that is not the repository root. */
    DIRECTORY("directory"),
    /** The {@code .dockerignore} of a build context. */
    DOCKERIGNORE("dockerignore"),
    /** A file a variant of the build copies from the build context ({@code copies}). */
    COPIES("copies"),
    /** A builder's requirements file ({@code python.requirements}, ...). */
    REQUIREMENTS("requirements"),
    /** A stage builds a variant or context known only at run time: every change may affect it. */
    RUN_TIME("run-time");

    private final String label;

    Kind(String label) {
      this.label = label;
    }

    public String label() {
      return label;
    }
  }
}
