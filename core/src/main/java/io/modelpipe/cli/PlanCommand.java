package io.modelpipe.cli;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.pipeline.Plan;
import io.modelpipe.pipeline.PlanRenderer;
import io.modelpipe.pipeline.Planner;
import io.modelpipe.trigger.PublishGate;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code modelpipe plan}: what each pipeline would do, without doing it. */
@Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows what the pipelines of REPO/.pipeline/config.yaml would do, without building anything: stages in execution order, variants, build contexts, what runs, image names and tags, and whether each publish step would publish in this trigger context, and why. Setup values come from the options, else the environment (Zuul's ZUUL_*, Gerrit Trigger's GERRIT_*), else the working copy's git, else the directory name and the current time.",
      "",
      "Publish steps run only in publish contexts: by default Zuul pipelines gate-and-submit*, postmerge, post and publish; Gerrit Trigger events change-merged and ref-updated; refs/tags/*; and --event gate, post-merge or tag. --publish-contexts or MODELPIPE_PUBLISH_CONTEXTS replace the list.",
    })
final class PlanCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand ModelpipeCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", defaultValue = ".",
      description = "Repository root (default: the current directory).")
  Path repo;

  @Option(names = "--pipeline", paramLabel = "P", description = "Plan only this pipeline; repeatable.")
  List<String> pipelines = new ArrayList<>();

  @Option(names = "--json", description = "Print a JSON document instead of text.")
  boolean json;

  @Mixin SetupOptions setupOptions = new SetupOptions();

  @Option(names = PublishGate.FLAG, paramLabel = "LIST",
      description = "Where publish steps run (default: the environment's " + PublishGate.VARIABLE + ", else "
          + PublishGate.DEFAULT_SPEC + "). Entries: zuul:GLOB (Zuul pipeline), gerrit:TYPE "
          + "(Gerrit event type), ref:GLOB, kind:KIND (with --event or no trigger variables); 'none' publishes nowhere.")
  String publishContexts;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path root = repo.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      err.println("modelpipe plan: '" + repo + "' is not a directory");
      return ExitCodes.INVALID_INPUT;
    }
    PipelineConfig config = PipelineConfigReader.read(root, pipelines);
    List<String> unknown = pipelines.stream().filter(p -> config.pipeline(p).isEmpty()).distinct().toList();
    if (!unknown.isEmpty()) {
      for (String name : unknown) {
        err.println("modelpipe plan: unknown pipeline '" + name + "'; " + PipelineConfigReader.CONFIG_FILE
            + " defines: " + String.join(", ", config.names()));
      }
      return ExitCodes.INVALID_INPUT;
    }
    // Both read before either fails, so that one run reports every bad flag and variable.
    List<Diagnostic> problems = new ArrayList<>();
    TriggerContext trigger = InvalidInputException.collect(problems, () -> setupOptions.trigger(parent.environment()));
    PublishGate gate = InvalidInputException.collect(problems, () -> PublishGate.resolve(publishContexts, parent.environment()));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    Setup setup = setupOptions.setup(root, trigger, Instant.now());
    Plan plan = new Planner(setup, trigger, gate).plan(config, pipelines);
    plan.warnings().forEach(w -> err.println("warning: " + w.format()));
    out.print(json ? PlanRenderer.json(plan) : PlanRenderer.text(plan));
    out.flush();
    return ExitCodes.OK;
  }
}
