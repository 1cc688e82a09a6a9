package io.modelpipe;

import java.time.Duration;
import java.util.Locale;

/**
 * The one text form of a duration, wherever modelpipe shows one (progress lines, logs, the result
 * table, the review message, lint reports, retry waits, and next to {@code durationMs} in JSON): a
 * single token without spaces, so that columns line up and a reader (or a test) can take it as one
 * word. {@code 400ms} below a second, {@code 3.2s} below 10 s, {@code 12s}
 * below a minute, {@code 1m05s} below an hour, then {@code 1h02m}.
 */
public final class Durations {

  private Durations() {}

  /** {@code 40ms}, {@code 3.2s}, {@code 12s}, {@code 1m05s}, {@code 1h02m}; negative counts as zero. */
  public static String format(Duration duration) {
    long ms = Math.max(0, duration.toMillis());
    if (ms < 1000) {
      return ms + "ms";
    }
    if (ms < 9_950) { // one decimal; from 9.95 s on it would read 10.0s
      return String.format(Locale.ROOT, "%.1fs", ms / 1000.0);
    }
    long s = Math.round(ms / 1000.0);
    if (s < 60) {
      return s + "s";
    }
    if (s < 3600) {
      return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
    }
    return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
  }

  /** As {@link #format(Duration)}, from milliseconds. */
  public static String formatMillis(long millis) {
    return format(Duration.ofMillis(millis));
  }
}
