package io.modelpipe.step;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/** What the build page shows of a step's result: stages, published images, lint counts, the change. */
public final class StepSummary {

  /** One stage of a run. */
  public record StageRow(String pipeline, String stage, String status, String duration) {
    public StageRow {
      Objects.requireNonNull(pipeline, "pipeline");
      Objects.requireNonNull(stage, "stage");
      Objects.requireNonNull(status, "status");
      Objects.requireNonNull(duration, "duration");
    }
  }

  /** An image published to a registry: {@code uri@digest} with its tags. */
  public record PublishedImage(String uri, String digest, List<String> tags) {
    public PublishedImage {
      Objects.requireNonNull(uri, "uri");
      Objects.requireNonNull(digest, "digest");
      tags = List.copyOf(tags);
    }

    /** {@code URI@DIGEST}. */
    public String reference() {
      return digest.isEmpty() ? uri : uri + "@" + digest;
    }
  }

  private final List<StageRow> stages;
  private final List<PublishedImage> images;
  private final int lintFindings;
  private final Optional<String> changeUrl;

  public StepSummary(List<StageRow> stages, List<PublishedImage> images, int lintFindings, Optional<String> changeUrl) {
    this.stages = List.copyOf(stages);
    this.images = List.copyOf(images);
    this.lintFindings = lintFindings;
    this.changeUrl = Objects.requireNonNull(changeUrl, "changeUrl");
  }

  public List<StageRow> stages() {
    return stages;
  }

  public List<PublishedImage> images() {
    return images;
  }

  public int lintFindings() {
    return lintFindings;
  }

  /** The Gerrit change's web address, when the Gerrit URL and the change are known. */
  public Optional<String> changeUrl() {
    return changeUrl;
  }

  @Override
  public String toString() {
    return "StepSummary{stages=" + stages.size() + ", images=" + images + ", lintFindings=" + lintFindings
        + ", change=" + changeUrl.orElse("") + "}";
  }
}
