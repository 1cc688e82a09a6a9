package io.modelpipe.git;

/**
 * Git cannot answer what was asked of it: the directory is not in a repository, a revision does
 * not name a commit, or an object is missing (a shallow clone, an unfetched change). The message
 * says which, in words for the user.
 */
public final class GitException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  public GitException(String message) {
    super(message);
  }

  public GitException(String message, Throwable cause) {
    super(message, cause);
  }
}
