package io.modelpipe.blubber;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.testing.Corpus;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameters;

/**
 * The corpus of shapes real Blubber files have, under {@code shapes/}, and of the decoding rules in
 * README's "What modelpipe reads". Every case is a directory with one Blubber file ({@code *.yaml})
 * and a file {@code variant} naming the variant to compile, and either
 *
 * <ul>
 *   <li>{@code expected.Dockerfile}: the exact Dockerfile it compiles to (compiler version
 *       {@code test}), with {@code warnings.txt} holding the exact warnings (none when absent); or
 *   <li>{@code expected.txt}: the exact errors reading or compiling it gives, one per line.
 * </ul>
 */
@RunWith(Parameterized.class)
public class ShapesCorpusTest {

  private static final CompileOptions OPTIONS = CompileOptions.defaults().withCompilerVersion("test");

  private final Path caseDirectory;

  public ShapesCorpusTest(String name, Path caseDirectory) {
    this.caseDirectory = caseDirectory;
  }

  @Parameters(name = "{0}")
  public static Collection<Object[]> cases() throws IOException, URISyntaxException {
    return Corpus.cases("/shapes");
  }

  @Test
  public void compilesToExactlyTheExpectedDockerfileOrErrors() throws IOException {
    Path blubberFile;
    try (Stream<Path> files = Files.list(caseDirectory)) {
      List<Path> yaml = files.filter(f -> f.getFileName().toString().endsWith(".yaml")).toList();
      assertEquals("one Blubber file per case", 1, yaml.size());
      blubberFile = yaml.get(0);
    }
    String name = blubberFile.getFileName().toString();
    String variant = read("variant").strip();
    Path expectedErrors = caseDirectory.resolve("expected.txt");
    CompiledDockerfile compiled;
    try {
      compiled = DockerfileCompiler.compile(BlubberReader.read(blubberFile, name), variant, OPTIONS);
    } catch (InvalidInputException e) {
      assertTrue("unexpected errors:\n" + e.getMessage(), Files.exists(expectedErrors));
      assertEquals(read("expected.txt"), lines(e.diagnostics()));
      return;
    }
    if (Files.exists(expectedErrors)) {
      fail("expected errors, but it compiled:\n" + compiled.text());
    }
    assertEquals(read("expected.Dockerfile"), compiled.text());
    String warnings = Files.exists(caseDirectory.resolve("warnings.txt")) ? read("warnings.txt") : "";
    assertEquals(warnings, lines(compiled.warnings()));
  }

  private String read(String file) throws IOException {
    return Files.readString(caseDirectory.resolve(file), StandardCharsets.UTF_8);
  }

  private static String lines(List<Diagnostic> diagnostics) {
    StringBuilder text = new StringBuilder();
    diagnostics.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct()
        .forEach(d -> text.append(d.format()).append('\n'));
    return text.toString();
  }
}
