package io.modelpipe;

/**
 * {@code .modelpipe/}: where modelpipe keeps its state in a workspace (run logs, the Gerrit outbox).
 * It is never part of a build context nor of a change, so a run's own logs cannot bust the build
 * cache or select pipelines.
 */
public final class StateDirectory {

  /** The directory's name, at the root of a repository or working directory. */
  public static final String NAME = ".modelpipe";

  private StateDirectory() {}

  /** Whether a repository-relative path ({@code /} separators) is inside the state directory. */
  public static boolean contains(String relativePath) {
    return relativePath.equals(NAME) || relativePath.startsWith(NAME + "/");
  }
}
