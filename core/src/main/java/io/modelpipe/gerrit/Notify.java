package io.modelpipe.gerrit;

/** Whom Gerrit e-mails about a review: the {@code notify} field of {@code ReviewInput}. */
public enum Notify {
  NONE,
  OWNER,
  OWNER_REVIEWERS,
  ALL
}
