package io.modelpipe.lint;

import static org.junit.Assume.assumeTrue;

import io.modelpipe.testing.FileTrees;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Fixture projects and the real tools, for tests that run flake8, black and tox. */
public final class LintFixtures {

  public static final Path RESOURCES = Path.of("src/test/resources/lint");
  private static final AgentCommandRunner AGENT = new AgentCommandRunner(System.getenv());

  private LintFixtures() {}

  /**
   * Skips the calling test, saying why on standard error and in the test report, when Debian's
   * {@code tool} is not installed (bin/setup-debian installs flake8, black and tox).
   */
  public static void assumeInstalled(String tool) {
    boolean installed = tool.equals("tox") ? AGENT.find("tox").isPresent() : hasModule(tool);
    if (!installed) {
      String why = "skipped: " + tool + " is not installed for " + AGENT.python()
          + " (Debian package " + ToolNotInstalledException.debianPackage(tool) + "; run bin/setup-debian)";
      System.err.println(why);
      assumeTrue(why, false);
    }
  }

  private static boolean hasModule(String module) {
    try {
      Process process = new ProcessBuilder(AGENT.python(), "-c", "import " + module).redirectErrorStream(true).start();
      process.getInputStream().readAllBytes();
      return process.waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Copies a fixture project into {@code parent/with spaces/ünïcödé}, so every path has both. */
  public static Path copy(String fixture, Path parent) {
    Path target = parent.resolve("with spaces").resolve("ünïcödé");
    Path source = RESOURCES.resolve(fixture);
    FileTrees.copy(source, target);
    return target;
  }

  /** Runs a command directly (the Debian interpreter, no modelpipe), returning stdout + stderr. */
  public static String direct(Path dir, String... argv) {
    List<String> command = new ArrayList<>(List.of(argv));
    if (command.get(0).equals("python")) {
      command.set(0, AGENT.python());
    }
    try {
      ProcessBuilder builder = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true);
      Map<String, String> env = builder.environment();
      env.put("PYTHONIOENCODING", "utf-8");
      Process process = builder.start();
      String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      process.waitFor();
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
