package io.modelpipe.image;

import java.time.Duration;

/** What a publish reports while it runs; every method has a default that ignores the event. */
public interface PublishListener {

  /** Ignores everything. */
  PublishListener NONE = new PublishListener() {};

  /** A push reported progress on a layer. Called often while bytes go up. */
  default void onProgress(PushProgress progress) {}

  /** A step failed for now and will be tried again after {@code delay}. */
  default void onRetry(String step, int nextAttempt, int maxAttempts, Duration delay, String reason) {}

  /** A reference was pushed. */
  default void onPushed(ImageReference reference, String digest) {}
}
