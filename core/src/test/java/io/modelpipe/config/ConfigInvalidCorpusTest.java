package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * The invalid-config corpus: each {@code invalid/config-NAME/} is a tiny repository whose
 * {@code .pipeline/config.yaml} must be rejected with exactly the diagnostics of its
 * {@code expected.txt}, one per line, in source order. Blubber files are never read here.
 */
public class ConfigInvalidCorpusTest {

  private static final Path CORPUS = Path.of("src/test/resources/invalid");

  static List<Path> cases() throws IOException {
    try (Stream<Path> entries = Files.list(CORPUS)) {
      return entries.filter(Files::isDirectory)
          .filter(p -> p.getFileName().toString().startsWith("config-"))
          .sorted()
          .toList();
    }
  }

  static List<String> actual(Path repo) {
    try {
      PipelineConfigReader.read(repo);
      return List.of("(accepted: no diagnostics)");
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
  }

  static List<String> expected(Path repo) throws IOException {
    return Files.readAllLines(repo.resolve("expected.txt"), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.isBlank())
        .toList();
  }

  @Test
  public void everyCaseIsRejectedWithExactlyItsExpectedDiagnostics() throws IOException {
    List<String> failures = new ArrayList<>();
    for (Path repo : cases()) {
      List<String> expected = expected(repo);
      List<String> actual = actual(repo);
      if (!expected.equals(actual)) {
        failures.add(repo.getFileName() + "\n  expected:\n    " + String.join("\n    ", expected)
            + "\n  actual:\n    " + String.join("\n    ", actual));
      }
    }
    if (!failures.isEmpty()) {
      fail(failures.size() + " corpus case(s) differ:\n" + String.join("\n", failures));
    }
  }

  @Test
  public void theCorpusIsLargeAndEveryCaseHasExpectations() throws IOException {
    List<Path> cases = cases();
    assertTrue("only " + cases.size() + " cases", cases.size() >= 22);
    for (Path repo : cases) {
      assertTrue(repo + " has no expected.txt", Files.isRegularFile(repo.resolve("expected.txt")));
      assertTrue(repo + " expects nothing", !expected(repo).isEmpty());
      for (String line : expected(repo)) {
        assertTrue(repo + ": " + line, line.startsWith(PipelineConfigReader.CONFIG_FILE));
      }
    }
  }

  @Test
  public void expectationsAreInSourceOrder() throws IOException {
    for (Path repo : cases()) {
      List<String> expected = expected(repo);
      List<String> sorted = new ArrayList<>(expected);
      sorted.sort((a, b) -> Integer.compare(line(a), line(b)));
      assertEquals(repo.toString(), sorted, expected);
    }
  }

  private static int line(String diagnostic) {
    String[] parts = diagnostic.split(":");
    try {
      return Integer.parseInt(parts[1]);
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
