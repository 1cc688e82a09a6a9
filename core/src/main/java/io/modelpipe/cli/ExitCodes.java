package io.modelpipe.cli;

/** The command line's exit codes; users' scripts depend on them, so they never change. */
public final class ExitCodes {
  /** Everything succeeded. */
  public static final int OK = 0;
  /** A check or a stage failed (lint findings, a failing test image, a failed build). */
  public static final int FAILED = 1;
  /** Invalid input or configuration: nothing was built or pushed. */
  public static final int INVALID_INPUT = 2;
  /** A service (Docker, a registry, Gerrit) is unavailable. */
  public static final int SERVICE_UNAVAILABLE = 3;

  private ExitCodes() {}
}
