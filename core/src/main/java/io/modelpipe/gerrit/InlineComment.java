package io.modelpipe.gerrit;

import java.util.Objects;

/**
 * One inline comment of a review (Gerrit's {@code CommentInput}): a file of the patch set, a line
 * (0 for a comment on the whole file) and the text.
 *
 * @param path the file, as Gerrit names it in the patch set
 * @param line the 1-based line, or 0 for a file comment
 * @param message the comment's text
 */
public record InlineComment(String path, int line, String message) {

  public InlineComment {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(message, "message");
    if (path.isEmpty() || message.isBlank()) {
      throw new IllegalArgumentException("an inline comment has a path and a message");
    }
    if (line < 0) {
      throw new IllegalArgumentException("a comment's line must not be negative");
    }
  }
}
