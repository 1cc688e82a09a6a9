package io.modelpipe.cli;

import io.modelpipe.ServiceUnavailableException;
import io.modelpipe.image.ContainerRunException;
import io.modelpipe.image.ImageBuildException;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of {@code bin/modelpipe}. */
public final class Main {

  private Main() {}

  public static void main(String[] args) {
    System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
  }

  /** Runs the command line with the given streams and the process environment; returns the exit code. */
  public static int run(String[] args, PrintWriter out, PrintWriter err) {
    return run(args, out, err, System.getenv());
  }

  /**
   * Runs the command line with the given streams and environment (Zuul's and Gerrit Trigger's
   * variables, {@code MODELPIPE_*} settings); returns the exit code. Tests pass their own environment.
   */
  public static int run(String[] args, PrintWriter out, PrintWriter err, Map<String, String> environment) {
    CommandLine commandLine = commandLine(args, environment);
    commandLine.setOut(out);
    commandLine.setErr(err);
    commandLine.setCaseInsensitiveEnumValuesAllowed(true);
    commandLine.setUsageHelpWidth(100);
    Failures failures = new Failures(err, environment.get("MODELPIPE_DEBUG") != null);
    commandLine.setExitCodeExceptionMapper(failures);
    commandLine.setParameterExceptionHandler(failures);
    commandLine.setExecutionExceptionHandler(failures);
    int code = commandLine.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * The command line for {@code args}: when {@code args[0]} names a subcommand, only that one is
   * registered, so picocli builds one subcommand's model instead of all of them; for {@code
   * --version} alone, none; otherwise (no arguments, an option first, {@code help}, a mistyped
   * name) all are, for the help and for picocli's suggestions. {@link #run} applies its settings
   * after this, so they reach what is registered.
   */
  static CommandLine commandLine(String[] args, Map<String, String> environment) {
    CommandLine commandLine = new CommandLine(new ModelpipeCommand(environment));
    String first = args.length == 0 ? "" : args[0];
    Class<?> invoked = subcommandNamed(first);
    if (invoked != null) {
      commandLine.addSubcommand(invoked);
    } else if (!(args.length == 1 && (first.equals("--version") || first.equals("-V")))) {
      for (Class<?> subcommand : ModelpipeCommand.SUBCOMMANDS) {
        commandLine.addSubcommand(subcommand); // a loop: a method reference would link picocli (see Failures)
      }
    }
    return commandLine;
  }

  /**
   * The subcommand class whose {@code @Command} name or alias is {@code name}, or null; never
   * picocli's {@code help}, which needs the others.
   */
  private static Class<?> subcommandNamed(String name) {
    for (Class<?> subcommand : ModelpipeCommand.SUBCOMMANDS) {
      if (subcommand == CommandLine.HelpCommand.class) {
        continue;
      }
      Command command = subcommand.getAnnotation(Command.class);
      if (command.name().equals(name) || Arrays.asList(command.aliases()).contains(name)) {
        return subcommand;
      }
    }
    return null;
  }

  /**
   * How failures end a run: exit codes, the message of invalid arguments, reports of exceptions.
   * A class, not lambdas: picocli's classes are Java 5 class files, which the start-up archive
   * (class-data sharing) can hold only if nothing links them while it is made, and a lambda
   * implementing one of picocli's interfaces does; {@code picocli.CommandLine} alone then costs a
   * short command tens of milliseconds to load and verify.
   */
  private static final class Failures implements CommandLine.IExitCodeExceptionMapper,
      CommandLine.IParameterExceptionHandler, CommandLine.IExecutionExceptionHandler {
    private final PrintWriter err;
    private final boolean debug;

    Failures(PrintWriter err, boolean debug) {
      this.err = err;
      this.debug = debug;
    }

    @Override
    public int getExitCode(Throwable exception) {
      return exitCodeOf(exception);
    }

    @Override
    public int handleParseException(CommandLine.ParameterException ex, String[] args) {
      err.println("modelpipe: " + ex.getMessage());
      CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
      err.println("Try 'modelpipe " + commandNameOf(ex.getCommandLine()) + "--help' for usage.");
      return ExitCodes.INVALID_INPUT;
    }

    @Override
    public int handleExecutionException(Exception ex, CommandLine commandLine, CommandLine.ParseResult parseResult) {
      report(ex, err, debug);
      return exitCodeOf(ex);
    }
  }

  private static String commandNameOf(CommandLine commandLine) {
    String qualified = commandLine.getCommandSpec().qualifiedName(" ");
    String name = qualified.startsWith("modelpipe") ? qualified.substring("modelpipe".length()).trim() : qualified;
    return name.isEmpty() ? "" : name + " ";
  }

  static int exitCodeOf(Throwable error) {
    if (error instanceof InvalidInputException) {
      return ExitCodes.INVALID_INPUT;
    }
    if (error instanceof ServiceUnavailableException) {
      return ExitCodes.SERVICE_UNAVAILABLE;
    }
    if (error instanceof ImageBuildException || error instanceof ContainerRunException) {
      return ExitCodes.FAILED;
    }
    return ExitCodes.FAILED;
  }

  private static void report(Exception ex, PrintWriter err, boolean debug) {
    if (ex instanceof InvalidInputException invalid) {
      for (Diagnostic diagnostic : invalid.diagnostics()) {
        err.println(diagnostic.format());
      }
      err.println(invalid.diagnostics().size() == 1 ? "1 error" : invalid.diagnostics().size() + " errors");
      return;
    }
    err.println("modelpipe: " + (ex.getMessage() == null ? ex.toString() : ex.getMessage()));
    if (debug) {
      ex.printStackTrace(err);
    }
  }
}
