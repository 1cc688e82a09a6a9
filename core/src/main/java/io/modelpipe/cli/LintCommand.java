package io.modelpipe.cli;

import io.modelpipe.lint.AgentCommandRunner;
import io.modelpipe.lint.ConsoleReport;
import io.modelpipe.lint.EnvResult;
import io.modelpipe.lint.GerritReport;
import io.modelpipe.lint.JsonReport;
import io.modelpipe.lint.LintListener;
import io.modelpipe.lint.LintResult;
import io.modelpipe.lint.Linter;
import io.modelpipe.lint.ToxConfig;
import io.modelpipe.lint.ToxConfigReader;
import io.modelpipe.lint.ToxEnv;
import io.modelpipe.lint.XmlReports;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelpipe lint}: runs a project's tox lint envs and reports findings. */
@Command(
    name = "lint",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Runs the envs of DIR/tox.ini (default: its envlist) as tox would, with the tools installed on this machine and no pip installs, and reports what flake8, black, pycodestyle, pyflakes and ruff found: grouped by file on the console, and as JUnit XML, checkstyle XML, JSON and a Gerrit message on request. tox.ini is checked first: keys tox ignores silently (such as 'command =') and envs without commands are errors.",
      "",
      "Exit 0 when clean, 1 when there are findings or a command failed, 2 when tox.ini is broken, 3 when a tool is not installed.",
    })
final class LintCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", arity = "0..1", paramLabel = "DIR", defaultValue = ".",
      description = "Project directory holding tox.ini (default: the current directory).")
  Path dir;

  @Option(names = "--env", split = ",", paramLabel = "ENV",
      description = "Envs to run, comma-separated (default: tox.ini's envlist).")
  List<String> envs = new ArrayList<>();

  @Option(names = "--tox", description = "Run tox itself (tox -e ENVS) instead of each env's commands.")
  boolean tox;

  @Option(names = "--in-image", description = "Run the envs inside the test variant's image (not available yet).")
  boolean inImage;

  @Option(names = "--junit", paramLabel = "FILE", description = "Write JUnit XML (a test case per env) to FILE.")
  Path junit;

  @Option(names = "--checkstyle", paramLabel = "FILE", description = "Write checkstyle XML (for Warnings NG) to FILE.")
  Path checkstyle;

  @Option(names = "--json", paramLabel = "FILE", description = "Write the result as JSON to FILE ('-' for standard output).")
  String json;

  @Option(names = "--gerrit", paramLabel = "FILE", description = "Write a short text block for the Gerrit review message to FILE.")
  Path gerrit;

  @Option(names = "--jobs", paramLabel = "N",
      description = "Envs run at once (default: the number of processors); 1 runs them one after another.")
  Integer jobs;

  @Option(names = {"-q", "--quiet"}, description = "No progress lines on standard error.")
  boolean quiet;

  @Override
  public Integer call() throws InterruptedException {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (inImage) {
      err.println("modelpipe lint: --in-image is not available yet: this version cannot build and run the test variant"
          + " for lint; lint on the agent (default) or with --tox");
      return ExitCodes.INVALID_INPUT;
    }
    Path root = dir.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(dir.toString()), "", "not a directory"));
    }
    ToxConfig config = ToxConfigReader.read(root, ModelpipeCommand.environmentOf(spec), List.of());
    List<String> wanted = envs.stream().map(String::strip).filter(s -> !s.isEmpty()).toList();
    List<ToxEnv> selected = config.select(wanted);
    AgentCommandRunner runner = new AgentCommandRunner(ModelpipeCommand.environmentOf(spec));
    int parallel = jobs != null ? jobs : Runtime.getRuntime().availableProcessors();
    Linter linter = new Linter(runner, quiet ? LintListener.NONE : new Progress(err), parallel);
    LintResult result = tox ? linter.runTox(config, selected) : linter.run(config, selected);

    boolean jsonToStdout = "-".equals(json);
    if (!jsonToStdout) {
      ConsoleReport.write(result, out);
    }
    if (junit != null) {
      XmlReports.writeJunit(result, junit);
    }
    if (checkstyle != null) {
      XmlReports.writeCheckstyle(result, checkstyle);
    }
    if (gerrit != null) {
      writeText(gerrit, GerritReport.text(result));
    }
    if (json != null) {
      if (jsonToStdout) {
        out.print(JsonReport.text(result));
      } else {
        writeText(Path.of(json), JsonReport.text(result));
      }
    }
    return result.passed() ? ExitCodes.OK : ExitCodes.FAILED;
  }

  private static void writeText(Path file, String text) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Progress on standard error: each env's start and end, with its duration. */
  private static final class Progress implements LintListener {
    private final PrintWriter err;

    Progress(PrintWriter err) {
      this.err = err;
    }

    @Override
    public synchronized void envStarted(String env, List<String> commands) {
      err.println("lint: " + env + ": started: " + String.join("; ", commands));
      err.flush();
    }

    @Override
    public synchronized void envFinished(EnvResult result) {
      err.printf(Locale.ROOT, "lint: %s: %s in %.1f s%n", result.name(),
          result.passed() ? "ok" : "failed (" + result.failure() + ")", result.duration().toMillis() / 1000.0);
      err.flush();
    }
  }
}
