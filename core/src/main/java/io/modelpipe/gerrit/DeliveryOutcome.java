package io.modelpipe.gerrit;

import java.nio.file.Path;
import java.util.Objects;

/** What became of a review: posted now, found already posted, or queued in the outbox. */
public sealed interface DeliveryOutcome {

  ChangeTarget target();

  /** One line for people. */
  String describe();

  /** Gerrit accepted the review just now. */
  record Delivered(ChangeTarget target, int attempts) implements DeliveryOutcome {
    @Override
    public String describe() {
      return "posted to " + target.describe();
    }
  }

  /** The same review was already on the patch set (an earlier run, retry or flush posted it); nothing was posted. */
  record AlreadyPosted(ChangeTarget target, String messageId) implements DeliveryOutcome {
    @Override
    public String describe() {
      return "already posted to " + target.describe() + " (message " + messageId + "); not posted again";
    }
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
