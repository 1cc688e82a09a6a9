package io.modelpipe.git;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The files that differ between a base commit and a head: another commit, or the working tree
 * (uncommitted and untracked files included, ignored ones not).
 *
 * @param base the base as the user named it, e.g. {@code origin/main}, or as derived, e.g. {@code
 *     parent of 1a2b3c4d}
 * @param baseCommit full id of the base commit
 * @param headCommit full id of the head commit; empty for the working tree
 * @param paths the changed files (added, modified, deleted; both sides of a rename), relative to
 *     the directory {@link ChangedFiles} was opened on, with {@code /}, sorted; files outside that
 *     directory are left out
 */
public record Changes(String base, String baseCommit, Optional<String> headCommit, List<String> paths) {

  public Changes {
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(baseCommit, "baseCommit");
    Objects.requireNonNull(headCommit, "headCommit");
    paths = paths.stream().sorted().distinct().toList();
  }

  /** Whether the head is the working tree. */
  public boolean againstWorkingTree() {
    return headCommit.isEmpty();
  }

  /** What was compared, for people: {@code working tree against origin/main (1a2b3c4d)}. */
  public String describe() {
    String baseText = base.equals(baseCommit) ? shortId(baseCommit)
        : baseCommit.matches("0+") ? base
        : base + " (" + shortId(baseCommit) + ")";
    return headCommit.map(head -> "commit " + shortId(head)).orElse("working tree") + " against " + baseText;
  }

  static String shortId(String id) {
    return id.length() > 8 ? id.substring(0, 8) : id;
  }
}
