package io.modelpipe.image;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How an image is built, beyond the Dockerfile and its context. Immutable; made with
 * {@link #builder()}, changed with {@link #toBuilder()}.
 */
public final class ImageBuildOptions {

  /** pip's settings that make Python builders install without a package index. */
  public static final Map<String, String> PIP_OFFLINE = Map.of("PIP_NO_INDEX", "1");

  private final boolean pull;
  private final boolean noCache;
  private final List<String> cacheFrom;
  private final Map<String, String> buildArgs;
  private final Map<String, String> pipSettings;
  private final Optional<String> networkMode;
  private final BaseImageMap baseImages;
  private final ImageLabels labels;
  private final List<String> tags;

  private ImageBuildOptions(Builder b) {
    this.pull = b.pull;
    this.noCache = b.noCache;
    this.cacheFrom = List.copyOf(b.cacheFrom);
    this.buildArgs = Collections.unmodifiableMap(new LinkedHashMap<>(b.buildArgs));
    this.pipSettings = Collections.unmodifiableMap(new LinkedHashMap<>(b.pipSettings));
    this.networkMode = b.networkMode;
    this.baseImages = b.baseImages;
    this.labels = b.labels;
    this.tags = List.copyOf(b.tags);
  }

  public static ImageBuildOptions defaults() {
    return builder().build();
  }

  public static Builder builder() {
    return new Builder();
  }

  public Builder toBuilder() {
    Builder b = new Builder();
    b.pull = pull;
    b.noCache = noCache;
    b.cacheFrom.addAll(cacheFrom);
    b.buildArgs.putAll(buildArgs);
    b.pipSettings.putAll(pipSettings);
    b.networkMode = networkMode;
    b.baseImages = baseImages;
    b.labels = labels;
    b.tags.addAll(tags);
    return b;
  }

  /** Pull newer versions of the base images ({@code docker build --pull}). */
  public boolean pull() {
    return pull;
  }

  /** Build every step anew ({@code --no-cache}). */
  public boolean noCache() {
    return noCache;
  }

  /** Images whose layers may serve as cache ({@code --cache-from}). */
  public List<String> cacheFrom() {
    return cacheFrom;
  }

  /** {@code --build-arg}s, in the order given. */
  public Map<String, String> buildArgs() {
    return buildArgs;
  }

  /**
   * pip settings ({@code PIP_*} variables, e.g. {@link #PIP_OFFLINE}) that every {@code RUN} of
   * the build sees: declared as {@code ARG} at the top of each stage and passed as build arguments,
   * so they never persist in the image. An {@code ENV} the Dockerfile sets itself wins.
   */
  public Map<String, String> pipSettings() {
    return pipSettings;
  }

  /** {@code --network}: {@code host}, {@code none}, a network name; empty for the engine's default. */
  public Optional<String> networkMode() {
    return networkMode;
  }

  public BaseImageMap baseImages() {
    return baseImages;
  }

  public ImageLabels labels() {
    return labels;
  }

  /** Names to tag the image with, e.g. {@code local/outlink:test}. */
  public List<String> tags() {
    return tags;
  }

  /** Builds {@link ImageBuildOptions}. */
  public static final class Builder {
    private boolean pull;
    private boolean noCache;
    private final List<String> cacheFrom = new ArrayList<>();
    private final Map<String, String> buildArgs = new LinkedHashMap<>();
    private final Map<String, String> pipSettings = new LinkedHashMap<>();
    private Optional<String> networkMode = Optional.empty();
    private BaseImageMap baseImages = BaseImageMap.NONE;
    private ImageLabels labels = ImageLabels.NONE;
    private final List<String> tags = new ArrayList<>();

    private Builder() {}

    public Builder pull(boolean value) {
      this.pull = value;
      return this;
    }

    public Builder noCache(boolean value) {
      this.noCache = value;
      return this;
    }

    public Builder cacheFrom(List<String> images) {
      cacheFrom.clear();
      images.forEach(i -> cacheFrom.add(Objects.requireNonNull(i, "cacheFrom image")));
      return this;
    }

    public Builder buildArg(String name, String value) {
      buildArgs.put(requireName(name), Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    public Builder buildArgs(Map<String, String> args) {
      args.forEach(this::buildArg);
      return this;
    }

    /** @throws IllegalArgumentException for a name that does not start with {@code PIP_} */
    public Builder pipSetting(String name, String value) {
      if (!requireName(name).startsWith("PIP_")) {
        throw new IllegalArgumentException("a pip setting is a PIP_* variable, not '" + name + "'");
      }
      pipSettings.put(name, Objects.requireNonNull(value, "value of " + name));
      return this;
    }

    public Builder pipSettings(Map<String, String> settings) {
      settings.forEach(this::pipSetting);
      return this;
    }

    /** {@code null} or blank for the engine's default. */
    public Builder networkMode(String mode) {
      this.networkMode = Optional.ofNullable(mode).map(String::strip).filter(m -> !m.isEmpty());
      return this;
    }

    public Builder baseImages(BaseImageMap map) {
      this.baseImages = Objects.requireNonNull(map, "baseImages");
      return this;
    }

    public Builder labels(ImageLabels value) {
      this.labels = Objects.requireNonNull(value, "labels");
      return this;
    }

    public Builder tag(String name) {
      tags.add(Objects.requireNonNull(name, "tag"));
      return this;
    }

    public Builder tags(List<String> names) {
      tags.clear();
      names.forEach(this::tag);
      return this;
    }

    public ImageBuildOptions build() {
      return new ImageBuildOptions(this);
    }

    private static String requireName(String name) {
      if (name == null || !name.matches("[A-Za-z_][A-Za-z0-9_]*")) {
        throw new IllegalArgumentException("'" + name + "' is not a build argument name");
      }
      return name;
    }
  }
}
