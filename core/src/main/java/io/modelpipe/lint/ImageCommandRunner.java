package io.modelpipe.lint;

import com.github.dockerjava.api.exception.NotFoundException;
import io.modelpipe.blubber.Artifact;
import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.blubber.CompiledDockerfile;
import io.modelpipe.blubber.DockerIgnore;
import io.modelpipe.blubber.DockerfileCompiler;
import io.modelpipe.blubber.Variant;
import io.modelpipe.image.BuildContext;
import io.modelpipe.image.BuiltImage;
import io.modelpipe.image.ContainerExit;
import io.modelpipe.image.ContainerRunner;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ImageBuildOptions;
import io.modelpipe.image.ImageBuilder;
import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.RunOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.json.JsonMapper;

/**
 * Runs lint inside a Blubber variant's image (normally {@code test}), through the image engine:
 * builds the variant, runs one container of it to its end, collects its output, removes the
 * container always and the image unless kept.
 *
 * <p>The container runs the variant's own entry point, or {@code entrypoint} when it differs (as
 * {@code docker run --entrypoint} would; the override is one {@code ENTRYPOINT} instruction added to
 * the compiled Dockerfile, so every other layer comes from the build cache). The request's argv only
 * labels the run. The project's files are where the variant copies them, under {@code lives.in}.
 */
public final class ImageCommandRunner implements CommandRunner {

  private final DockerEngine engine;
  private final BlubberFile file;
  private final String variant;
  private final BuildContext context;
  private final CompileOptions compileOptions;
  private final ImageBuildOptions buildOptions;
  private final List<String> entrypoint;
  private final RunOptions runOptions;
  private final boolean keepImage;
  private final ProgressListener progress;
  private String builtImage;
  private boolean imageRemoved;

  /**
   * @param entrypoint what the container runs (the variant's entry point, or an override)
   * @param runOptions network and timeout of the run ({@code keepContainer} is ignored: the
   *     container is always removed)
   * @param keepImage keep the built image (else it is removed after the run, its parent layers kept
   *     for the build cache)
   * @param progress build steps and the container's output, as they come
   */
  public ImageCommandRunner(DockerEngine engine, BlubberFile file, String variant, BuildContext context,
      CompileOptions compileOptions, ImageBuildOptions buildOptions, List<String> entrypoint, RunOptions runOptions,
      boolean keepImage, ProgressListener progress) {
    this.engine = Objects.requireNonNull(engine, "engine");
    this.file = Objects.requireNonNull(file, "file");
    this.variant = Objects.requireNonNull(variant, "variant");
    this.context = Objects.requireNonNull(context, "context");
    this.compileOptions = Objects.requireNonNull(compileOptions, "compileOptions");
    this.buildOptions = Objects.requireNonNull(buildOptions, "buildOptions");
    this.entrypoint = List.copyOf(entrypoint);
    this.runOptions = Objects.requireNonNull(runOptions, "runOptions");
    this.keepImage = keepImage;
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  @Override
  public String where() {
    return "image of variant " + variant + " of " + file.displayName();
  }

  /** The image built by the last run (kept or removed). */
  public Optional<String> builtImage() {
    return Optional.ofNullable(builtImage);
  }

  /** True when the last run's image was removed after the run. */
  public boolean imageRemoved() {
    return imageRemoved;
  }

  /**
   * Where the project directory is inside the image: the directory the variant copies the project's
   * {@code tox.ini} into, under {@code lives.in}; {@code lives.in} itself when no copy names it.
   */
  public Path imageRoot(Path projectRoot) {
    Variant target = file.variant(variant);
    Path livesIn = Path.of(target.lives().in());
    String toxIni;
    try {
      toxIni = context.directory().relativize(projectRoot.resolve("tox.ini")).toString().replace('\\', '/');
    } catch (IllegalArgumentException e) {
      return livesIn;
    }
    for (Artifact copy : target.copies()) {
      if (!copy.isLocal()) {
        continue;
      }
      String source = copy.normalizedSource();
      String destination = copy.effectiveDestination();
      if (source.equals(toxIni)) {
        Path parent = livesIn.resolve(destination).normalize().getParent();
        return parent == null ? livesIn : parent;
      }
      String directory = source.equals(".") || source.equals("./") ? "" : source.endsWith("/") ? source : source + "/";
      if (toxIni.startsWith(directory) && (directory.isEmpty() || source.endsWith("/") || destination.endsWith("/"))) {
        Path parent = livesIn.resolve(destination).resolve(toxIni.substring(directory.length())).normalize().getParent();
        return parent == null ? livesIn : parent;
      }
    }
    return livesIn;
  }

  @Override
  public ToolPaths paths(Path projectRoot, Path workingDir) {
    Path root = imageRoot(projectRoot);
    return new ToolPaths(root, root.resolve(projectRoot.relativize(workingDir).toString()).normalize());
  }

  @Override
  public Outcome run(Request request) throws InterruptedException {
    long start = System.nanoTime();
    BuiltImage image = build();
    builtImage = image.id();
    List<String> lines = new ArrayList<>();
    ContainerExit exit;
    try {
      exit = new ContainerRunner(engine).run(image.id(), RunOptions.builder()
          .networkMode(runOptions.networkMode().orElse(null))
          .timeout(runOptions.timeout().orElse(null))
          .environment(runOptions.environment())
          .build(), new ProgressListener() {
            @Override
            public void output(String line) {
              lines.add(line);
              progress.output(line);
            }
          });
    } finally {
      if (!keepImage) {
        imageRemoved = removeImage(image.id());
      }
    }
    if (Thread.interrupted()) {
      throw new InterruptedException("interrupted while running " + image.id());
    }
    if (exit.timedOut()) {
      lines.add("modelpipe: the container was killed after " + runOptions.timeout().map(Duration::toSeconds).orElse(0L) + " s");
    }
    StringBuilder stdout = new StringBuilder();
    lines.forEach(line -> stdout.append(line).append('\n'));
    return new Outcome(exit.exitCode().orElse(-1), stdout.toString(), "", Duration.ofNanos(System.nanoTime() - start));
  }

  private BuiltImage build() {
    ImageBuilder builder = new ImageBuilder(engine);
    List<String> own = file.variant(variant).entrypoint();
    if (entrypoint.equals(own)) {
      return builder.buildVariant(file, variant, context, compileOptions, buildOptions, progress);
    }
    CompiledDockerfile compiled = DockerfileCompiler.compile(file, variant,
        compileOptions.withDockerIgnore(DockerIgnore.read(context.directory())).withBuildArgs(buildOptions.buildArgs()));
    // The target variant's stage is the last one: an ENTRYPOINT at the end overrides its own.
    String text = compiled.text() + (compiled.text().endsWith("\n") ? "" : "\n")
        + "ENTRYPOINT " + JsonMapper.builder().build().writeValueAsString(entrypoint) + "\n";
    return builder.build(text, Optional.of(compiled.target()), context, buildOptions, progress);
  }

  /** Removes the image unless another name holds it; its parents stay, for the build cache. */
  private boolean removeImage(String id) {
    try {
      List<String> tags = engine.client().inspectImageCmd(id).exec().getRepoTags();
      if (tags != null && !tags.isEmpty()) {
        return false; // someone else's tag (an identical build): not ours to remove
      }
      engine.client().removeImageCmd(id).withNoPrune(true).exec();
      return true;
    } catch (NotFoundException gone) {
      return true;
    } catch (RuntimeException inUse) {
      return false; // in use by another container, or the engine went away: leaving it is harmless
    }
  }
}
