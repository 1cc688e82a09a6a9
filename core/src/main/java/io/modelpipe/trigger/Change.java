package io.modelpipe.trigger;

import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * The Gerrit change a run is for.
 *
 * @param number the change number ({@code ZUUL_CHANGE}, {@code GERRIT_CHANGE_NUMBER}, {@code --change})
 * @param patchSet the patch set number, when known
 * @param revision the patch set's commit ({@code GERRIT_PATCHSET_REVISION}), when known; Zuul gives
 *     only the commit it merged for testing, which is not the patch set's
 * @param changeId the {@code Change-Id} ({@code I} and 40 hex digits), when known
 * @param url the change's web page ({@code GERRIT_CHANGE_URL}), when known
 */
public record Change(
    int number, OptionalInt patchSet, Optional<String> revision, Optional<String> changeId, Optional<String> url) {

  public Change {
    if (number <= 0) {
      throw new IllegalArgumentException("change number must be positive: " + number);
    }
    Objects.requireNonNull(patchSet, "patchSet");
    if (patchSet.isPresent() && patchSet.getAsInt() <= 0) {
      throw new IllegalArgumentException("patch set number must be positive: " + patchSet.getAsInt());
    }
    Objects.requireNonNull(revision, "revision");
    Objects.requireNonNull(changeId, "changeId");
    Objects.requireNonNull(url, "url");
  }

  /** A change known only by its number and, optionally, patch set. */
  public static Change of(int number, OptionalInt patchSet) {
    return new Change(number, patchSet, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * The revision id for Gerrit's REST API ({@code /changes/{id}/revisions/{revision}}): the patch
   * set's commit when known, else its number, else {@code current}.
   */
  public String revisionId() {
    if (revision.isPresent()) {
      return revision.get();
    }
    return patchSet.isPresent() ? Integer.toString(patchSet.getAsInt()) : "current";
  }

  /** Gerrit's short form: {@code 1234,5}, or {@code 1234} without a patch set. */
  public String label() {
    return patchSet.isPresent() ? number + "," + patchSet.getAsInt() : Integer.toString(number);
  }

  @Override
  public String toString() {
    return label();
  }
}
