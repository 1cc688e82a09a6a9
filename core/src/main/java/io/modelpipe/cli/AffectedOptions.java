package io.modelpipe.cli;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.Setup;
import io.modelpipe.git.GitException;
import io.modelpipe.pipeline.AffectedPipelines;
import io.modelpipe.pipeline.AffectedSelection;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.trigger.TriggerReader;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.nio.file.Path;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code --affected [--since REV]}: limits a command that runs pipelines to those the change under
 * test affects. The change is the working tree against {@code REV}, else the trigger's commit
 * against its parent ({@code HEAD} without a trigger).
 */
final class AffectedOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--affected",
      description = "Only the pipelines the change affects: the trigger's commit (ZUUL_COMMIT, GERRIT_PATCHSET_REVISION, --commit; else HEAD) against its parent, or the working tree against --since REV.")
  boolean affected;

  @Option(names = "--since", paramLabel = "REV",
      description = "With --affected: the change is the working tree (uncommitted and untracked files included) against REV, e.g. origin/main.")
  String since;

  /**
   * The pipelines the change affects, with the reasons; empty without {@code --affected}.
   *
   * @throws ParameterException for {@code --since} without {@code --affected}
   * @throws InvalidInputException (exit 2) when REV names no commit, the trigger's commit is not in
   *     the repository, the repository is not in git, or a Blubber file is invalid
   */
  Optional<AffectedSelection> select(Path repoRoot, PipelineConfig config, TriggerContext trigger, Setup setup) {
    if (!affected) {
      if (since != null) {
        throw new ParameterException(mixee.commandLine(), "--since needs --affected");
      }
      return Optional.empty();
    }
    return Optional.of(select(repoRoot, config, trigger, setup, since, since != null ? "--since" : "--affected"));
  }

  /**
   * The pipelines the change affects: the working tree against {@code since} when given, else the
   * trigger's change.
   *
   * @param flag the option problems are reported under, e.g. {@code --since}; empty for none
   * @throws InvalidInputException for everything git cannot answer, and invalid Blubber files
   */
  static AffectedSelection select(
      Path repoRoot, PipelineConfig config, TriggerContext trigger, Setup setup, String since, String flag) {
    AffectedPipelines pipelines = new AffectedPipelines(repoRoot, setup);
    try {
      return since != null ? pipelines.sinceRevision(config, since) : pipelines.ofTrigger(config, trigger);
    } catch (GitException e) {
      throw new InvalidInputException(new Diagnostic(TriggerReader.COMMAND_LINE, flag, e.getMessage()));
    }
  }
}
