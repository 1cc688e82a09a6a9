package io.modelpipe.result;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An image a stage built, and where it went.
 *
 * @param id the local image id ({@code sha256:…})
 * @param name the fully qualified repository name it is (or would be) published as, e.g.
 *     {@code docker-registry.wikimedia.org/wikimedia/machinelearning-liftwing-inference-services-outlink};
 *     empty for an image only built
 * @param tags the tags it is (or would be) published with, in order
 * @param references the full references pushed ({@code name:tag}); empty when nothing was pushed
 * @param digest the registry's manifest digest ({@code sha256:…}) after a push
 * @param published whether the image was pushed to its registry
 */
public record ImageResult(
    String id, String name, List<String> tags, List<String> references, Optional<String> digest, boolean published) {

  public ImageResult {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(tags);
    references = List.copyOf(references);
    Objects.requireNonNull(digest, "digest");
    if (published && name.isEmpty()) {
      throw new IllegalArgumentException("a published image has a name");
    }
  }

  /** An image built but not pushed. */
  public static ImageResult built(String id) {
    return new ImageResult(id, "", List.of(), List.of(), Optional.empty(), false);
  }
}
