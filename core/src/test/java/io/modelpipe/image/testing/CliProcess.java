package io.modelpipe.image.testing;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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
   * @param environment variables added to a clean environment ({@code PATH} is kept; {@code HOME} is
   *     a fresh temporary directory unless given)
   * @param stdin standard input, or {@code null} for none
   */
  public static Result run(Map<String, String> environment, String stdin, String... args) {
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
      if (!process.waitFor(5, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError("modelpipe " + String.join(" ", args) + " did not end in 5 minutes");
      }
      return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
