package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.modelpipe.yaml.InvalidInputException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SourceDateTest {

  private static final Instant COMMIT = Instant.parse("2025-01-02T03:04:05Z");
  private static final Instant FILE = Instant.parse("2024-06-09T10:11:12Z");

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private BuildContext context() throws IOException {
    Path root = temp.getRoot().toPath();
    Files.writeString(root.resolve("app.py"), "print('hi')\n");
    Files.setLastModifiedTime(root.resolve("app.py"), FileTime.from(FILE));
    return BuildContext.scan(root, root, List.of());
  }

  @Test
  public void theVariableWinsThenTheCommitThenTheNewestFile() throws IOException {
    BuildContext context = context();
    assertEquals(Instant.ofEpochSecond(1717927872),
        SourceDate.resolve(Map.of("SOURCE_DATE_EPOCH", "1717927872"), "build", () -> Optional.of(COMMIT), context));
    assertEquals(COMMIT, SourceDate.resolve(Map.of(), "build", () -> Optional.of(COMMIT), context));
    assertEquals("empty counts as unset", COMMIT,
        SourceDate.resolve(Map.of("SOURCE_DATE_EPOCH", ""), "build", () -> Optional.of(COMMIT), context));
    assertEquals(FILE, SourceDate.resolve(Map.of(), "build", Optional::empty, context));
  }

  @Test
  public void anEmptyContextOutsideGitGivesTheEpoch() {
    Path root = temp.getRoot().toPath();
    assertEquals(Instant.EPOCH, SourceDate.resolve(Map.of(), "build", Optional::empty, BuildContext.scan(root, root, List.of())));
  }

  @Test
  public void aMalformedVariableIsInvalidInput() {
    for (String text : List.of("yesterday", "-5", "1.5", " 17", "2024-06-09T10:11:12Z")) {
      InvalidInputException e = assertThrows(text, InvalidInputException.class,
          () -> SourceDate.fromEnvironment(Map.of("SOURCE_DATE_EPOCH", text), "run"));
      String message = e.diagnostics().get(0).toString();
      assertTrue(message, message.contains("SOURCE_DATE_EPOCH"));
      assertTrue(message, message.contains("found '" + text + "'"));
    }
  }
}
