package io.modelpipe.pipeline;

import io.modelpipe.lint.BlackParser;
import io.modelpipe.lint.Flake8Parser;
import io.modelpipe.lint.ToolPaths;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.OptionalInt;
import java.util.regex.Pattern;

/**
 * What a run step's container printed: the last {@code tail} lines (PipelineLib's
 * {@code ${.output}}) and the lint findings in it, counted with the lint parsers. A test variant
 * runs tox, whose flake8 and black output is recognisable line by line.
 */
final class RunOutput {

  /** Output kept for counting findings: a test run prints far less; beyond it, lines are dropped. */
  private static final int MAX_LINES = 20_000;
  private static final Pattern LINT_TOOL = Pattern.compile("(?m)^\\s*(\\S*/)?(flake8|black)\\b|would reformat|^\\S+:\\d+:\\d+: [A-Z]+\\d+ ");

  private final int tail;
  private final Deque<String> last = new ArrayDeque<>();
  private final StringBuilder all = new StringBuilder();
  private int lines;

  RunOutput(int tail) {
    this.tail = Math.max(0, tail);
  }

  synchronized void add(String line) {
    if (tail > 0) {
      last.addLast(line);
      if (last.size() > tail) {
        last.removeFirst();
      }
    }
    if (lines++ < MAX_LINES) {
      all.append(line).append('\n');
    }
  }

  /** The last lines, joined by newlines. */
  synchronized String tail() {
    return String.join("\n", last);
  }

  /** flake8 and black findings in the output; empty when it shows neither tool ran. */
  synchronized OptionalInt lintFindings() {
    String text = all.toString();
    if (!LINT_TOOL.matcher(text).find()) {
      return OptionalInt.empty();
    }
    ToolPaths paths = new ToolPaths(Path.of("/"), Path.of("/"));
    int flake8 = new Flake8Parser("flake8", "default", false, false, false).parse(text, "", paths).findings().size();
    int black = new BlackParser().parse("", text, paths).findings().size();
    return OptionalInt.of(flake8 + black);
  }
}
