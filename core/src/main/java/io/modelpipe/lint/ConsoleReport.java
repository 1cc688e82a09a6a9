package io.modelpipe.lint;

import io.modelpipe.Durations;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The console summary: findings grouped by file, then one line per env and a total. */
public final class ConsoleReport {

  private ConsoleReport() {}

  public static void write(LintResult result, PrintWriter out) {
    for (Map.Entry<String, List<Finding>> file : result.findingsByFile().entrySet()) {
      out.println(file.getKey().isEmpty() ? "(no file)" : file.getKey());
      for (Finding finding : file.getValue()) {
        String where = finding.line() == 0 ? "-" : finding.line() + (finding.column() > 0 ? ":" + finding.column() : "");
        out.printf("  %-8s %-6s %s [%s]%n", where, finding.code(), finding.message(), finding.tool());
      }
    }
    for (EnvResult env : result.envs()) {
      for (CommandResult command : env.commands()) {
        if (!command.unrecognised().isEmpty() && (command.failed() || !command.findings().isEmpty() || !env.passed())) {
          out.println(env.name() + ": output of '" + Words.join(command.argv()) + "' modelpipe does not recognise:");
          command.unrecognised().forEach(line -> out.println("  | " + line));
        }
      }
    }
    for (EnvResult env : result.envs()) {
      out.printf("%-12s %s (%s)%n", env.name(), env.passed() ? "ok" : "FAILED: " + env.failure(), seconds(env.duration().toMillis()));
    }
    int findings = result.findings().size();
    long files = result.findingsByFile().size();
    out.println(result.passed()
        ? "lint passed: " + result.envs().size() + (result.envs().size() == 1 ? " env" : " envs") + ", no findings"
        : "lint failed: " + findings + (findings == 1 ? " finding" : " findings") + " in " + files
            + (files == 1 ? " file" : " files"));
  }

  static String seconds(long millis) {
    return Durations.formatMillis(millis);
  }
}
