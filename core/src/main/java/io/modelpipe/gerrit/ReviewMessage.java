package io.modelpipe.gerrit;

import io.modelpipe.Durations;
import io.modelpipe.result.ImageResult;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The text of the review message for a run, PipelineLib-compatible.
 *
 * <p>The first lines are exactly {@code GerritPipelineComment}'s: {@code pipeline-dashboard: JOB},
 * {@code pipeline-build-result: STATUS (job: JOB, build: N)}, and, when the run succeeded, an
 * {@code IMAGE:} and a {@code TAGS:} block for each published image (a line of its own, then the
 * value indented by one space, a blank line between blocks). modelpipe adds, in the same block
 * style: {@code DIGEST:} after an image's tags; {@code FAILED:}, naming the first failed stage of
 * each failed pipeline and where its log is; {@code NOT PUBLISHED:}, for images built but held back
 * (a patch-set run); {@code STAGES:}, one line per stage with its result, duration, lint findings
 * and skip reason; and {@code BUILD:} with the build's URL when known. Leading-space lines are
 * preformatted in Gerrit's web UI, so the stage columns stay aligned.
 */
public final class ReviewMessage {

  /** The job name when the trigger names none (a run outside Jenkins). */
  static final String UNKNOWN_JOB = "modelpipe";
  /** The build when the trigger names none. */
  static final String UNKNOWN_BUILD = "n/a";

  private ReviewMessage() {}

  /** The message for {@code result}, ending in a newline. */
  public static String format(RunResult result) {
    String job = result.trigger().job().orElse(UNKNOWN_JOB);
    String build = result.trigger().build().orElse(UNKNOWN_BUILD);
    StringBuilder msg = new StringBuilder();
    // GerritPipelineComment.formatMessage(): dashboard, result, then image and tags blocks.
    msg.append("pipeline-dashboard: ").append(job).append('\n');
    msg.append("pipeline-build-result: ").append(result.status()).append(" (job: ").append(job)
        .append(", build: ").append(build).append(")\n");
    if (result.status() == Status.SUCCESS) {
      for (PipelineResult pipeline : result.pipelines()) {
        for (StageResult stage : pipeline.stages()) {
          if (stage.image().isEmpty() || !stage.image().get().published()) {
            continue;
          }
          ImageResult image = stage.image().get();
          msg.append("\nIMAGE:\n ").append(image.name()).append('\n');
          if (!image.tags().isEmpty()) {
            msg.append("\nTAGS:\n ").append(String.join(", ", image.tags())).append('\n');
          }
          image.digest().ifPresent(d -> msg.append("\nDIGEST:\n ").append(d).append('\n'));
        }
      }
    }

    List<String> failed = new ArrayList<>();
    for (PipelineResult pipeline : result.pipelines()) {
      pipeline.firstFailedStage().ifPresent(stage -> failed.add(" stage " + stage.name() + " of pipeline "
          + pipeline.name() + " ended " + stage.status() + "; log: " + stage.log().orElse("none recorded")));
    }
    block(msg, "FAILED:", failed);

    List<String> held = new ArrayList<>();
    for (PipelineResult pipeline : result.pipelines()) {
      for (StageResult stage : pipeline.stages()) {
        if (isHeldBack(stage)) {
          ImageResult image = stage.image().get();
          held.add(" " + pipeline.name() + "/" + stage.name() + ": image " + image.id()
              + " was built but not published" + stage.skipReason().map(r -> " (" + r + ")").orElse(""));
        }
      }
    }
    block(msg, "NOT PUBLISHED:", held);

    block(msg, "STAGES:", stageLines(result));
    result.trigger().buildUrl().ifPresent(url -> block(msg, "BUILD:", List.of(" " + url)));
    return msg.toString();
  }

  private static boolean isHeldBack(StageResult stage) {
    return stage.image().isPresent() && !stage.image().get().published()
        && (stage.skipReason().isPresent() || !stage.image().get().name().isEmpty());
  }

  private static void block(StringBuilder msg, String heading, List<String> lines) {
    if (lines.isEmpty()) {
      return;
    }
    msg.append('\n').append(heading).append('\n');
    lines.forEach(line -> msg.append(line).append('\n'));
  }

  private static List<String> stageLines(RunResult result) {
    List<String[]> rows = new ArrayList<>();
    for (PipelineResult pipeline : result.pipelines()) {
      for (StageResult stage : pipeline.stages()) {
        List<String> notes = new ArrayList<>();
        if (stage.lintFindings().isPresent()) {
          int n = stage.lintFindings().getAsInt();
          notes.add(n + (n == 1 ? " lint finding" : " lint findings"));
        }
        if (stage.skipReason().isPresent() && !isHeldBack(stage)) {
          notes.add(stage.skipReason().get());
        }
        String duration = stage.status() == Status.NOT_RUN || stage.status() == Status.SKIPPED && stage.duration().isZero()
            ? "-" : duration(stage.duration());
        rows.add(new String[] {pipeline.name() + "/" + stage.name(), stage.status().name(), duration,
            String.join(", ", notes)});
      }
    }
    int[] widths = new int[3];
    for (String[] row : rows) {
      for (int i = 0; i < 3; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder(" ");
      for (int i = 0; i < 4; i++) {
        line.append(i < 3 ? pad(row[i], widths[i]) : row[i]);
        if (i < 3) {
          line.append("  ");
        }
      }
      lines.add(line.toString().stripTrailing());
    }
    return lines;
  }

  private static String pad(String text, int width) {
    return text + " ".repeat(width - text.length());
  }

  /** modelpipe's one form of a duration ({@link Durations}). */
  static String duration(Duration d) {
    return Durations.format(d);
  }
}
