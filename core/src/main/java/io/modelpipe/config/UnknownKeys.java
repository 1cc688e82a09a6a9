package io.modelpipe.config;

import io.modelpipe.yaml.EditDistance;
import java.util.List;
import java.util.Locale;

/** The "did you mean" of a warning about a key PipelineLib ignores. */
final class UnknownKeys {

  private UnknownKeys() {}

  /** {@code "; did you mean 'x'?"} for a known key close to {@code key}, else empty. */
  static String suggestion(String key, List<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = EditDistance.between(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    boolean close = best != null && bestDistance <= Math.max(1, Math.min(3, best.length() / 3));
    return close ? "; did you mean '" + best + "'?" : "";
  }
}
