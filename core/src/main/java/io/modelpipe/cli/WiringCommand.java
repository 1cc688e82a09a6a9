package io.modelpipe.cli;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.git.GitFacts;
import io.modelpipe.pipeline.AffectedPipelines;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.wiring.Drift;
import io.modelpipe.wiring.IntegrationConfig;
import io.modelpipe.wiring.ProjectWiring;
import io.modelpipe.wiring.RepositoryTree;
import io.modelpipe.wiring.WiringCheck;
import io.modelpipe.wiring.WiringText;
import io.modelpipe.wiring.WiringWriter;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/** {@code modelpipe wiring}: the Jenkins Job Builder and Zuul entries a monorepo needs, printed, checked or written. */
@Command(
    name = "wiring",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints, checks or writes the entries integration/config needs for the pipelines of REPO/.pipeline/config.yaml: the JJB project block of jjb/project-pipelines.yaml, and in zuul/layout.yaml a files: filter per trigger job and the trigger jobs of the test, gate-and-submit and postmerge pipelines.",
      "",
      "The filters come from what `modelpipe affected` selects each pipeline on: a path matches (Python's re.match) exactly when a change to it affects the pipeline.",
      "",
      "Without --check or --write, prints --jjb and --zuul (both when neither is given) and --templates. --check DIR prints the drift of a checkout of integration/config, one line each, exit 1 when there is any; --write DIR edits its two files so that they match, leaving everything else byte for byte.",
    })
final class WiringCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand ModelpipeCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", defaultValue = ".",
      description = "Repository root (default: the current directory).")
  Path repo;

  @Option(names = "--name", required = true, paramLabel = "NAME",
      description = "The JJB project name: {name} of the jobs trigger-{name}-pipeline-{pipeline} and {name}-pipeline-{pipeline}.")
  String name;

  @Option(names = "--zuul-project", paramLabel = "PROJECT",
      description = "The Gerrit project of Zuul's projects: entry (default: the one whose jobs are {name}'s in the layout, else the git remote's path).")
  String zuulProject;

  @Option(names = "--jjb", description = "Print the JJB project block.")
  boolean jjb;

  @Option(names = "--zuul", description = "Print the Zuul jobs: entries with their files: filters, and the projects: entry.")
  boolean zuul;

  @Option(names = "--templates", description = "Print JJB job templates whose pipeline job runs modelpipeRun (the Jenkins plugin) instead of PipelineLib.")
  boolean templates;

  @Option(names = "--check", paramLabel = "DIR", description = "Report how a checkout of integration/config differs; exit 1 when it does.")
  Path check;

  @Option(names = "--write", paramLabel = "DIR", description = "Edit DIR's jjb/project-pipelines.yaml and zuul/layout.yaml so that --check passes.")
  Path write;

  @Option(names = "--json", description = "Print JSON instead of text.")
  boolean json;

  @Mixin SetupOptions setupOptions = new SetupOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Path root = CommandPaths.existingDirectory(repo);
    if (check != null && write != null) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile("--write"), "", "give --check or --write, not both"));
    }
    PipelineConfig config = PipelineConfigReader.read(root);
    Optional<IntegrationConfig> integration = Optional.ofNullable(check != null ? check : write)
        .map(IntegrationConfig::read);
    TriggerContext trigger = setupOptions.trigger(parent.environment());
    Setup setup = setupOptions.setup(root, trigger, Instant.now());
    Optional<String> project = Optional.ofNullable(zuulProject)
        .or(() -> integration.flatMap(i -> i.zuulProjectOf(name)))
        .or(() -> GitFacts.read(root).remoteUrl().map(Setup::projectFromRemote).filter(p -> !p.isEmpty()));
    ProjectWiring wiring = ProjectWiring.of(name, project, config, new AffectedPipelines(root, setup).inputs(config));
    if (integration.isPresent()) {
      integration.get().requireProject(name);
      RepositoryTree tree = RepositoryTree.of(root);
      if (write != null) {
        List<String> edited = WiringWriter.write(integration.get(), wiring, tree);
        IntegrationConfig after = IntegrationConfig.read(write);
        List<Drift> left = WiringCheck.check(after, wiring, tree);
        if (json) {
          out.print(WiringCheck.json(left, edited));
        } else {
          edited.forEach(file -> out.println("edited " + file));
          left.forEach(drift -> out.println("left: " + drift.text()));
          out.println(edited.isEmpty() ? "nothing to edit" : "edited " + edited.size() + " of 2 files");
        }
        out.flush();
        return left.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
      }
      List<Drift> drift = WiringCheck.check(integration.get(), wiring, tree);
      if (json) {
        out.print(WiringCheck.json(drift, List.of()));
      } else {
        drift.forEach(d -> out.println(d.text()));
        out.println(drift.isEmpty()
            ? "no drift: " + check + " runs every pipeline of " + name + " as modelpipe would"
            : drift.size() + (drift.size() == 1 ? " problem" : " problems") + " in " + check);
      }
      out.flush();
      return drift.isEmpty() ? ExitCodes.OK : ExitCodes.FAILED;
    }
    if (json) {
      out.print(WiringCheck.json(wiring));
      out.flush();
      return ExitCodes.OK;
    }
    boolean both = !jjb && !zuul && !templates;
    StringBuilder text = new StringBuilder();
    if (jjb || both) {
      text.append("# jjb/project-pipelines.yaml\n").append(WiringText.jjb(wiring));
    }
    if (zuul || both) {
      text.append(text.length() > 0 ? "\n" : "").append("# zuul/layout.yaml\n").append(WiringText.zuul(wiring));
    }
    if (templates) {
      text.append(text.length() > 0 ? "\n" : "").append(WiringText.templates());
    }
    out.print(text);
    out.flush();
    return ExitCodes.OK;
  }
}
