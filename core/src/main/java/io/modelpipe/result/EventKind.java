package io.modelpipe.result;

import java.util.Locale;

/**
 * What triggered a run, as the trigger context classifies it. Only gate, post-merge and tag
 * contexts publish; a patch-set run builds and tests but never publishes.
 */
public enum EventKind {
  /** A new patch set under review (Zuul {@code test}/{@code check}, Gerrit {@code patchset-created}). */
  PATCH_SET,
  /** A change being gated before merge (Zuul {@code gate-and-submit*}). */
  GATE,
  /** A merged change (Zuul {@code postmerge}/{@code post}, Gerrit {@code change-merged}/{@code ref-updated}). */
  POST_MERGE,
  /** A pushed tag (Zuul {@code publish}, a {@code refs/tags/*} ref update). */
  TAG,
  /** Started by hand, outside any trigger. */
  MANUAL;

  /** The JSON form: {@code patch-set}, {@code gate}, {@code post-merge}, {@code tag}, {@code manual}. */
  public String jsonName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /** The kind for a {@link #jsonName()}; throws {@link IllegalArgumentException} for any other text. */
  public static EventKind fromJsonName(String name) {
    for (EventKind kind : values()) {
      if (kind.jsonName().equals(name)) {
        return kind;
      }
    }
    throw new IllegalArgumentException("unknown event kind '" + name + "'");
  }
}
