package io.modelpipe.cli;

import io.modelpipe.image.ProgressListener;
import java.io.PrintWriter;

/**
 * Prints build and container progress. On a terminal, build steps rewrite one status line and
 * their output is not shown (a failure shows it); elsewhere (CI logs) every step and line is
 * printed as it comes.
 */
final class ConsoleProgress implements ProgressListener {

  private final PrintWriter out;
  private final boolean terminal;
  private final boolean showOutput;
  private boolean statusShown;

  /**
   * @param out where to print
   * @param terminal update the step line in place (ANSI), hide step output
   * @param showOutput print output lines (when not on a terminal)
   */
  ConsoleProgress(PrintWriter out, boolean terminal, boolean showOutput) {
    this.out = out;
    this.terminal = terminal;
    this.showOutput = showOutput;
  }

  static boolean onTerminal() {
    return System.console() != null && System.getenv("TERM") != null && !"dumb".equals(System.getenv("TERM"));
  }

  @Override
  public void step(int number, int total, String instruction) {
    String line = "step " + number + "/" + total + ": " + instruction;
    if (terminal) {
      int width = 100;
      out.print("\r\033[2K" + (line.length() > width ? line.substring(0, width - 1) + "…" : line));
      statusShown = true;
    } else {
      out.println(line);
    }
    out.flush();
  }

  @Override
  public void output(String line) {
    if (terminal || !showOutput) {
      return;
    }
    out.println("  " + line);
    out.flush();
  }

  /** Ends the status line on a terminal. */
  void finish() {
    if (terminal && statusShown) {
      out.println();
      out.flush();
      statusShown = false;
    }
  }
}
