package io.modelpipe.image;

import com.github.dockerjava.api.command.BuildImageCmd;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.model.BuildResponseItem;
import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.blubber.CompiledDockerfile;
import io.modelpipe.blubber.DockerIgnore;
import io.modelpipe.blubber.DockerfileCompiler;
import io.modelpipe.yaml.Diagnostic;
import java.io.IOException;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Builds images on a {@link DockerEngine} with its classic builder: a Dockerfile (compiled from a
 * Blubber variant, or given) and a {@link BuildContext} streamed as a tar while the engine reads it.
 */
public final class ImageBuilder {

  /** The name the generated Dockerfile has in the streamed context (never on disk). */
  public static final String DOCKERFILE_NAME = ".modelpipe.Dockerfile";

  private static final Pattern FROM_LINE = Pattern.compile("(?im)^\\s*FROM\\s.*$");
  private static final Pattern SUCCESSFULLY_BUILT = Pattern.compile("Successfully built ([0-9a-f]+)");

  private final DockerEngine engine;

  public ImageBuilder(DockerEngine engine) {
    this.engine = engine;
  }

  /**
   * Compiles {@code variant} of a Blubber file and builds it, its final stage as the target.
   *
   * @throws io.modelpipe.yaml.InvalidInputException when the variant does not compile
   * @throws ImageBuildException when the build fails
   * @throws io.modelpipe.ServiceUnavailableException when the engine does not answer
   */
  public BuiltImage buildVariant(
      BlubberFile file, String variant, BuildContext context, CompileOptions compileOptions, ImageBuildOptions options,
      ProgressListener listener) {
    CompiledDockerfile compiled = DockerfileCompiler.compile(file, variant,
        compileOptions.withDockerIgnore(DockerIgnore.read(context.directory())).withBuildArgs(options.buildArgs()));
    BuiltImage image = build(compiled.text(), Optional.of(compiled.target()), context, options, listener);
    return new BuiltImage(image.id(), image.tags(), image.dockerfile(), compiled.warnings());
  }

  /**
   * Builds a Dockerfile, after {@link #prepare} applies the options to its text.
   *
   * @param target the stage to build ({@code --target}), or empty for the last
   */
  public BuiltImage build(
      String dockerfile, Optional<String> target, BuildContext context, ImageBuildOptions options, ProgressListener listener) {
    String text = prepare(dockerfile, options);
    PipedInputStream tarIn = new PipedInputStream(1 << 16);
    AtomicReference<Throwable> writeFailure = new AtomicReference<>();
    Thread writer;
    try {
      PipedOutputStream tarOut = new PipedOutputStream(tarIn);
      writer = new Thread(() -> {
        try (tarOut) {
          context.writeTar(tarOut, DOCKERFILE_NAME, text);
        } catch (IOException | RuntimeException e) {
          writeFailure.set(e);
        }
      }, "build-context-tar");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
    writer.setDaemon(true);
    writer.start();
    BuildCallback callback = new BuildCallback(listener);
    try (tarIn) {
      BuildImageCmd command = engine.client().buildImageCmd(tarIn)
          .withDockerfilePath(DOCKERFILE_NAME)
          .withNoCache(options.noCache())
          .withPull(options.pull())
          .withRemove(true)
          .withForcerm(true) // intermediate containers go even when a step fails
          .withLabels(options.labels().values());
      target.ifPresent(command::withTarget);
      options.networkMode().ifPresent(command::withNetworkMode);
      if (!options.cacheFrom().isEmpty()) {
        command.withCacheFrom(new HashSet<>(options.cacheFrom()));
      }
      if (!options.tags().isEmpty()) {
        command.withTags(new HashSet<>(options.tags()));
      }
      for (Map.Entry<String, String> arg : options.buildArgs().entrySet()) {
        command.withBuildArg(arg.getKey(), arg.getValue());
      }
      for (Map.Entry<String, String> setting : options.pipSettings().entrySet()) {
        command.withBuildArg(setting.getKey(), setting.getValue());
      }
      command.exec(callback).awaitCompletion();
    } catch (InterruptedException e) {
      closeQuietly(callback); // closing the stream makes the engine cancel the build
      callback.parser.stepContainer().ifPresent(this::removeStepContainer);
      Thread.currentThread().interrupt();
      throw new ImageBuildException(callback.parser.currentStep(), "interrupted", callback.parser.currentStepOutput());
    } catch (DockerException e) {
      throw new ImageBuildException(callback.parser.currentStep(), "the engine refused the build: " + DockerEngine.rootMessage(e),
          callback.parser.currentStepOutput());
    } catch (RuntimeException | IOException e) {
      if (DockerEngine.isConnectionFailure(e)) {
        throw engine.unavailable(e);
      }
      throw e instanceof RuntimeException r ? r : new IllegalStateException(e);
    }
    callback.parser.finish();
    if (callback.failure != null) {
      if (DockerEngine.isConnectionFailure(callback.failure)) {
        throw engine.unavailable(callback.failure);
      }
      throw new ImageBuildException(callback.parser.currentStep(), DockerEngine.rootMessage(callback.failure), callback.parser.currentStepOutput());
    }
    if (callback.error != null) {
      throw new ImageBuildException(callback.parser.currentStep(), callback.error, callback.parser.currentStepOutput());
    }
    if (writeFailure.get() != null) {
      throw new IllegalStateException("writing the build context failed: " + writeFailure.get().getMessage(), writeFailure.get());
    }
    if (callback.shortId == null) {
      throw new ImageBuildException(callback.parser.currentStep(), "the engine reported no image ID", callback.parser.currentStepOutput());
    }
    String id = engine.client().inspectImageCmd(callback.shortId).exec().getId();
    return new BuiltImage(id, options.tags(), text, List.<Diagnostic>of());
  }

  /**
   * The Dockerfile as it is built: base images substituted ({@link BaseImageMap}), and the pip
   * settings declared as {@code ARG}s at the top of every stage so its {@code RUN}s see them.
   */
  public static String prepare(String dockerfile, ImageBuildOptions options) {
    String text = options.baseImages().apply(dockerfile);
    if (options.pipSettings().isEmpty()) {
      return text;
    }
    StringBuilder args = new StringBuilder();
    options.pipSettings().keySet().forEach(name -> args.append("\nARG ").append(name));
    Matcher from = FROM_LINE.matcher(text);
    StringBuilder out = new StringBuilder();
    while (from.find()) {
      from.appendReplacement(out, Matcher.quoteReplacement(from.group() + args));
    }
    from.appendTail(out);
    return out.toString();
  }

  /** Collects what the engine streams; errors are read after completion, on the caller's thread. */
  private static final class BuildCallback extends BuildImageResultCallback {
    final BuildOutputParser parser;
    volatile String error;
    volatile String shortId;
    volatile Throwable failure;

    BuildCallback(ProgressListener listener) {
      this.parser = new BuildOutputParser(listener);
    }

    @Override
    public void onNext(BuildResponseItem item) {
      if (item.getStream() != null) {
        parser.accept(item.getStream());
        Matcher built = SUCCESSFULLY_BUILT.matcher(item.getStream());
        if (built.find()) {
          shortId = built.group(1);
        }
      }
      if (item.isErrorIndicated()) {
        error = item.getErrorDetail() != null && item.getErrorDetail().getMessage() != null
            ? item.getErrorDetail().getMessage() : item.getError();
        error = error == null ? "unknown error" : error.strip();
      }
    }

    @Override
    public void onError(Throwable throwable) {
      failure = throwable;
      super.onError(throwable);
    }
  }

  /**
   * Removes the container of the step an interrupt stopped. The engine removes it too once it sees
   * the build cancelled, but maybe after this process has exited, or never when it does not see the
   * connection close (through a proxy).
   */
  private void removeStepContainer(String id) {
    try {
      engine.client().removeContainerCmd(id).withForce(true).exec();
    } catch (RuntimeException goneOrGoing) {
      // removed already, or the engine's own removal is under way (409)
    }
  }

  private static void closeQuietly(java.io.Closeable callback) {
    try {
      callback.close();
    } catch (IOException | RuntimeException e) {
      // the build is being abandoned: a failing close changes nothing
    }
  }
}
