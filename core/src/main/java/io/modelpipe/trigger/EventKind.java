package io.modelpipe.trigger;

import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * What kind of event a run is for. Publishing is decided by {@link PublishGate} from the trigger's
 * own facts (Zuul pipeline, Gerrit event type, ref); the kind names the run for people and for the
 * {@code kind:} publish contexts of runs whose kind was given with {@code --event}.
 */
public enum EventKind {
  /** A patch set under review: tests only, never published by default. */
  PATCH_SET("patch-set", "patch set (test)"),
  /** A change approved for merging, tested in a gate pipeline. */
  GATE("gate", "gate"),
  /** A change merged, or a branch updated. */
  POST_MERGE("post-merge", "post-merge"),
  /** A tag pushed. */
  TAG("tag", "tag"),
  /** Anything else: a run by hand, a timer, or an event that is none of the above. */
  MANUAL("manual", "manual");

  private final String label;
  private final String description;

  EventKind(String label, String description) {
    this.label = label;
    this.description = description;
  }

  /** The name flags, JSON and publish contexts use: {@code patch-set}, {@code post-merge}... */
  public String label() {
    return label;
  }

  /** A short phrase for people: {@code patch set (test)}. */
  public String description() {
    return description;
  }

  /** The labels, in declaration order. */
  public static List<String> labels() {
    return Arrays.stream(values()).map(EventKind::label).toList();
  }

  /**
   * The kind a label names; also accepts {@code patchset}, {@code test}, {@code postmerge} and the
   * constant names ({@code POST_MERGE}), in any case.
   */
  public static Optional<EventKind> parse(String text) {
    String name = text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
    return switch (name) {
      case "patch-set", "patchset", "test" -> Optional.of(PATCH_SET);
      case "gate" -> Optional.of(GATE);
      case "post-merge", "postmerge" -> Optional.of(POST_MERGE);
      case "tag" -> Optional.of(TAG);
      case "manual" -> Optional.of(MANUAL);
      default -> Optional.empty();
    };
  }

  @Override
  public String toString() {
    return label;
  }
}
