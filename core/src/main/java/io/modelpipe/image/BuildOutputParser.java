package io.modelpipe.image;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the classic builder's output stream (chunks of text that need not end at line breaks) into
 * steps and output lines for a {@link ProgressListener}, remembering the current step's output so a
 * failure can show it.
 */
final class BuildOutputParser {

  private static final Pattern STEP = Pattern.compile("^Step (\\d+)/(\\d+) : (.*)$");
  private static final Pattern RUNNING_IN = Pattern.compile("^ ---> Running in ([0-9a-f]+)$");
  private static final int KEPT_LINES = 200;
  // The classic builder colours a step's standard error red with ANSI escapes.
  private static final Pattern ANSI_ESCAPE = Pattern.compile("\u001B\\[[0-9;]*[A-Za-z]");

  private final ProgressListener listener;
  private final StringBuilder partial = new StringBuilder();
  private final List<String> stepOutput = new ArrayList<>();
  private String currentStep;
  private volatile String stepContainer;

  BuildOutputParser(ProgressListener listener) {
    this.listener = listener;
  }

  void accept(String chunk) {
    partial.append(chunk);
    int newline;
    while ((newline = partial.indexOf("\n")) >= 0) {
      line(partial.substring(0, newline));
      partial.delete(0, newline + 1);
    }
  }

  void finish() {
    if (partial.length() > 0) {
      line(partial.toString());
      partial.setLength(0);
    }
  }

  private void line(String raw) {
    String line = ANSI_ESCAPE.matcher(raw.endsWith("\r") ? raw.substring(0, raw.length() - 1) : raw).replaceAll("");
    Matcher step = STEP.matcher(line);
    if (step.matches()) {
      currentStep = line;
      stepContainer = null;
      stepOutput.clear();
      listener.step(Integer.parseInt(step.group(1)), Integer.parseInt(step.group(2)), step.group(3));
      return;
    }
    Matcher running = RUNNING_IN.matcher(line);
    if (running.matches()) {
      stepContainer = running.group(1);
    }
    if (line.startsWith(" ---> ") || line.startsWith("Removing intermediate container ")) {
      return; // the builder's bookkeeping, not the step's output
    }
    if (stepOutput.size() == KEPT_LINES) {
      stepOutput.remove(0);
    }
    stepOutput.add(line);
    listener.output(line);
  }

  /** The step running last, as the builder names it: {@code Step 5/12 : RUN make}. */
  Optional<String> currentStep() {
    return Optional.ofNullable(currentStep);
  }

  /** The container the current step runs in ({@code ---> Running in ID}), while it runs. */
  Optional<String> stepContainer() {
    return Optional.ofNullable(stepContainer);
  }

  /** The last lines the current step printed. */
  List<String> currentStepOutput() {
    return List.copyOf(stepOutput);
  }
}
