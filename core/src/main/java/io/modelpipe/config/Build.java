package io.modelpipe.config;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A stage's {@code build} step with PipelineLib's defaults applied.
 *
 * @param variant the Blubber variant (may hold variables; default {@code ${.stage}})
 * @param context the build context as written (default {@code .}), relative to the pipeline directory
 * @param contextPath the context as a normalised repo-relative path; empty when the context is a
 *     URL or holds variables
 * @param excludes patterns excluded from the build context
 * @param imagePullPolicy {@code always}, or empty to pull only missing base images
 * @param keyPath key path of the {@code build} value
 * @param variantKeyPath key path of {@code build.variant}, or of {@code build} for the short form
 *     ({@code build: production}) and the name-only stage: where "variant not found" belongs
 */
public record Build(
    String variant,
    String context,
    Optional<String> contextPath,
    List<String> excludes,
    Optional<String> imagePullPolicy,
    String keyPath,
    String variantKeyPath) {

  public Build {
    Objects.requireNonNull(variant, "variant");
    Objects.requireNonNull(context, "context");
    Objects.requireNonNull(contextPath, "contextPath");
    excludes = List.copyOf(excludes);
    Objects.requireNonNull(imagePullPolicy, "imagePullPolicy");
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(variantKeyPath, "variantKeyPath");
  }

  /** Whether the context is a URL (a remote context), not a path in the repository. */
  public boolean contextIsUrl() {
    return RepoPaths.isUrl(context);
  }
}
