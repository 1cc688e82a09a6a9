package io.modelpipe.gerrit;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * One message of a change, as {@code GET /changes/{id}/messages} returns it ({@code ChangeMessageInfo}).
 *
 * @param id the message's id
 * @param tag its tag, if any
 * @param author the author's user name, if Gerrit gave one
 * @param revisionNumber the patch set it was posted on, if any
 * @param message the text as stored: Gerrit puts {@code Patch Set N[: votes]} and a blank line before a review's message
 */
public record ChangeMessage(String id, Optional<String> tag, Optional<String> author, OptionalInt revisionNumber,
    String message) {

  public ChangeMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(author, "author");
    Objects.requireNonNull(revisionNumber, "revisionNumber");
    Objects.requireNonNull(message, "message");
  }

  /**
   * True when this message is {@code review} posted on {@code patchSet}: same tag, same patch set,
   * and the stored text is Gerrit's {@code Patch Set N...} header, a blank line and the review's message.
   */
  public boolean isPostingOf(Review review, int patchSet) {
    if (tag.isEmpty() || !tag.get().equals(review.tag())) {
      return false;
    }
    if (revisionNumber.isPresent() && revisionNumber.getAsInt() != patchSet) {
      return false;
    }
    String body = review.message().strip();
    String stored = message.strip();
    return stored.equals(body) || stored.endsWith("\n\n" + body) && stored.startsWith("Patch Set " + patchSet);
  }
}
