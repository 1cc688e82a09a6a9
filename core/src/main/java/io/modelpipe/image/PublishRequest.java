package io.modelpipe.image;

import io.modelpipe.RetryPolicy;
import java.util.Objects;
import java.util.Optional;

/**
 * What to publish and how: an image of the engine, where it goes, credentials, retries, and who
 * hears about progress. Built with {@link #builder(String, PublishTarget)}.
 */
public final class PublishRequest {

  private final String image;
  private final PublishTarget target;
  private final Optional<RegistryCredentials> credentials;
  private final RetryPolicy retryPolicy;
  private final PublishListener listener;

  private PublishRequest(Builder builder) {
    this.image = builder.image;
    this.target = builder.target;
    this.credentials = builder.credentials;
    this.retryPolicy = builder.retryPolicy;
    this.listener = builder.listener;
  }

  /**
   * @param image the image in the engine: an id ({@code sha256:...}) or a local name
   * @param target where it goes
   */
  public static Builder builder(String image, PublishTarget target) {
    return new Builder(image, target);
  }

  public String image() {
    return image;
  }

  public PublishTarget target() {
    return target;
  }

  public Optional<RegistryCredentials> credentials() {
    return credentials;
  }

  public RetryPolicy retryPolicy() {
    return retryPolicy;
  }

  public PublishListener listener() {
    return listener;
  }

  @Override
  public String toString() {
    return "PublishRequest[" + image + " -> " + target.repository() + ":" + target.tags() + ", "
        + credentials.map(RegistryCredentials::toString).orElse("anonymous") + ", " + retryPolicy + "]";
  }

  /** Builds a {@link PublishRequest}. */
  public static final class Builder {
    private final String image;
    private final PublishTarget target;
    private Optional<RegistryCredentials> credentials = Optional.empty();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private PublishListener listener = PublishListener.NONE;

    private Builder(String image, PublishTarget target) {
      Objects.requireNonNull(image, "image");
      if (image.isBlank()) {
        throw new IllegalArgumentException("the image to publish is empty");
      }
      this.image = image;
      this.target = Objects.requireNonNull(target, "target");
    }

    /** Credentials for the target's registry; none means an anonymous push. */
    public Builder credentials(Optional<RegistryCredentials> credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    public Builder listener(PublishListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    public PublishRequest build() {
      return new PublishRequest(this);
    }
  }
}
