package io.modelpipe.gerrit;

import io.modelpipe.result.ReviewResult;
import java.nio.file.Path;
import java.util.Objects;

/** What became of a review: posted now, found already posted, or queued in the outbox. */
public sealed interface DeliveryOutcome {

  ChangeTarget target();

  /** One line for people. */
  String describe();

  /** Where the review's findings went; {@link InlinePlan#none()} for a review without findings or not sent. */
  default InlinePlan inline() {
    return InlinePlan.none();
  }

  /** What the run's result records of this outcome: the findings posted inline and the rest counted. */
  default ReviewResult toResult() {
    if (this instanceof Queued) {
      return ReviewResult.queued();
    }
    InlinePlan plan = inline();
    return new ReviewResult(this instanceof Delivered ? "delivered" : "already-posted", plan.posted(),
        plan.inUnchangedFiles(), plan.overLimit(), plan.leftOut());
  }

  /** Gerrit accepted the review just now, with the inline comments of {@code inline}. */
  record Delivered(ChangeTarget target, int attempts, InlinePlan inline) implements DeliveryOutcome {
    public Delivered(ChangeTarget target, int attempts) {
      this(target, attempts, InlinePlan.none());
    }

    public Delivered {
      java.util.Objects.requireNonNull(inline, "inline");
    }

    @Override
    public String describe() {
      return "posted to " + target.describe() + comments(inline, "");
    }
  }

  /**
   * The same review was already on the patch set (an earlier run, retry or flush posted it), with
   * all its inline comments; nothing was posted again. {@code completed} counts comments of it that
   * were missing and were posted now (only when the message was there without them).
   */
  record AlreadyPosted(ChangeTarget target, String messageId, InlinePlan inline, int completed) implements DeliveryOutcome {
    public AlreadyPosted(ChangeTarget target, String messageId) {
      this(target, messageId, InlinePlan.none(), 0);
    }

    public AlreadyPosted {
      java.util.Objects.requireNonNull(inline, "inline");
    }

    @Override
    public String describe() {
      return "already posted to " + target.describe() + " (message " + messageId + comments(inline, " and")
          + "); not posted again" + (completed > 0 ? "; " + completed + " missing inline comments posted now" : "");
    }
  }

  private static String comments(InlinePlan inline, String conjunction) {
    int n = inline.comments().size();
    return n == 0 ? "" : conjunction + " with " + n + (n == 1 ? " inline comment" : " inline comments");
  }

  /** Gerrit stayed unreachable: the review waits in {@code file} for {@code modelpipe gerrit flush}. */
  record Queued(ChangeTarget target, Path file, String reason) implements DeliveryOutcome {
    public Queued {
      Objects.requireNonNull(file, "file");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String describe() {
      return "not posted: " + reason + "; queued in " + file + " (send it with 'modelpipe gerrit flush')";
    }
  }
}
