package io.modelpipe.image;

/**
 * The engine answered but would not create or start a container (no such image, a bad option):
 * the command line maps it to exit code 1, a stage that failed.
 */
public final class ContainerRunException extends RuntimeException {
  public ContainerRunException(String message, Throwable cause) {
    super(message, cause);
  }
}
