package io.modelpipe.gerrit;

import java.net.URI;
import java.util.Objects;

/**
 * A review on its way: which Gerrit, which patch set, what. This is what the outbox keeps; it holds
 * no credentials.
 *
 * @param gerritUrl the Gerrit it is for
 * @param target the patch set
 * @param review the review, without its inline part
 * @param inline the findings to post inline, placed when the review is sent
 */
public record PendingReview(URI gerritUrl, ChangeTarget target, Review review, InlineRequest inline) {

  /** A review without findings to post inline. */
  public PendingReview(URI gerritUrl, ChangeTarget target, Review review) {
    this(gerritUrl, target, review, InlineRequest.none());
  }

  public PendingReview {
    Objects.requireNonNull(inline, "inline");
    gerritUrl = GerritUrls.normalize(Objects.requireNonNull(gerritUrl, "gerritUrl"));
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(review, "review");
  }
}
