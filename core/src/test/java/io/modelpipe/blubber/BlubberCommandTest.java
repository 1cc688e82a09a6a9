package io.modelpipe.blubber;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code modelpipe blubber}, run through {@link Main#run} as users run it. */
public class BlubberCommandTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(String... args) {
    return Main.run(args, new PrintWriter(out), new PrintWriter(err));
  }

  private static final String OUTLINK = "src/test/resources/blubber/outlink.yaml";

  @Test
  public void listsVariantsOnePerLine() {
    assertEquals(0, run("blubber", "--list", OUTLINK));
    assertEquals("build\nproduction\ntest\n", out.toString().replace(System.lineSeparator(), "\n"));
    assertEquals("", err.toString());
  }

  @Test
  public void printsTheDockerfileOfAVariant() throws IOException {
    assertEquals(0, run("blubber", OUTLINK, "production"));
    String expected = Files.readString(Paths.get("src/test/resources/blubber/outlink.production.Dockerfile"), StandardCharsets.UTF_8)
        .replace("blubber.version=\"test\"", "blubber.version=\"" + CompileOptions.defaults().compilerVersion() + "\"");
    assertEquals(expected, out.toString());
    assertEquals("", err.toString());
  }

  @Test
  public void frontendOptionOverridesThePinnedSemantics() {
    assertEquals(0, run("blubber", "--frontend", "v0.24.0", OUTLINK, "build"));
    assertTrue(out.toString().contains("RUN python3 \"-m\" \"venv\" \"/opt/lib/venv\""));
    assertEquals(2, run("blubber", "--frontend", "newest", OUTLINK, "build"));
    assertTrue(err.toString(), err.toString().contains("--frontend needs a version such as v0.15.0, not 'newest'"));
  }

  @Test
  public void warningsGoToStandardError() {
    assertEquals(0, run("blubber", "src/test/resources/blubber/builders.yaml", "build"));
    assertTrue(out.toString().startsWith("FROM docker-registry.wikimedia.org/nodejs20-slim AS build"));
    assertTrue(err.toString(), err.toString().startsWith(
        "warning: src/test/resources/blubber/builders.yaml:31:15: variants.build.builders[1].custom.requirements[0]: the exception"));
  }

  @Test
  public void invalidFilesExitWithTwoAndEveryDiagnostic() throws IOException {
    Path file = temp.newFile("blubber.yaml").toPath();
    Files.writeString(file, "version: v4\nvariants:\n  test:\n    copies: [tset]\n    bogus: 1\n");
    assertEquals(2, run("blubber", file.toString(), "test"));
    assertEquals(String.join("\n",
            file + ":4:14: variants.test.copies[0]: unknown variant 'tset'; known variants: test",
            file + ":5:5: variants.test.bogus: unknown key 'bogus'",
            "2 errors", ""),
        err.toString().replace(System.lineSeparator(), "\n"));
    assertEquals("", out.toString());
  }

  @Test
  public void unknownVariantExitsWithTwo() {
    assertEquals(2, run("blubber", OUTLINK, "prod"));
    assertTrue(err.toString(), err.toString().contains(
        "outlink.yaml:10:1: variants: unknown variant 'prod'; known variants: build, production, test"));
  }

  @Test
  public void missingVariantIsAUsageError() {
    assertEquals(2, run("blubber", OUTLINK));
    assertTrue(err.toString(), err.toString().contains("Missing required parameter: 'VARIANT' (or use --list)"));
  }

  @Test
  public void helpStatesTheBlubberVersionsFollowed() {
    assertEquals(0, run("blubber", "--help"));
    String help = out.toString().replaceAll("\\s+", " "); // the help wraps to the terminal's width
    assertTrue(help, help.contains("Usage: modelpipe blubber"));
    assertTrue(help, help.contains("before v0.23.0"));
    assertTrue(help, help.contains("/opt/lib/venv"));
    assertTrue(help, help.contains("Blubber v1.8"));
  }
}
