package io.modelpipe.wiring;

import java.util.Objects;

/**
 * One way integration/config differs from what a monorepo's pipelines need.
 *
 * @param kind what differs: {@code jjb-missing}, {@code jjb-stale}, {@code jjb-jobs}, {@code
 *     zuul-missing}, {@code zuul-stale}, {@code zuul-misplaced}, {@code filter-none}, {@code
 *     filter-misses}, {@code filter-extra}, {@code dead-entry}, {@code dead-blubber}
 * @param file the file of integration/config, e.g. {@code zuul/layout.yaml}
 * @param line 1-based line of the entry concerned; 0 when the entry is missing altogether
 * @param pipeline the pipeline concerned
 * @param message the sentence people read
 */
public record Drift(String kind, String file, int line, String pipeline, String message) {

  public Drift {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(file, "file");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(message, "message");
  }

  /** {@code zuul/layout.yaml:1088: outlink: ...}. */
  public String text() {
    return file + (line > 0 ? ":" + line : "") + ": " + message;
  }
}
