package io.modelpipe.yaml;

import java.util.Locale;

/** Levenshtein distance, for "did you mean" suggestions on misspelt keys. */
public final class EditDistance {

  private EditDistance() {}

  /** The number of single-character insertions, deletions and substitutions from a to b. */
  public static int between(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }

  /**
   * {@code "; did you mean 'x'?"} for the known key nearest to {@code key} (ignoring case) when it
   * is close enough (at most a third of its length, 1 to 3 edits), else empty: the one rule for
   * every misspelt key modelpipe reports.
   */
  public static String suggestion(String key, Iterable<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String candidate : known) {
      int distance = between(key.toLowerCase(Locale.ROOT), candidate.toLowerCase(Locale.ROOT));
      if (distance < bestDistance) {
        bestDistance = distance;
        best = candidate;
      }
    }
    boolean close = best != null && bestDistance <= Math.max(1, Math.min(3, best.length() / 3));
    return close ? "; did you mean '" + best + "'?" : "";
  }
}
