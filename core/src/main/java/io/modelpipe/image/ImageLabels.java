package io.modelpipe.image;

import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The labels modelpipe puts on the images it builds: PipelineLib's ({@code ci.project},
 * {@code ci.pipeline}, and {@code zuul.commit}, {@code jenkins.job}, {@code jenkins.build} when
 * known) and the OCI annotations {@code org.opencontainers.image.revision}, {@code .source},
 * {@code .created} and {@code .version}. Unknown values are left out, never written empty.
 */
public record ImageLabels(Map<String, String> values) {

  public static final ImageLabels NONE = new ImageLabels(Map.of());

  public ImageLabels {
    values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Builds the labels; a blank or missing value leaves its label out. */
  public static final class Builder {
    private final Map<String, String> values = new LinkedHashMap<>();

    private Builder() {}

    private Builder put(String label, String value) {
      if (value != null && !value.isBlank()) {
        values.put(label, value.strip());
      } else {
        values.remove(label);
      }
      return this;
    }

    /** {@code ci.project}, e.g. {@code machinelearning/liftwing/inference-services}. */
    public Builder project(String project) {
      return put("ci.project", project);
    }

    /** {@code ci.pipeline}. */
    public Builder pipeline(String pipeline) {
      return put("ci.pipeline", pipeline);
    }

    /** {@code org.opencontainers.image.revision}: the commit built. */
    public Builder revision(String commit) {
      return put("org.opencontainers.image.revision", commit);
    }

    /** {@code org.opencontainers.image.source}: where the source lives (a repository URL). */
    public Builder source(String url) {
      return put("org.opencontainers.image.source", url);
    }

    /** {@code org.opencontainers.image.version}: e.g. the git tag. */
    public Builder version(String version) {
      return put("org.opencontainers.image.version", version);
    }

    /** {@code org.opencontainers.image.created}, RFC 3339 in UTC to the second. */
    public Builder created(Instant instant) {
      return put("org.opencontainers.image.created",
          instant == null ? null : DateTimeFormatter.ISO_INSTANT.format(instant.truncatedTo(ChronoUnit.SECONDS)));
    }

    /**
     * What CI tells through the environment: {@code zuul.commit} from {@code ZUUL_COMMIT},
     * {@code jenkins.job} from {@code JOB_NAME}, {@code jenkins.build} from {@code BUILD_NUMBER}.
     */
    public Builder fromCiEnvironment(Map<String, String> environment) {
      put("zuul.commit", environment.get("ZUUL_COMMIT"));
      put("jenkins.job", environment.get("JOB_NAME"));
      return put("jenkins.build", environment.get("BUILD_NUMBER"));
    }

    /** Any other label. */
    public Builder label(String name, String value) {
      return put(name, value);
    }

    public ImageLabels build() {
      return new ImageLabels(values);
    }
  }

  public Optional<String> get(String label) {
    return Optional.ofNullable(values.get(label));
  }
}
