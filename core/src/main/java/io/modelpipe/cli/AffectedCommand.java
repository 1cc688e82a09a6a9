package io.modelpipe.cli;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.pipeline.AffectedRenderer;
import io.modelpipe.pipeline.AffectedSelection;
import io.modelpipe.pipeline.ReadablePipelines;
import io.modelpipe.trigger.TriggerContext;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code modelpipe affected}: which pipelines a change affects, and why. */
@Command(
    name = "affected",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints the pipelines of REPO/.pipeline/config.yaml that a change affects, one line per changed file that affects each, saying what it matched: the pipeline's entry of the config, a Blubber file a stage builds from, the build context or pipeline directory (when not the repository root), or a file the build copies or installs requirements from (in the variant, the variants it includes and those it copies from, less exclude and .dockerignore).",
      "",
      "The change is the working tree against --since REV (uncommitted and untracked files included, ignored files not); without --since, the trigger's commit (ZUUL_COMMIT, GERRIT_PATCHSET_REVISION, --commit; else HEAD) against its first parent. Exit 0 also when no pipeline is affected; 2 for a bad revision or a directory outside git.",
    })
final class AffectedCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand ModelpipeCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", defaultValue = ".",
      description = "Repository root (default: the current directory).")
  Path repo;

  @Option(names = "--since", paramLabel = "REV",
      description = "Compare the working tree with REV, e.g. origin/main or HEAD.")
  String since;

  @Option(names = "--json", description = "Print a JSON document instead of text.")
  boolean json;

  @Mixin SetupOptions setupOptions = new SetupOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path root = CommandPaths.existingDirectory(repo);
    ReadablePipelines readable = ReadablePipelines.of(root);
    PipelineConfig config = readable.config();
    TriggerContext trigger = setupOptions.trigger(parent.environment());
    Setup setup = setupOptions.setup(root, trigger, Instant.now());
    AffectedSelection selection =
        AffectedOptions.select(root, config, trigger, setup, since, since != null ? "--since" : "");
    readable.check(selection).forEach(w -> spec.commandLine().getErr().println("warning: " + w.format()));
    out.print(json ? AffectedRenderer.json(selection) : AffectedRenderer.text(selection));
    out.flush();
    return ExitCodes.OK;
  }
}
