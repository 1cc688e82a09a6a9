package io.modelpipe.image;

/**
 * Receives what a build or a container prints, as it happens. Called from one thread at a time;
 * implementations must return quickly.
 */
public interface ProgressListener {

  /** A listener that ignores everything. */
  ProgressListener SILENT = new ProgressListener() {};

  /** A build starts step {@code number} of {@code total}, e.g. {@code RUN apt-get update}. */
  default void step(int number, int total, String instruction) {}

  /** One line of output, without its line break: a build step's or a container's. */
  default void output(String line) {}
}
