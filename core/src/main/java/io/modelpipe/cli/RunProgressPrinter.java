package io.modelpipe.cli;

import io.modelpipe.Durations;
import io.modelpipe.image.ImageReference;
import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.PublishListener;
import io.modelpipe.image.PushProgress;
import io.modelpipe.pipeline.RunListener;
import io.modelpipe.pipeline.StageId;
import io.modelpipe.result.StageResult;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Prints a run's progress on standard error, every line prefixed with {@code [pipeline/stage]}: a
 * line when each step starts and ends (with its duration), build steps, the containers' output and
 * push progress. On a terminal, build steps and push byte counts update one status line in place
 * (one entry per active stage) instead of scrolling; in CI logs they are plain lines, a push layer's
 * state once per change.
 */
final class RunProgressPrinter implements RunListener {

  private static final int WIDTH = 120;

  private final PrintWriter err;
  private final boolean terminal;
  /** What each active stage is doing, for the status line on a terminal. */
  private final Map<StageId, String> activity = new LinkedHashMap<>();
  private final Map<String, String> lastPushState = new LinkedHashMap<>();
  private boolean statusShown;

  RunProgressPrinter(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void stepStarted(StageId stage, String step, String detail) {
    activity.put(stage, step);
    line(stage, step + ": " + detail);
  }

  @Override
  public synchronized void stepFinished(StageId stage, String step, String outcome, Duration duration, String detail) {
    activity.remove(stage);
    line(stage, step + " " + outcome + (duration.isZero() ? "" : " in " + seconds(duration)) + (detail.isEmpty() ? "" : ": " + detail));
  }

  @Override
  public synchronized void stageFinished(StageId stage, StageResult result) {
    activity.remove(stage);
    line(stage, "stage " + result.status() + " in " + seconds(result.duration())
        + result.skipReason().map(r -> " (" + r + ")").orElse("")
        + result.log().map(l -> "; log: " + l).orElse(""));
  }

  @Override
  public ProgressListener buildProgress(StageId stage) {
    return new ProgressListener() {
      @Override
      public void step(int number, int total, String instruction) {
        synchronized (RunProgressPrinter.this) {
          String text = "step " + number + "/" + total + ": " + instruction;
          if (terminal) {
            activity.put(stage, "build " + text);
            redraw();
          } else {
            line(stage, "  " + text);
          }
        }
      }
    };
  }

  @Override
  public synchronized void runOutput(StageId stage, String line) {
    line(stage, "  | " + line);
  }

  @Override
  public PublishListener pushProgress(StageId stage) {
    return new PublishListener() {
      @Override
      public void onProgress(PushProgress progress) {
        synchronized (RunProgressPrinter.this) {
          if (terminal && progress.status().equals("Pushing") && progress.total() > 0) {
            activity.put(stage, progress.format());
            redraw();
            return;
          }
          String key = progress.reference() + " " + progress.layer();
          String state = progress.status().replaceAll("[0-9]+", "#");
          if (!state.equals(lastPushState.put(key, state))) {
            line(stage, "  " + progress.format());
          }
        }
      }

      @Override
      public void onRetry(String step, int nextAttempt, int maxAttempts, Duration delay, String reason) {
        synchronized (RunProgressPrinter.this) {
          line(stage, "  " + step + " failed: " + reason + "; attempt " + nextAttempt + " of " + maxAttempts + " in "
              + seconds(delay));
        }
      }

      @Override
      public void onPushed(ImageReference reference, String digest) {
        synchronized (RunProgressPrinter.this) {
          line(stage, "  pushed " + reference + " (" + digest + ")");
        }
      }
    };
  }

  @Override
  public synchronized void teardown(String detail) {
    activity.clear();
    clearStatus();
    err.println("[teardown] " + detail);
    err.flush();
  }

  private void line(StageId stage, String text) {
    clearStatus();
    err.println("[" + stage + "] " + text);
    redraw();
  }

  private void redraw() {
    if (!terminal) {
      err.flush();
      return;
    }
    if (activity.isEmpty()) {
      clearStatus();
      err.flush();
      return;
    }
    StringBuilder status = new StringBuilder();
    activity.forEach((stage, what) -> status.append(status.length() == 0 ? "" : " | ").append(stage).append(": ").append(what));
    String text = status.length() > WIDTH ? status.substring(0, WIDTH - 1) + "…" : status.toString();
    err.print("\r\033[2K" + text);
    err.flush();
    statusShown = true;
  }

  private void clearStatus() {
    if (statusShown) {
      err.print("\r\033[2K");
      statusShown = false;
    }
  }

  static String seconds(Duration duration) {
    return Durations.format(duration);
  }
}
