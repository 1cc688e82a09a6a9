package io.modelpipe.cli;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import picocli.CommandLine.Command;
import picocli.CommandLine.HelpCommand;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * The top-level {@code modelpipe} command: only groups the subcommands, which {@link Main}
 * registers from {@link #SUBCOMMANDS} (not through {@code @Command(subcommands)}).
 */
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
    })
public final class ModelpipeCommand implements Runnable {

  /**
   * Every subcommand, in the order {@code modelpipe --help} lists them: a new subcommand is one
   * more line here. {@link Main} builds the model of only the invoked one (picocli's model of a
   * command costs reflection over all its options and loads the classes its fields name), and of
   * all of them for the help, for a name it does not know (to suggest one) and for picocli's
   * {@code help} subcommand, which comes last.
   */
  static final List<Class<?>> SUBCOMMANDS = List.of(
      ValidateCommand.class,
      BlubberCommand.class,
      PlanCommand.class,
      AffectedCommand.class,
      WiringCommand.class,
      LintCommand.class,
      GerritCommand.class,
      BuildCommand.class,
      RunImageCommand.class,
      PublishCommand.class,
      RunCommand.class,
      HelpCommand.class);

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
