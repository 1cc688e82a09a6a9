package io.modelpipe.config;

import java.util.List;
import java.util.Objects;

/**
 * A stage's {@code publish.image} step with PipelineLib's defaults applied. Values are templates;
 * the published name and tags are normalised ({@link ImageNaming}) after resolution, and tags that
 * resolve to nothing are dropped.
 *
 * @param id the image to publish (default {@code ${.imageID}})
 * @param name the image name (default {@code ${setup.project}})
 * @param tag the primary tag (default {@code ${setup.timestamp}-${.stage}})
 * @param tags additional tags (default {@code ['${setup.tag}']}, also when given empty)
 * @param keyPath key path of the {@code publish.image} value
 */
public record PublishImage(String id, String name, String tag, List<String> tags, String keyPath) {

  public static final String DEFAULT_ID = "${.imageID}";
  public static final String DEFAULT_NAME = "${setup.project}";
  public static final String DEFAULT_TAG = "${setup.timestamp}-${.stage}";
  public static final List<String> DEFAULT_TAGS = List.of("${setup.tag}");

  public PublishImage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tag, "tag");
    tags = List.copyOf(tags);
    Objects.requireNonNull(keyPath, "keyPath");
  }
}
