package io.modelpipe.gerrit;

/**
 * Gerrit refused a review for a reason a retry cannot fix (400, 403, 404, 409, ...): the change,
 * the patch set, a label or a permission is wrong. The message names the change, the status and
 * Gerrit's own text; the command line maps it to exit code 2, like other wrong input.
 */
public final class GerritRejectedException extends RuntimeException {

  private final int status;
  private final String gerritText;

  GerritRejectedException(String message, int status, String gerritText) {
    super(message, null, false, false);
    this.status = status;
    this.gerritText = gerritText;
  }

  /** The HTTP status Gerrit answered. */
  public int status() {
    return status;
  }

  /** Gerrit's explanation, as it gave it. */
  public String gerritText() {
    return gerritText;
  }
}
