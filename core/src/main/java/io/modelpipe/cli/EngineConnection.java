package io.modelpipe.cli;

import io.modelpipe.image.DockerEngine;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Supplier;

/**
 * A Docker Engine connected (client set up, engine pinged) on a thread of its own while the
 * command reads and checks its input: with a free core, a short command waits for the slower of
 * the two rather than their sum. A failure to connect surfaces only when the engine is asked for,
 * so invalid input still ends the run first (exit 2) and nothing is built or pushed.
 */
final class EngineConnection implements AutoCloseable {

  private final FutureTask<DockerEngine> task;
  private boolean closed;
  private DockerEngine engine;

  private EngineConnection(Supplier<DockerEngine> connect) {
    this.task = new FutureTask<>(() -> keep(connect.get()));
    Thread thread = new Thread(task, "modelpipe-engine-connect");
    thread.setDaemon(true);
    thread.start();
  }

  /** Starts connecting; {@code connect} returns the engine once it answers, or throws. */
  static EngineConnection start(Supplier<DockerEngine> connect) {
    return new EngineConnection(connect);
  }

  private synchronized DockerEngine keep(DockerEngine connected) {
    if (closed) {
      connected.close(); // the command ended (invalid input) before the engine answered
    } else {
      engine = connected;
    }
    return connected;
  }

  /**
   * The engine, waiting for it to answer; owned by this connection.
   *
   * @throws RuntimeException what connecting threw (a ServiceUnavailableException: exit 3)
   */
  DockerEngine engine() {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while connecting to the Docker Engine", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      if (e.getCause() instanceof Error error) {
        throw error;
      }
      throw new IllegalStateException(e.getCause());
    }
  }

  /** Closes the engine now, or as soon as it answers. */
  @Override
  public synchronized void close() {
    closed = true;
    if (engine != null) {
      engine.close();
      engine = null;
    }
  }
}
