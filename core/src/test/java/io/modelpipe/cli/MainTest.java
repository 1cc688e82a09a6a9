package io.modelpipe.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top level: which subcommands are registered for a run, the help, and suggestions. */
public class MainTest {

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Result(code, out.toString(), err.toString());
  }

  private static List<String> registered(String... args) {
    return new ArrayList<>(Main.commandLine(args, Map.of()).getSubcommands().keySet());
  }

  private static List<String> allNames() {
    List<String> names = new ArrayList<>();
    for (Class<?> subcommand : ModelpipeCommand.SUBCOMMANDS) {
      Command command = subcommand.getAnnotation(Command.class);
      assertNotNull(subcommand + " has no @Command", command);
      names.add(command.name());
    }
    return names;
  }

  @Test
  public void anInvokedSubcommandIsTheOnlyOneRegistered() {
    assertEquals(List.of("validate"), registered("validate", "."));
    assertEquals(List.of("publish"), registered("publish", "--help"));
    assertEquals(List.of("gerrit"), registered("gerrit", "comment", "--dry-run"));
    assertEquals(List.of(), registered("--version"));
  }

  @Test
  public void everySubcommandIsRegisteredForHelpAndUnknownNames() {
    List<String> all = allNames();
    assertEquals(all, registered());
    assertEquals(all, registered("--help"));
    assertEquals(all, registered("help", "publish"));
    assertEquals(all, registered("valdate"));
    assertEquals(all, registered("--version", "validate"));
    assertEquals("help is last: picocli's help subcommand lists the others", "help", all.get(all.size() - 1));
  }

  @Test
  public void helpListsEverySubcommandInOrder() {
    Result result = run("--help");
    assertEquals(0, result.code());
    int at = result.out().indexOf("Commands:");
    assertTrue(result.out(), at > 0);
    for (String name : allNames()) {
      int next = result.out().indexOf("\n  " + name + " ", at);
      assertTrue(name + " missing or out of order:\n" + result.out(), next > at);
      at = next;
    }
  }

  @Test
  public void aMistypedSubcommandGetsSuggestionsAndExitsTwo() {
    Result result = run("valdate", ".");
    assertEquals(2, result.code());
    assertTrue(result.err(), result.err().contains("Did you mean: modelpipe validate"));
    assertTrue(result.err(), result.err().contains("Try 'modelpipe --help' for usage."));
  }

  @Test
  public void helpOfOneSubcommandAndVersionWork() {
    Result help = run("help", "publish");
    assertEquals(0, help.code());
    assertTrue(help.out(), help.out().startsWith("Usage: modelpipe publish "));
    Result own = run("lint", "--help");
    assertEquals(0, own.code());
    assertTrue(own.out(), own.out().startsWith("Usage: modelpipe lint "));
    Result version = run("--version");
    assertEquals(0, version.code());
    assertTrue(version.out(), version.out().startsWith("modelpipe "));
  }

  @Test
  public void settingsReachTheRegisteredSubcommand() {
    // Applied by Main.run after registration: an unknown option of a subcommand is exit 2 with
    // the subcommand's own usage hint, through Main's parameter exception handler.
    Result result = run("validate", "--no-such-option");
    assertEquals(2, result.code());
    assertTrue(result.err(), result.err().contains("Try 'modelpipe validate --help' for usage."));
    CommandLine commandLine = Main.commandLine(new String[] {"validate"}, Map.of());
    assertNotNull(commandLine.getSubcommands().get("validate"));
  }
}
