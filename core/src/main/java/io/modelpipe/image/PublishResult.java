package io.modelpipe.image;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a publish did.
 *
 * @param image the image as requested
 * @param references every published reference, {@code HOST[:PORT][/NAMESPACE]/NAME:TAG}, in tag order
 * @param digest the manifest digest all of them resolve to in the registry
 * @param layersPushed layers uploaded by this publish
 * @param layersSkipped layers the registry already had, so not uploaded
 */
public record PublishResult(
    String image, List<ImageReference> references, String digest, int layersPushed, int layersSkipped) {

  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  public PublishResult {
    Objects.requireNonNull(image, "image");
    references = List.copyOf(references);
    Objects.requireNonNull(digest, "digest");
    if (references.isEmpty()) {
      throw new IllegalArgumentException("a publish result has at least one reference");
    }
    if (!DIGEST.matcher(digest).matches()) {
      throw new IllegalArgumentException("not a sha256 digest: " + digest);
    }
    if (layersPushed < 0 || layersSkipped < 0) {
      throw new IllegalArgumentException("layer counts must not be negative");
    }
  }

  /** {@code REPOSITORY@DIGEST}: the immutable reference to deploy. */
  public String pinnedReference() {
    return references.get(0).withDigest(digest);
  }
}
