package io.modelpipe.image;

/**
 * A publish failed for a reason that is neither the user's input nor an unreachable service: the
 * registry rejected a manifest, tags resolved to different digests, the engine reported another
 * error. The command line exits with 1. Messages are masked.
 */
public final class PublishFailedException extends RuntimeException {

  public PublishFailedException(String message) {
    super(message);
  }
}
