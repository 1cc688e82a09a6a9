package io.modelpipe.pipeline;

import io.modelpipe.image.ImagePublisher;
import io.modelpipe.image.PublishFailedException;
import io.modelpipe.image.PublishRequest;
import io.modelpipe.image.PublishResult;
import io.modelpipe.image.PublishTarget;
import io.modelpipe.image.RegistryClient;
import io.modelpipe.image.ImageReference;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;

/**
 * Keeps two runs from publishing different images under one run-unique tag, such as PipelineLib's
 * {@code TIMESTAMP-STAGE} when two runs start in the same second. Within this process, publishes of
 * one reference take turns. Before a push, a tag that already names another image in the registry
 * fails the publish; after it, the registry must name this run's image (another process may have
 * re-tagged or pushed in between). An image is identified by its config digest, which is the
 * engine's image ID. Tags that are meant to move ({@code stable}) are not guarded.
 */
final class TagGuard {

  private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final ImagePublisher publisher;
  private final Function<PublishRequest, RegistryClient> registries;

  TagGuard(ImagePublisher publisher, Function<PublishRequest, RegistryClient> registries) {
    this.publisher = publisher;
    this.registries = registries;
  }

  /**
   * Publishes; {@code tagged} runs once the local references exist (for teardown).
   *
   * @param guardPrimary whether the primary tag must not name another image
   */
  PublishResult publish(PublishRequest request, String imageId, boolean guardPrimary, Runnable tagged) {
    PublishTarget target = request.target();
    ImageReference primary = target.references().get(0);
    ReentrantLock lock = LOCKS.computeIfAbsent(primary.toString(), k -> new ReentrantLock());
    lock.lock();
    try (RegistryClient registry = guardPrimary ? registries.apply(request) : null) {
      if (guardPrimary) {
        Optional<String> before = registry.imageId(primary.path(), primary.tag());
        if (before.isPresent() && !before.get().equals(imageId)) {
          throw new PublishFailedException(primary + " already names another image (" + before.get()
              + ") in the registry; this run's image is " + imageId + ". Two runs in the same second? Nothing was"
              + " pushed; run again for a new timestamp.");
        }
      }
      PublishResult result;
      try {
        result = publisher.publish(request);
      } finally {
        tagged.run();
      }
      if (guardPrimary) {
        Optional<String> after = registry.imageId(primary.path(), primary.tag());
        if (after.isPresent() && !after.get().equals(imageId)) {
          throw new PublishFailedException(primary + " names another image (" + after.get() + ") after this run's push of "
              + imageId + ": another run published the same tag at the same time.");
        }
      }
      return result;
    } finally {
      lock.unlock();
    }
  }
}
