package io.modelpipe.lint;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs a project's tox envs through a {@link CommandRunner} and reads their output into findings.
 *
 * <p>{@link #run} runs each env's commands in order, as tox would, without virtualenvs or
 * installs; envs are independent, so up to {@code jobs} run at once (tox 4's {@code -p}); results
 * come back in the order asked. {@link #runTox} runs {@code tox -e ENVS} itself and splits its
 * output by env and command.
 */
public final class Linter {

  private final CommandRunner runner;
  private final LintListener listener;
  private final int jobs;

  /**
   * @param jobs how many envs may run at once (1 runs them one after another)
   */
  public Linter(CommandRunner runner, LintListener listener, int jobs) {
    this.runner = runner;
    this.listener = listener;
    this.jobs = Math.max(1, jobs);
  }

  /** Runs each env's commands with the runner. */
  public LintResult run(ToxConfig config, List<ToxEnv> envs) throws InterruptedException {
    long start = System.nanoTime();
    List<EnvResult> results = new ArrayList<>();
    if (jobs == 1 || envs.size() == 1) {
      for (ToxEnv env : envs) {
        results.add(runEnv(config, env));
      }
    } else {
      ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, envs.size()), r -> {
        Thread thread = new Thread(r, "lint-env");
        thread.setDaemon(true);
        return thread;
      });
      try {
        List<Future<EnvResult>> futures = new ArrayList<>();
        for (ToxEnv env : envs) {
          futures.add(pool.submit(() -> runEnv(config, env)));
        }
        for (Future<EnvResult> future : futures) {
          try {
            results.add(future.get());
          } catch (ExecutionException e) {
            pool.shutdownNow();
            if (e.getCause() instanceof RuntimeException runtime) {
              throw runtime;
            }
            throw new IllegalStateException(e.getCause());
          }
        }
      } finally {
        pool.shutdownNow();
      }
    }
    return new LintResult(config.root(), runner.where(), results, Duration.ofNanos(System.nanoTime() - start));
  }

  private EnvResult runEnv(ToxConfig config, ToxEnv env) throws InterruptedException {
    listener.envStarted(env.name(), env.commands().stream().map(ToxCommand::display).toList());
    long start = System.nanoTime();
    List<CommandResult> commands = new ArrayList<>();
    boolean passed = true;
    Map<String, String> environment = new LinkedHashMap<>(env.setenv());
    environment.put("TOX_ENV_NAME", env.name());
    for (ToxCommand command : env.commands()) {
      CommandRunner.Outcome outcome = runner.run(
          new CommandRunner.Request(env.name(), command.argv(), env.changedir(), environment, false));
      OutputParser parser = OutputParsers.forCommand(command.argv(), config.flake8());
      ParsedOutput parsed = parser.parse(outcome.stdout(), outcome.stderr(),
          runner.paths(config.root(), env.changedir()));
      CommandResult result = new CommandResult(command.argv(), parser.tool(), outcome.exitCode(),
          command.ignoreExitCode(), outcome.duration(), parsed.findings(), parsed.unrecognised(),
          outcome.stdout() + outcome.stderr());
      commands.add(result);
      if (!result.findings().isEmpty() && !command.ignoreExitCode()) {
        passed = false;
      }
      if (result.failed()) {
        passed = false;
        if (!env.ignoreErrors()) {
          break;
        }
      }
    }
    EnvResult result = new EnvResult(env.name(), passed, Duration.ofNanos(System.nanoTime() - start), commands);
    listener.envFinished(result);
    return result;
  }

  // ---- tox itself ----

  private static final Pattern TOX3_COMMAND = Pattern.compile("^(\\S+) run-test: commands\\[(\\d+)\\] \\| (.*)$");
  private static final Pattern TOX4_COMMAND = Pattern.compile("^(\\S+): commands\\[(\\d+)\\]> (.*)$");
  private static final Pattern TOX3_LINE = Pattern.compile(
      "^\\S+ (create|recreate|reusing|installdeps|inst|inst-nodeps|develop-inst|develop-inst-nodeps|installed|"
          + "run-test-pre|run-test-post|run-test|commands_pre|commands_post|finish|skipped|getenv|sdist-make|"
          + "provision|package):.*$|^\\S+ (create|finish|skipped).*$");
  private static final Pattern TOX4_LINE = Pattern.compile("^\\S+: (\\w[\\w-]*> .*|exit -?\\d+ \\(.*|OK .*|FAIL .*|SKIP .*)$");
  private static final Pattern TOX4_EXIT = Pattern.compile("^(\\S+): exit (-?\\d+) \\(");
  private static final Pattern TOX3_EXIT = Pattern.compile("^ERROR: InvocationError for command .*\\(exited with code (-?\\d+)\\)$");
  private static final Pattern NOT_FOUND = Pattern.compile("^ERROR: InvocationError for command could not find executable (\\S+)$"
      + "|^\\S+: failed with (\\S+) is not allowed.*$|^\\S+: (?:exit 2 \\(.*\\) .*)?could not find executable (\\S+)$");
  private static final Pattern SUMMARY_HEADER = Pattern.compile("^_+ summary _+$");
  private static final Pattern SUMMARY_LINE = Pattern.compile("^(?:ERROR: )?\\s+(\\S+): (commands succeeded|commands failed|OK|FAIL)\\b.*$");
  // tox 3 warns before each command that it drops a variable the image or agent set (PYTHONPATH)
  private static final Pattern TOX_NOISE = Pattern.compile("^\\s*(congratulations :\\)|evaluation failed :\\(.*)$"
      + "|^WARNING: Discarding \\$\\w+ from environment, to override specify \\w+ in 'passenv' .*$");

  /** Runs {@code tox -e ENV,...} in the project directory and reads its output. */
  public LintResult runTox(ToxConfig config, List<ToxEnv> envs) throws InterruptedException {
    String names = String.join(",", envs.stream().map(ToxEnv::name).toList());
    for (ToxEnv env : envs) {
      listener.envStarted(env.name(), List.of("tox -e " + names));
    }
    List<String> argv = List.of("tox", "-e", names);
    CommandRunner.Outcome outcome = runner.run(new CommandRunner.Request(names, argv, config.root(), Map.of(), true));
    Map<String, List<Section>> sections = new LinkedHashMap<>();
    envs.forEach(e -> sections.put(e.name(), new ArrayList<>()));
    Map<String, Boolean> summary = new LinkedHashMap<>();
    List<String> toxLines = new ArrayList<>();
    Section current = null;
    boolean inSummary = false;
    for (String line : Lines.of(outcome.stdout())) {
      Matcher tox3 = TOX3_COMMAND.matcher(line);
      Matcher tox4 = TOX4_COMMAND.matcher(line);
      Matcher command = tox3.matches() ? tox3 : tox4.matches() ? tox4 : null;
      if (command != null && sections.containsKey(command.group(1))) {
        List<String> words;
        try {
          words = Words.splitPlain(command.group(3));
        } catch (IllegalArgumentException e) {
          words = List.of(command.group(3));
        }
        current = new Section(command.group(1), words, new StringBuilder(), new int[] {0});
        sections.get(command.group(1)).add(current);
        continue;
      }
      Matcher notFound = NOT_FOUND.matcher(line);
      if (notFound.matches()) {
        String program = notFound.group(1) != null ? notFound.group(1) : notFound.group(2) != null ? notFound.group(2) : notFound.group(3);
        throw new ToolNotInstalledException(OutputParsers.baseName(program),
            "tox could not find executable " + program + " (" + line.strip() + ")");
      }
      Matcher exit3 = TOX3_EXIT.matcher(line);
      Matcher exit4 = TOX4_EXIT.matcher(line);
      if (exit3.matches() && current != null) {
        current.exitCode[0] = Integer.parseInt(exit3.group(1));
        continue;
      }
      if (exit4.find() && current != null && current.env.equals(exit4.group(1))) {
        current.exitCode[0] = Integer.parseInt(exit4.group(2));
        continue;
      }
      if (SUMMARY_HEADER.matcher(line).matches()) {
        inSummary = true;
        current = null;
        continue;
      }
      Matcher summaryLine = SUMMARY_LINE.matcher(line);
      if (summaryLine.matches() && sections.containsKey(summaryLine.group(1))) {
        summary.put(summaryLine.group(1), summaryLine.group(2).equals("commands succeeded") || summaryLine.group(2).equals("OK"));
        continue;
      }
      if (TOX3_LINE.matcher(line).matches() || TOX4_LINE.matcher(line).matches() || TOX_NOISE.matcher(line).matches()) {
        continue;
      }
      if (current != null && !inSummary) {
        current.output.append(line).append('\n');
      } else if (!line.isBlank()) {
        toxLines.add(line);
      }
    }
    List<EnvResult> results = new ArrayList<>();
    for (ToxEnv env : envs) {
      List<CommandResult> commands = new ArrayList<>();
      for (Section section : sections.get(env.name())) {
        OutputParser parser = OutputParsers.forCommand(section.argv, config.flake8());
        ParsedOutput parsed = parser.parse(section.output.toString(), "", runner.paths(config.root(), env.changedir()));
        Optional<ToxCommand> declared = env.commands().stream().filter(c -> c.display().equals(Words.join(section.argv))).findFirst();
        checkModule(env, section, parser);
        commands.add(new CommandResult(section.argv, parser.tool(), section.exitCode[0],
            declared.map(ToxCommand::ignoreExitCode).orElse(false), outcome.duration(), parsed.findings(),
            parsed.unrecognised(), section.output.toString()));
      }
      boolean passed = summary.getOrDefault(env.name(), outcome.exitCode() == 0)
          && commands.stream().allMatch(c -> c.findings().isEmpty());
      if (commands.isEmpty()) {
        // tox failed before running a command of this env (creating the virtualenv, installing deps)
        commands.add(new CommandResult(argv, "tox", outcome.exitCode(), false, outcome.duration(), List.of(), toxLines,
            outcome.stdout()));
        passed = passed && outcome.exitCode() == 0;
      }
      EnvResult result = new EnvResult(env.name(), passed, outcome.duration(), commands);
      listener.envFinished(result);
      results.add(result);
    }
    return new LintResult(config.root(), runner.where() + ", through tox", results, outcome.duration());
  }

  private static void checkModule(ToxEnv env, Section section, OutputParser parser) {
    Matcher missing = Pattern.compile("(?m)^\\S*python[\\d.]*: No module named ([\\w.]+)\\s*$").matcher(section.output);
    int m = section.argv.indexOf("-m");
    if (section.exitCode[0] != 0 && missing.find() && m >= 0 && m + 1 < section.argv.size()
        && section.argv.get(m + 1).startsWith(missing.group(1))) {
      throw new ToolNotInstalledException(section.argv.get(m + 1),
          "env " + env.name() + " runs '" + Words.join(section.argv) + "' under tox and its Python has no module "
              + section.argv.get(m + 1));
    }
  }

  private record Section(String env, List<String> argv, StringBuilder output, int[] exitCode) {}

}
