package io.modelpipe.result;

import java.util.List;
import java.util.Objects;

/**
 * What became of the run's review on its Gerrit change, as the result records it after posting:
 * which findings went inline, and what was left out of the inline comments and why.
 *
 * @param outcome {@code delivered}, {@code already-posted} (an earlier run, retry or flush posted
 *     it), {@code queued} (in the outbox; the inline comments are decided when it is sent)
 * @param inline the findings posted as inline comments, each at the file and line of its comment
 *     (black's is one comment on line 1 with its first hunk as detail), in file order
 * @param inUnchangedFiles findings in files the patch set did not touch: counted, not commented
 * @param overLimit findings not commented because the review reached {@code --max-inline}
 * @param leftOut findings left out of the comments because Gerrit could not place them (a line
 *     outside the file, a file Gerrit does not know), each {@code finding (reason)}
 */
public record ReviewResult(String outcome, List<LintFinding> inline, int inUnchangedFiles, int overLimit,
    List<String> leftOut) {

  public ReviewResult {
    Objects.requireNonNull(outcome, "outcome");
    inline = List.copyOf(inline);
    leftOut = List.copyOf(leftOut);
    if (outcome.isEmpty()) {
      throw new IllegalArgumentException("a review result names its outcome");
    }
    if (inUnchangedFiles < 0 || overLimit < 0) {
      throw new IllegalArgumentException("counts must not be negative");
    }
  }

  /** A review that went to the outbox: the inline part is decided when it is sent. */
  public static ReviewResult queued() {
    return new ReviewResult("queued", List.of(), 0, 0, List.of());
  }
}
