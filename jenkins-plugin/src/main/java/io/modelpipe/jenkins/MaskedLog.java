package io.modelpipe.jenkins;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Comparator;
import java.util.Deque;
import java.util.List;

/**
 * The engine's output on its way to the build log: line by line, with every secret replaced by
 * {@code ****}, keeping the last lines for the step's failure message.
 */
final class MaskedLog extends OutputStream {

  private static final int TAIL_LINES = 40;
  private static final int LONGEST_LINE = 1 << 16;

  private final PrintStream log;
  private final List<String> secrets;
  private final ByteArrayOutputStream line = new ByteArrayOutputStream();
  private final Deque<String> tail = new ArrayDeque<>();

  MaskedLog(PrintStream log, List<String> secrets) {
    this.log = log;
    // longest first, so a secret that contains another is masked whole
    this.secrets = secrets.stream().filter(s -> !s.isEmpty()).sorted(Comparator.comparingInt(String::length).reversed())
        .toList();
  }

  @Override
  public synchronized void write(int b) {
    line.write(b);
    if (b == '\n' || line.size() >= LONGEST_LINE) {
      emit();
    }
  }

  @Override
  public synchronized void write(byte[] bytes, int offset, int length) {
    for (int i = offset; i < offset + length; i++) {
      write(bytes[i]);
    }
  }

  @Override
  public synchronized void flush() {
    if (line.size() > 0) {
      emit();
    }
    log.flush();
  }

  synchronized String tail() {
    return String.join("", tail);
  }

  private void emit() {
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    for (String secret : secrets) {
      text = text.replace(secret, "****");
    }
    log.print(text);
    tail.addLast(text);
    if (tail.size() > TAIL_LINES) {
      tail.removeFirst();
    }
  }
}
