package io.modelpipe.cli;

import io.modelpipe.config.Setup;
import io.modelpipe.config.SetupEnvironment;
import io.modelpipe.git.GitFacts;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags that set {@code ${setup.*}} values, shared by every command that reads a config.
 * Precedence: flag, then the trigger environment (Zuul's {@code ZUUL_*}, Gerrit Trigger's
 * {@code GERRIT_*}), then the working copy's git (remote, HEAD, branch), then the directory name
 * and the current time.
 */
final class SetupOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--project", paramLabel = "P",
      description = "Project for $${setup.project}, e.g. machinelearning/liftwing/inference-services.")
  String project;

  @Option(names = "--commit", paramLabel = "C", description = "Commit under test.")
  String commit;

  @Option(names = "--branch", paramLabel = "B", description = "Branch.")
  String branch;

  @Option(names = "--tag", paramLabel = "T", description = "Git tag being built (a name or refs/tags/NAME); empty for none.")
  String tag;

  @Option(names = "--timestamp", paramLabel = "T", description = "Run timestamp, UTC yyyy-MM-dd-HHmmss (default: now).")
  String timestamp;

  /** The setup values for a repository, from these flags, the environment and git. */
  Setup resolve(Path repoRoot, Map<String, String> environment, Instant now) {
    if (timestamp != null && !Setup.isTimestamp(timestamp)) {
      throw new ParameterException(mixee.commandLine(),
          "--timestamp '" + timestamp + "' is not of the form yyyy-MM-dd-HHmmss");
    }
    String directoryName = repoRoot.getFileName() == null ? "" : repoRoot.getFileName().toString();
    Supplier<SetupEnvironment.Defaults> defaults = () -> {
      GitFacts git = GitFacts.read(repoRoot);
      return new SetupEnvironment.Defaults(
          git.remoteUrl().map(Setup::projectFromRemote).filter(p -> !p.isEmpty()).orElse(directoryName),
          git.commit().orElse(""),
          git.branch().orElse(""));
    };
    return SetupEnvironment.resolve(
        new SetupEnvironment.Overrides(project, commit, branch, tag, timestamp), environment, defaults, now);
  }
}
