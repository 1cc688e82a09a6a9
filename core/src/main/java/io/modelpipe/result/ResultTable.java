package io.modelpipe.result;

import io.modelpipe.Durations;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The table a run ends with: one row per stage, with its pipeline, result, image and duration. The
 * image is the first published reference with its digest, else the built image's short ID, with
 * {@code (not published)} when a publish was held back.
 */
public final class ResultTable {

  private static final List<String> HEADER = List.of("PIPELINE", "STAGE", "RESULT", "IMAGE", "DURATION");

  private ResultTable() {}

  /** The table, lines ending in newlines, then a line with the overall status. */
  public static String format(RunResult result) {
    List<List<String>> rows = new ArrayList<>();
    rows.add(HEADER);
    for (PipelineResult pipeline : result.pipelines()) {
      for (StageResult stage : pipeline.stages()) {
        rows.add(List.of(pipeline.name(), stage.name(), status(stage), image(stage), duration(stage.duration())));
      }
    }
    int[] widths = new int[HEADER.size()];
    for (List<String> row : rows) {
      for (int i = 0; i < row.size(); i++) {
        widths[i] = Math.max(widths[i], row.get(i).length());
      }
    }
    StringBuilder text = new StringBuilder();
    for (List<String> row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.size(); i++) {
        line.append(i == row.size() - 1 ? row.get(i) : pad(row.get(i), widths[i] + 2));
      }
      text.append(line.toString().stripTrailing()).append('\n');
    }
    text.append("run ").append(result.status()).append('\n');
    return text.toString();
  }

  private static String status(StageResult stage) {
    String text = stage.status().toString();
    if (stage.lintFindings().isPresent() && stage.lintFindings().getAsInt() > 0) {
      text += " (" + stage.lintFindings().getAsInt() + " lint)";
    }
    return text;
  }

  private static String image(StageResult stage) {
    if (stage.image().isEmpty()) {
      return "-";
    }
    ImageResult image = stage.image().get();
    if (image.published() && !image.references().isEmpty()) {
      return image.references().get(0) + image.digest().map(d -> "@" + d.substring(0, Math.min(19, d.length()))).orElse("");
    }
    String id = image.id().startsWith("sha256:") ? image.id().substring(7, Math.min(19, image.id().length())) : image.id();
    return id + (image.name().isEmpty() ? "" : " (not published)");
  }

  private static String duration(Duration duration) {
    return Durations.format(duration);
  }

  private static String pad(String text, int width) {
    return text.length() >= width ? text : text + " ".repeat(width - text.length());
  }
}
