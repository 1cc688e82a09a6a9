package io.modelpipe.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.exception.DockerException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.AuthConfig;
import com.github.dockerjava.api.model.PushResponseItem;
import io.modelpipe.ServiceUnavailableException;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Publishes an image of the Docker Engine to a registry: tags it once per tag, pushes every
 * reference through the engine (retrying transient failures), and checks in the registry's API that
 * all tags resolve to the digest the engine reported.
 */
public final class ImagePublisher {

  private final DockerClient docker;
  private final Sleeper sleeper;

  /**
   * @param docker the engine that holds the image; its pushes reach the registry
   * @param sleeper waits between attempts ({@link Sleeper#THREAD} outside tests)
   */
  public ImagePublisher(DockerClient docker, Sleeper sleeper) {
    this.docker = Objects.requireNonNull(docker, "docker");
    this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
  }

  /**
   * Publishes.
   *
   * @throws InvalidInputException when the image is not in the engine (nothing was pushed)
   * @throws RegistryAuthenticationException when the registry refuses the credentials
   * @throws ServiceUnavailableException when the engine or the registry cannot be reached, after retries
   * @throws PublishFailedException when the engine or the registry reports another failure
   */
  public PublishResult publish(PublishRequest request) {
    PublishTarget target = request.target();
    List<ImageReference> references = target.references();
    for (ImageReference reference : references) {
      tag(request.image(), reference);
    }
    SecretMasker masker = request.credentials().map(RegistryCredentials::masker).orElse(SecretMasker.NONE);
    Retrier retrier = new Retrier(request.retryPolicy(), sleeper, (next, max, delay, failure) ->
        request.listener().onRetry("push to " + target.registry().authority(), next, max, delay, failure.message()));
    Set<String> pushed = new LinkedHashSet<>();
    Set<String> existing = new LinkedHashSet<>();
    Map<ImageReference, String> streamDigests = new LinkedHashMap<>();
    for (ImageReference reference : references) {
      PushStream stream;
      try {
        stream = retrier.run(attempt -> push(reference, request, masker));
      } catch (Retrier.ExhaustedException e) {
        throw RegistryClient.exceptionFor(target.registry(), "push " + reference, request.credentials(), e);
      }
      pushed.addAll(stream.pushedLayers());
      existing.addAll(stream.existingLayers());
      stream.digest().ifPresent(digest -> streamDigests.put(reference, digest));
      request.listener().onPushed(reference, stream.digest().orElse("(digest not reported)"));
    }
    existing.removeAll(pushed);
    String digest = verifyDigests(request, references, streamDigests);
    return new PublishResult(request.image(), references, digest, pushed.size(), existing.size());
  }

  /** Tags by the name or id given: no inspect first, as the engine's 404 says the same, sooner. */
  private void tag(String image, ImageReference reference) {
    try {
      docker.tagImageCmd(image, reference.repository(), reference.tag()).withForce().exec();
    } catch (NotFoundException e) {
      throw new InvalidInputException(new Diagnostic(RegistryAddress.SOURCE, "image",
          "no image '" + image + "' in the Docker Engine; build it first or give an image id"));
    } catch (DockerException e) {
      throw new PublishFailedException("Docker Engine: cannot tag " + reference + ": " + e.getMessage());
    } catch (RuntimeException e) {
      throw engineUnavailable("cannot tag " + reference, e);
    }
  }

  /** One attempt at pushing one reference; a failure reported inside the stream fails it. */
  private PushStream push(ImageReference reference, PublishRequest request, SecretMasker masker) {
    PushStream stream = new PushStream(reference.toString(), masker, request.listener()::onProgress);
    ResultCallback.Adapter<PushResponseItem> callback = new ResultCallback.Adapter<>() {
      @Override
      public void onNext(PushResponseItem item) {
        stream.accept(item);
      }
    };
    try {
      docker.pushImageCmd(reference.repository())
          .withTag(reference.tag())
          .withAuthConfig(authConfig(reference, request.credentials()))
          .exec(callback)
          .awaitCompletion();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AttemptFailedException(new Failure(Failure.Kind.PERMANENT, "interrupted while pushing " + reference));
    } catch (DockerException e) {
      // The engine refused the request itself (e.g. 404 for a tag it does not have).
      throw new AttemptFailedException(Failure.ofMessage(masker.mask(e.getMessage())), e);
    } catch (RuntimeException e) {
      throw engineUnavailable("push of " + reference + " broke off", e);
    }
    Optional<String> error = stream.error();
    if (error.isPresent()) {
      throw new AttemptFailedException(Failure.ofMessage(error.get()));
    }
    if (stream.digest().isEmpty()) {
      throw new AttemptFailedException(new Failure(Failure.Kind.PERMANENT,
          "the engine's push of " + reference + " ended without a digest or an error"));
    }
    return stream;
  }

  /** The engine's auth header; an empty one for anonymous pushes so no ambient login is used. */
  private static AuthConfig authConfig(ImageReference reference, Optional<RegistryCredentials> credentials) {
    AuthConfig auth = new AuthConfig().withRegistryAddress(reference.registry().authority());
    return credentials.map(c -> auth.withUsername(c.username()).withPassword(c.password())).orElse(auth);
  }

  /** Every tag must resolve, in the registry itself, to one digest: the one the engine reported. */
  private String verifyDigests(PublishRequest request, List<ImageReference> references, Map<ImageReference, String> streamDigests) {
    PublishTarget target = request.target();
    Map<ImageReference, String> registryDigests = new LinkedHashMap<>();
    try (RegistryClient registry = RegistryClient.builder(target.registry())
        .credentials(request.credentials())
        .retryPolicy(request.retryPolicy())
        .sleeper(sleeper)
        .listener(request.listener())
        .build()) {
      for (ImageReference reference : references) {
        String digest = registry.manifestDigest(reference.path(), reference.tag())
            .orElseThrow(() -> new PublishFailedException("registry " + target.registry().authority()
                + ": " + reference + " was pushed but the registry does not know the tag"));
        registryDigests.put(reference, digest);
      }
    }
    Set<String> distinct = new LinkedHashSet<>(registryDigests.values());
    if (distinct.size() != 1) {
      List<String> lines = new ArrayList<>();
      registryDigests.forEach((ref, digest) -> lines.add(ref + " -> " + digest));
      throw new PublishFailedException("the tags resolve to different digests in the registry (another"
          + " publish raced this one?): " + String.join(", ", lines));
    }
    String digest = distinct.iterator().next();
    streamDigests.forEach((ref, reported) -> {
      if (!reported.equals(digest)) {
        throw new PublishFailedException("the engine reported " + reported + " for " + ref
            + " but the registry has " + digest);
      }
    });
    return digest;
  }

  private static ServiceUnavailableException engineUnavailable(String what, RuntimeException e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String reason = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return new ServiceUnavailableException("Docker Engine", what + ": " + reason, e);
  }
}
