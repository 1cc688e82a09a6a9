package io.modelpipe.blubber;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * Runs every {@code invalid/blubber-*} case: a directory with a {@code blubber.yaml} and an
 * {@code expected.txt} holding every diagnostic that validating it produces, in source order.
 * Validating means reading the file and compiling each of its variants; warnings count too.
 */
@RunWith(Parameterized.class)
public class BlubberInvalidCorpusTest {

  private final Path caseDirectory;

  public BlubberInvalidCorpusTest(String name, Path caseDirectory) {
    this.caseDirectory = caseDirectory;
  }

  @Parameters(name = "{0}")
  public static Collection<Object[]> cases() throws IOException, URISyntaxException {
    Path corpus = Paths.get(BlubberInvalidCorpusTest.class.getResource("/invalid").toURI());
    List<Object[]> cases = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(corpus)) {
      dirs.filter(d -> d.getFileName().toString().startsWith("blubber-"))
          .sorted()
          .forEach(d -> cases.add(new Object[] {d.getFileName().toString(), d}));
    }
    return cases;
  }

  /** Every diagnostic of reading the file and compiling all its variants, in source order. */
  static List<String> validate(Path blubberYaml) {
    List<Diagnostic> diagnostics = new ArrayList<>();
    try {
      BlubberFile file = BlubberReader.read(blubberYaml, "blubber.yaml");
      for (String variant : file.variantNames()) {
        try {
          diagnostics.addAll(DockerfileCompiler.compile(file, variant).warnings());
        } catch (InvalidInputException e) {
          diagnostics.addAll(e.diagnostics());
        }
      }
    } catch (InvalidInputException e) {
      diagnostics.addAll(e.diagnostics());
    }
    return diagnostics.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct().map(Diagnostic::format).toList();
  }

  @Test
  public void producesExactlyTheExpectedDiagnostics() throws IOException {
    List<String> expected = Files.readAllLines(caseDirectory.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .toList();
    assertTrue("expected.txt of " + caseDirectory.getFileName() + " lists no diagnostic", !expected.isEmpty());
    assertEquals(String.join("\n", expected), String.join("\n", validate(caseDirectory.resolve("blubber.yaml"))));
  }

  @Test
  public void corpusHasAtLeastTwentyCases() throws Exception {
    assertTrue(cases().size() >= 20);
  }
}
