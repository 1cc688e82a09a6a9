package io.modelpipe.pipeline;

import io.modelpipe.ServiceUnavailableException;
import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.config.BlubberSource;
import io.modelpipe.config.ImageNaming;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.Stage;
import io.modelpipe.image.ContainerRunner;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ImagePublisher;
import io.modelpipe.image.RegistryClient;
import io.modelpipe.image.SecretMasker;
import io.modelpipe.image.Sleeper;
import io.modelpipe.result.Status;
import io.modelpipe.trigger.PublishDecision;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/** What the stages of one run share: the engine, options, listener, resources to tear down. */
final class RunContext {

  private final String runId;
  private final Path root;
  private final PipelineConfig config;
  private final DockerEngine engine;
  private final RunnerOptions options;
  private final RunListener listener;
  private final PublishDecision decision;
  private final Optional<String> sourceUrl;
  private final Optional<Instant> commitTime;
  private final SecretMasker masker;
  private final RunResources resources = new RunResources();
  private final ContainerRunner containers;
  private final TagGuard tagGuard;
  private final ConcurrentHashMap<String, BlubberFile> blubberFiles = new ConcurrentHashMap<>();
  private final AtomicBoolean aborted = new AtomicBoolean();
  private final AtomicReference<ServiceUnavailableException> unavailable = new AtomicReference<>();

  RunContext(String runId, Path root, PipelineConfig config, DockerEngine engine, RunnerOptions options,
      RunListener listener, PublishDecision decision, Optional<String> sourceUrl, Optional<Instant> commitTime) {
    this.runId = runId;
    this.root = root;
    this.config = config;
    this.engine = engine;
    this.options = options;
    this.listener = listener;
    this.decision = decision;
    this.sourceUrl = sourceUrl;
    this.commitTime = commitTime;
    SecretMasker secrets = SecretMasker.of(options.credentials().values().toArray(String[]::new));
    this.masker = options.registryCredentials().map(c -> secrets.and(c.masker())).orElse(secrets);
    this.containers = new ContainerRunner(engine);
    this.tagGuard = new TagGuard(new ImagePublisher(engine.client(), Sleeper.THREAD),
        request -> RegistryClient.builder(request.target().registry())
            .credentials(request.credentials())
            .retryPolicy(request.retryPolicy())
            .build());
  }

  Path root() {
    return root;
  }

  DockerEngine engine() {
    return engine;
  }

  RunnerOptions options() {
    return options;
  }

  RunListener listener() {
    return listener;
  }

  PublishDecision decision() {
    return decision;
  }

  Optional<String> sourceUrl() {
    return sourceUrl;
  }

  /** The commit time of the revision checked out, if known: the images' source date. */
  Optional<Instant> commitTime() {
    return commitTime;
  }

  SecretMasker masker() {
    return masker;
  }

  RunResources resources() {
    return resources;
  }

  ContainerRunner containers() {
    return containers;
  }

  TagGuard tagGuard() {
    return tagGuard;
  }

  /** The Blubber file a stage builds from, read once per run. */
  BlubberFile blubberFile(Pipeline pipeline, Stage stage) {
    BlubberSource source = pipeline.blubberFor(stage);
    return blubberFiles.computeIfAbsent(source.keyPath() + "|" + source.displayName(),
        k -> BlubberSources.read(root, config.document(), source));
  }

  /**
   * The local name of a stage's image in this run, {@code modelpipe/PIPELINE-STAGE:RUNID}: unique
   * per run, so that runs side by side on one engine never take each other's names.
   */
  String localName(String pipeline, String stage) {
    String name = ImageNaming.normalize(pipeline + "-" + stage).replaceAll("[^a-z0-9._-]", "-");
    return "modelpipe/" + name + ":" + runId;
  }

  void serviceUnavailable(ServiceUnavailableException e) {
    unavailable.compareAndSet(null, e);
  }

  Optional<ServiceUnavailableException> unavailable() {
    return Optional.ofNullable(unavailable.get());
  }

  void abort() {
    aborted.set(true);
  }

  boolean aborted() {
    return aborted.get();
  }

  /** Ends the stage as ABORTED when the run is being stopped. */
  void checkNotAborted(StageId stage) {
    if (aborted.get() || Thread.currentThread().isInterrupted()) {
      throw new StageExecution.StepFailedException(Status.ABORTED, "the run was stopped");
    }
  }
}
