package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.config.Setup;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.testing.Corpus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * The corpus of invalid input under {@code invalid/}: every case is a directory with an
 * {@code expected.txt} holding every diagnostic its validation produces, one per line, in source
 * order, and must be rejected with exactly those.
 *
 * <ul>
 *   <li>{@code blubber-NAME/}: a {@code blubber.yaml} validated alone (read, every variant
 *       compiled); warnings count too.
 *   <li>{@code config-NAME/} and {@code repo-NAME/}: a tiny repository validated as
 *       {@code modelpipe validate} does.
 * </ul>
 */
@RunWith(Parameterized.class)
public class InvalidCorpusTest {

  private static final Setup SETUP = Setup.builder()
      .project("machinelearning/liftwing/inference-services")
      .commit("0123456789abcdef0123456789abcdef01234567")
      .branch("master")
      .timestamp("2026-01-02-030405")
      .build();

  private final Path caseDirectory;

  public InvalidCorpusTest(String name, Path caseDirectory) {
    this.caseDirectory = caseDirectory;
  }

  @Parameters(name = "{0}")
  public static Collection<Object[]> cases() throws IOException, URISyntaxException {
    return Corpus.cases("/invalid");
  }

  static List<String> diagnosticsOf(Path caseDirectory) {
    String name = caseDirectory.getFileName().toString();
    List<Diagnostic> diagnostics = new ArrayList<>();
    try {
      if (name.startsWith("blubber-")) {
        diagnostics.addAll(RepositoryValidator.validateBlubberFile(
            caseDirectory.resolve("blubber.yaml"), "blubber.yaml", CompileOptions.defaults()));
      } else {
        new RepositoryValidator(caseDirectory, SETUP, CompileOptions.defaults()).validate();
      }
    } catch (InvalidInputException e) {
      diagnostics.addAll(e.diagnostics());
    }
    return diagnostics.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct().map(Diagnostic::format).toList();
  }

  @Test
  public void producesExactlyTheExpectedDiagnostics() throws IOException {
    String name = caseDirectory.getFileName().toString();
    assertTrue("case " + name + " must start with blubber-, config- or repo-",
        name.startsWith("blubber-") || name.startsWith("config-") || name.startsWith("repo-"));
    List<String> expected = Files.readAllLines(caseDirectory.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .toList();
    assertTrue("expected.txt of " + name + " lists no diagnostic", !expected.isEmpty());
    assertEquals(String.join("\n", expected), String.join("\n", diagnosticsOf(caseDirectory)));
  }

  @Test
  public void corpusHasAtLeastFortyCases() throws Exception {
    assertTrue(cases().size() >= 40);
  }
}
