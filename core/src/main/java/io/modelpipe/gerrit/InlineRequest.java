package io.modelpipe.gerrit;

import io.modelpipe.result.LintFinding;
import java.util.List;

/**
 * The lint findings a review should carry as inline comments, and how many comments it may have.
 * Where each goes is decided when the review is sent ({@link InlinePlan}), against the patch set's
 * files as Gerrit has them; so an outbox entry keeps this, not the comments.
 *
 * @param findings the run's findings (repository paths)
 * @param maxInline the most inline comments one review may have ({@code --max-inline}); 0 for none
 */
public record InlineRequest(List<LintFinding> findings, int maxInline) {

  /** The default of {@code --max-inline}. */
  public static final int DEFAULT_MAX_INLINE = 50;

  public InlineRequest {
    findings = List.copyOf(findings);
    if (maxInline < 0) {
      throw new IllegalArgumentException("--max-inline must not be negative");
    }
  }

  /** No findings to post. */
  public static InlineRequest none() {
    return new InlineRequest(List.of(), DEFAULT_MAX_INLINE);
  }

  public boolean isEmpty() {
    return findings.isEmpty();
  }
}
