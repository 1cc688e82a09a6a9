package io.modelpipe.cli;

import io.modelpipe.config.Setup;
import io.modelpipe.git.GitFacts;
import io.modelpipe.trigger.SetupResolver;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.trigger.TriggerFlags;
import io.modelpipe.trigger.TriggerReader;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Supplier;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The flags that describe a run's trigger and set {@code ${setup.*}} values, shared by every command
 * that reads a config. Precedence: flag, then the trigger environment (Zuul's {@code ZUUL_*}, Gerrit
 * Trigger's {@code GERRIT_*}), then the working copy's git (remote, HEAD, branch), then the directory
 * name and the current time.
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

  @Option(names = "--event", paramLabel = "KIND",
      description = "Kind of event, over the environment's: patch-set, gate, post-merge, tag (needs a tag) or manual."
          + " With it, only kind: publish contexts decide.")
  String event;

  @Option(names = "--change", paramLabel = "N", description = "Gerrit change number.")
  String change;

  @Option(names = "--patchset", paramLabel = "N", description = "Patch set number of the change.")
  String patchSet;

  /** The trigger context from these flags and the environment. */
  TriggerContext trigger(Map<String, String> environment) {
    return TriggerReader.read(new TriggerFlags(project, commit, branch, tag, event, change, patchSet), environment);
  }

  /** The setup values for a repository, from a trigger context (flags and environment) and git. */
  Setup setup(Path repoRoot, TriggerContext trigger, Instant now) {
    return setup(repoRoot, trigger, now, () -> GitFacts.read(repoRoot));
  }

  /** As {@link #setup(Path, TriggerContext, Instant)}, with git's facts from {@code git} when needed. */
  Setup setup(Path repoRoot, TriggerContext trigger, Instant now, Supplier<GitFacts> git) {
    if (timestamp != null && !Setup.isTimestamp(timestamp)) {
      throw new ParameterException(mixee.commandLine(),
          "--timestamp '" + timestamp + "' is not of the form yyyy-MM-dd-HHmmss");
    }
    String directoryName = repoRoot.getFileName() == null ? "" : repoRoot.getFileName().toString();
    Supplier<SetupResolver.Defaults> defaults = () -> {
      GitFacts facts = git.get();
      java.util.Optional<String> remote = facts.remoteUrl().filter(Setup::remoteNamesProject);
      return new SetupResolver.Defaults(
          facts.remoteUrl().map(Setup::projectFromRemote).filter(p -> !p.isEmpty()).orElse(directoryName),
          facts.commit().orElse(""),
          facts.branch().orElse(""),
          remote.isPresent());
    };
    return SetupResolver.resolve(trigger, timestamp, defaults, now);
  }

  /** The setup values for a repository, from these flags, the environment and git. */
  Setup resolve(Path repoRoot, Map<String, String> environment, Instant now) {
    return setup(repoRoot, trigger(environment), now);
  }

  /** As {@link #resolve(Path, Map, Instant)}, with git's facts from {@code git} when needed. */
  Setup resolve(Path repoRoot, Map<String, String> environment, Instant now, Supplier<GitFacts> git) {
    return setup(repoRoot, trigger(environment), now, git);
  }
}
