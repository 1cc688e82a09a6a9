package io.modelpipe.gerrit;

import java.net.URI;
import java.util.Objects;

/**
 * A review on its way: which Gerrit, which patch set, what. This is what the outbox keeps; it holds
 * no credentials.
 *
 * @param gerritUrl the Gerrit it is for
 * @param target the patch set
 * @param review the review
 */
public record PendingReview(URI gerritUrl, ChangeTarget target, Review review) {

  public PendingReview {
    gerritUrl = GerritUrls.normalize(Objects.requireNonNull(gerritUrl, "gerritUrl"));
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(review, "review");
  }
}
