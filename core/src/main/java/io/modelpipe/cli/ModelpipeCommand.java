package io.modelpipe.cli;

import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** The top-level {@code modelpipe} command: only groups the subcommands. */
@Command(
    name = "modelpipe",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "CI for monorepos of machine-learning inference services: reads Wikimedia PipelineLib's .pipeline/config.yaml and Blubber v4 files, checks, builds, runs and publishes images.",
    },
    footerHeading = "%nExit codes:%n",
    footer = {
      "  0  success",
      "  1  a check or stage failed",
      "  2  invalid input or configuration (nothing was built or pushed)",
      "  3  a service (Docker, registry, Gerrit) is unavailable",
    },
    subcommands = {
      ValidateCommand.class,
      BlubberCommand.class,
      PlanCommand.class,
      AffectedCommand.class,
      LintCommand.class,
      GerritCommand.class,
      BuildCommand.class,
      RunImageCommand.class,
      PublishCommand.class,
      RunCommand.class,
      picocli.CommandLine.HelpCommand.class,
    })
public final class ModelpipeCommand implements Runnable {

  @Spec CommandSpec spec;

  private final Map<String, String> environment;

  public ModelpipeCommand() {
    this(System.getenv());
  }

  /** @param environment the environment the subcommands read (trigger variables, settings) */
  public ModelpipeCommand(Map<String, String> environment) {
    this.environment = Map.copyOf(Objects.requireNonNull(environment, "environment"));
  }

  /** The environment the subcommands read; the only place the process environment enters. */
  Map<String, String> environment() {
    return environment;
  }

  /** The environment of the command line a (sub)command belongs to. */
  static Map<String, String> environmentOf(CommandSpec command) {
    return ((ModelpipeCommand) command.root().userObject()).environment();
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
