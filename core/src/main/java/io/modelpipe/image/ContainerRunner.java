package io.modelpipe.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerCmd;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.DockerClientException;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.StreamType;
import java.io.Closeable;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * Runs an image as a stage's {@code run} step does: a container with the given arguments and
 * environment, its output streamed line by line to a {@link ProgressListener}, its exit status
 * returned. A timeout kills it. The container is removed however the run ends (success, failure,
 * timeout, an exception, an interrupt, or the JVM being stopped), unless the options keep it.
 */
public final class ContainerRunner {

  /** Label on every container modelpipe runs, to find leftovers. */
  public static final String LABEL = "io.modelpipe.run";
  private static final Duration LOG_DRAIN = Duration.ofSeconds(10);
  /** How long a removal waits for another removal of the same container to finish. */
  private static final Duration REMOVAL_WAIT = Duration.ofSeconds(20);

  private final DockerEngine engine;

  public ContainerRunner(DockerEngine engine) {
    this.engine = engine;
  }

  /**
   * @throws io.modelpipe.ServiceUnavailableException when the engine does not answer
   * @throws ContainerRunException when the engine refuses to create or start the container (no
   *     such image, for one), or the run is interrupted
   */
  public ContainerExit run(String image, RunOptions options, ProgressListener listener) {
    DockerClient client = engine.client();
    String id;
    try {
      CreateContainerCmd create = client.createContainerCmd(image)
          .withEnv(options.environment().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList())
          .withTty(false)
          .withAttachStdout(true)
          .withAttachStderr(true)
          .withLabels(Map.of(LABEL, "true"));
      if (!options.arguments().isEmpty()) {
        create.withCmd(options.arguments());
      }
      HostConfig host = HostConfig.newHostConfig();
      options.networkMode().ifPresent(host::withNetworkMode);
      create.withHostConfig(host);
      id = create.exec().getId();
    } catch (DockerException e) {
      throw new ContainerRunException("cannot create a container of " + image + ": " + DockerEngine.rootMessage(e), e);
    } catch (RuntimeException e) {
      throw DockerEngine.isConnectionFailure(e) ? engine.unavailable(e) : e;
    }
    // Stopping the JVM (Ctrl-C, SIGTERM) must not leave the container behind.
    Thread remover = new Thread(() -> remove(id), "remove-container-" + id.substring(0, 12));
    if (!options.keepContainer()) {
      Runtime.getRuntime().addShutdownHook(remover);
    }
    long started = System.nanoTime();
    boolean removed = false;
    try {
      LineCallback logs = new LineCallback(listener);
      client.startContainerCmd(id).exec();
      client.logContainerCmd(id).withFollowStream(true).withStdOut(true).withStdErr(true).exec(logs);
      WaitContainerResultCallback wait = client.waitContainerCmd(id).exec(new WaitContainerResultCallback());
      Optional<Integer> status;
      boolean timedOut = false;
      try {
        status = Optional.of(options.timeout().isPresent()
            ? wait.awaitStatusCode(options.timeout().get().toMillis(), TimeUnit.MILLISECONDS)
            : wait.awaitStatusCode());
      } catch (DockerClientException e) {
        if (e.getCause() instanceof InterruptedException) {
          Thread.currentThread().interrupt();
          throw new ContainerRunException("interrupted while running " + image, e.getCause());
        }
        if (!String.valueOf(e.getMessage()).toLowerCase().contains("timeout")) {
          throw e;
        }
        timedOut = true;
        status = Optional.empty();
        kill(id);
      } finally {
        closeQuietly(wait);
      }
      logs.awaitCompletion(LOG_DRAIN.toMillis(), TimeUnit.MILLISECONDS);
      closeQuietly(logs);
      logs.flush();
      Duration elapsed = Duration.ofNanos(System.nanoTime() - started);
      if (!options.keepContainer()) {
        removed = remove(id);
      }
      return new ContainerExit(image, id, status, timedOut, elapsed, removed);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ContainerRunException("interrupted while running " + image, e);
    } catch (DockerException e) {
      throw new ContainerRunException("running " + image + " failed: " + DockerEngine.rootMessage(e), e);
    } catch (RuntimeException e) {
      throw DockerEngine.isConnectionFailure(e) ? engine.unavailable(e) : e;
    } finally {
      if (!options.keepContainer()) {
        if (!removed) {
          remove(id);
        }
        try {
          Runtime.getRuntime().removeShutdownHook(remover);
        } catch (IllegalStateException shuttingDown) {
          // the hook is running or ran: nothing to undo
        }
      }
    }
  }

  private void kill(String id) {
    try {
      engine.client().killContainerCmd(id).exec();
    } catch (RuntimeException alreadyGone) {
      // it ended meanwhile; removal takes care of the rest
    }
  }

  /**
   * Removes the container (killing it if it runs); true when it is gone. Also on an interrupted
   * thread (a stopped run): the client's connection pool refuses to lease a connection to one.
   * When another removal is under way (the shutdown hook's and the run's meet when the JVM is
   * stopped), waits for that one to finish, so the image is free when this returns.
   */
  private boolean remove(String id) {
    boolean interrupted = Thread.interrupted();
    try {
      engine.client().removeContainerCmd(id).withForce(true).withRemoveVolumes(true).exec();
      return true;
    } catch (NotFoundException e) {
      return true;
    } catch (ConflictException e) {
      return awaitGone(id);
    } catch (RuntimeException e) {
      return false;
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  private boolean awaitGone(String id) {
    long deadline = System.nanoTime() + REMOVAL_WAIT.toNanos();
    while (System.nanoTime() < deadline) {
      try {
        engine.client().inspectContainerCmd(id).exec();
        Thread.sleep(100);
      } catch (NotFoundException e) {
        return true;
      } catch (RuntimeException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return false;
  }

  private static void closeQuietly(Closeable closeable) {
    try {
      closeable.close();
    } catch (IOException | RuntimeException ignored) {
      // the stream is done either way
    }
  }

  /** Splits the container's output into lines, per stream. */
  private static final class LineCallback extends ResultCallback.Adapter<Frame> {
    private final ProgressListener listener;
    private final StringBuilder stdout = new StringBuilder();
    private final StringBuilder stderr = new StringBuilder();

    LineCallback(ProgressListener listener) {
      this.listener = listener;
    }

    @Override
    public synchronized void onNext(Frame frame) {
      StringBuilder buffer = frame.getStreamType() == StreamType.STDERR ? stderr : stdout;
      buffer.append(new String(frame.getPayload(), StandardCharsets.UTF_8));
      int newline;
      while ((newline = buffer.indexOf("\n")) >= 0) {
        String line = buffer.substring(0, newline);
        buffer.delete(0, newline + 1);
        listener.output(line.endsWith("\r") ? line.substring(0, line.length() - 1) : line);
      }
    }

    synchronized void flush() {
      for (StringBuilder buffer : List.of(stdout, stderr)) {
        if (buffer.length() > 0) {
          listener.output(buffer.toString());
          buffer.setLength(0);
        }
      }
    }
  }
}
