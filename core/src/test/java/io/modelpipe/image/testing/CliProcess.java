package io.modelpipe.image.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs {@code modelpipe} in a child JVM on the test classpath, with an environment of the test's
 * making (no inherited {@code MODELPIPE_*}, {@code DOCKER_*} or home), so that what it reads from the
 * environment and prints is exactly what a user would see.
 */
public final class CliProcess {

  /** Exit code and the two streams of one run. */
  public record Result(int code, String out, String err) {
    /** Both streams, for assertions that a secret appears in neither. */
    public String all() {
      return out + "\n" + err;
    }
  }

  private CliProcess() {}

  /**
   * True when this JVM ignores {@code signal} ({@code INT}, {@code TERM}, ...) because it was started
   * so (a build started in the background of a non-interactive shell ignores INT and QUIT). Its
   * children inherit that, and the JVM leaves an inherited ignored signal ignored: a test of that
   * signal would test nothing and should be skipped, saying why.
   */
  public static boolean signalIgnored(String signal) {
    int number = switch (signal) {
      case "HUP" -> 1;
      case "INT" -> 2;
      case "QUIT" -> 3;
      case "TERM" -> 15;
      default -> throw new IllegalArgumentException(signal);
    };
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("SigIgn:")) {
          return (Long.parseUnsignedLong(line.substring("SigIgn:".length()).strip(), 16) & (1L << (number - 1))) != 0;
        }
      }
      return false;
    } catch (IOException e) {
      return false; // no /proc: nothing known
    }
  }

  /**
   * @param environment variables added to a clean environment ({@code PATH} is kept; {@code HOME} is
   *     a fresh temporary directory unless given)
   * @param stdin standard input, or {@code null} for none
   */
  public static Result run(Map<String, String> environment, String stdin, String... args) {
    Running running = start(environment, stdin, args);
    return running.await(Duration.ofMinutes(5));
  }

  /** Starts {@code modelpipe ARGS} as {@link #run} does, without waiting for it (to signal it, say). */
  public static Running start(Map<String, String> environment, String stdin, String... args) {
    try {
      Path home = Files.createTempDirectory("modelpipe-home");
      List<String> command = new ArrayList<>(List.of(
          Path.of(System.getProperty("java.home"), "bin", "java").toString(),
          "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), "io.modelpipe.cli.Main"));
      command.addAll(List.of(args));
      ProcessBuilder builder = new ProcessBuilder(command);
      Map<String, String> env = builder.environment();
      env.keySet().removeIf(key -> key.startsWith("MODELPIPE_") || key.startsWith("DOCKER_"));
      env.put("HOME", home.toString());
      env.putAll(environment);
      Path out = home.resolve("stdout");
      Path err = home.resolve("stderr");
      builder.redirectOutput(out.toFile()).redirectError(err.toFile());
      Process process = builder.start();
      try (OutputStream input = process.getOutputStream()) {
        if (stdin != null) {
          input.write(stdin.getBytes(StandardCharsets.UTF_8));
        }
      }
      return new Running(process, out, err, String.join(" ", args));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A {@code modelpipe} child process still running. */
  public static final class Running {
    private final Process process;
    private final Path out;
    private final Path err;
    private final String args;

    private Running(Process process, Path out, Path err, String args) {
      this.process = process;
      this.out = out;
      this.err = err;
      this.args = args;
    }

    public long pid() {
      return process.pid();
    }

    public boolean isAlive() {
      return process.isAlive();
    }

    /** What it printed on standard error so far. */
    public String errorSoFar() {
      try {
        return Files.readString(err);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    /**
     * Waits until standard error contains {@code text}; false when the process ended or the
     * timeout passed first.
     */
    public boolean awaitError(String text, Duration timeout) {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        if (errorSoFar().contains(text)) {
          return true;
        }
        if (!process.isAlive()) {
          return errorSoFar().contains(text);
        }
        sleep(100);
      }
      return false;
    }

    /** Sends a signal ({@code INT}, {@code TERM}, ...) with {@code kill}. */
    public void signal(String name) {
      try {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(1, TimeUnit.MINUTES) || kill.exitValue() != 0) { // a guard only
          throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    /** Waits for the end; kills it and fails after {@code timeout}. */
    public Result await(Duration timeout) {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          process.destroyForcibly();
          throw new AssertionError("modelpipe " + args + " did not end in " + timeout.toSeconds() + " s; stderr:\n"
              + errorSoFar());
        }
        return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        process.destroyForcibly();
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    private static void sleep(long millis) {
      try {
        Thread.sleep(millis);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }
}
