package io.modelpipe.pipeline;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.Setup;
import io.modelpipe.result.TriggerInfo;
import io.modelpipe.trigger.PublishGate;
import io.modelpipe.trigger.TriggerContext;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What to run: a repository, the pipelines of its config to run (all when empty), and the context
 * of the run.
 *
 * @param root the repository root, holding {@code .pipeline/config.yaml}
 * @param config its config, read
 * @param pipelines the pipelines to run, in config order when empty means all
 * @param setup the {@code ${setup.*}} values
 * @param trigger the trigger context, which decides whether publish steps run ({@code gate})
 * @param gate the publishing contexts
 * @param triggerInfo the trigger as the result records it (change, patch set, job)
 * @param sourceUrl the repository's public URL, for the {@code org.opencontainers.image.source} label
 * @param commitTime the commit time of the revision checked out, for {@code
 *     org.opencontainers.image.created} when {@code SOURCE_DATE_EPOCH} is unset (see {@code SourceDate})
 */
public record RunRequest(
    Path root,
    PipelineConfig config,
    List<String> pipelines,
    Setup setup,
    TriggerContext trigger,
    PublishGate gate,
    TriggerInfo triggerInfo,
    Optional<String> sourceUrl,
    Optional<Instant> commitTime) {

  /** A request without a commit time: images get the newest modification time of their context. */
  public RunRequest(Path root, PipelineConfig config, List<String> pipelines, Setup setup, TriggerContext trigger,
      PublishGate gate, TriggerInfo triggerInfo, Optional<String> sourceUrl) {
    this(root, config, pipelines, setup, trigger, gate, triggerInfo, sourceUrl, Optional.empty());
  }

  public RunRequest {
    Objects.requireNonNull(root, "root");
    Objects.requireNonNull(config, "config");
    pipelines = List.copyOf(pipelines);
    Objects.requireNonNull(setup, "setup");
    Objects.requireNonNull(trigger, "trigger");
    Objects.requireNonNull(gate, "gate");
    Objects.requireNonNull(triggerInfo, "triggerInfo");
    Objects.requireNonNull(sourceUrl, "sourceUrl");
    Objects.requireNonNull(commitTime, "commitTime");
  }

  /** The names of the pipelines to run, in config order. */
  public List<String> selected() {
    return config.names().stream().filter(n -> pipelines.isEmpty() || pipelines.contains(n)).toList();
  }
}
