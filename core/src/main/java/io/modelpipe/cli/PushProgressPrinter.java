package io.modelpipe.cli;

import io.modelpipe.Durations;
import io.modelpipe.image.ImageReference;
import io.modelpipe.image.PublishListener;
import io.modelpipe.image.PushProgress;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * Prints push progress on standard error. Not on a terminal (CI logs), one plain line per layer and
 * change of state, never per chunk of bytes; on a terminal, the byte counts of the layer that moved
 * last overwrite one line.
 */
final class PushProgressPrinter implements PublishListener {

  private final PrintWriter err;
  private final boolean terminal;
  /** The last state printed per reference and layer, digits removed ("Retrying in # seconds"). */
  private final Map<String, String> lastState = new HashMap<>();
  private boolean lineOpen;

  PushProgressPrinter(PrintWriter err, boolean terminal) {
    this.err = err;
    this.terminal = terminal;
  }

  @Override
  public synchronized void onProgress(PushProgress progress) {
    String key = progress.reference() + " " + progress.layer();
    String state = progress.status().replaceAll("[0-9]+", "#");
    if (terminal && progress.status().equals("Pushing") && progress.total() > 0) {
      err.print("\r" + progress.format() + "\u001b[K");
      err.flush();
      lineOpen = true;
      return;
    }
    if (state.equals(lastState.put(key, state))) {
      return;
    }
    println(progress.format());
  }

  @Override
  public synchronized void onRetry(String step, int nextAttempt, int maxAttempts, Duration delay, String reason) {
    println(step + " failed: " + reason + "; attempt " + nextAttempt + " of " + maxAttempts + " in "
        + Durations.format(delay));
  }

  @Override
  public synchronized void onPushed(ImageReference reference, String digest) {
    println("pushed " + reference + " (" + digest + ")");
  }

  private void println(String line) {
    if (lineOpen) {
      err.print("\r\u001b[K");
      lineOpen = false;
    }
    err.println(line);
    err.flush();
  }
}
