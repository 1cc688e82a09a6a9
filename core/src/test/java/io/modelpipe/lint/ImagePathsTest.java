package io.modelpipe.lint;

import static org.junit.Assert.assertEquals;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import java.nio.file.Path;
import org.junit.Test;

/** Paths inside the examples' outlink test image, mapped back to the monorepo through its real Blubber file. */
public class ImagePathsTest {

  private static final Path REPO = Path.of("..", "examples", "inference-services").toAbsolutePath().normalize();

  private static ImagePaths outlinkTest() {
    BlubberFile file = BlubberReader.read(REPO.resolve(".pipeline/outlink/blubber.yaml"), ".pipeline/outlink/blubber.yaml");
    return ImagePaths.of(REPO, REPO, file.variant("test"));
  }

  @Test
  public void flake8AndBlackPathsInTheTestImageAreRepositoryPaths() {
    ImagePaths paths = outlinkTest();
    ToolPaths tools = paths.toolPaths();
    // flake8 runs in lives.in (/srv/app) and prints ./outlink/...; black prints absolute paths
    assertEquals("outlink/model_server/model.py", paths.toRepository(tools.relative("./outlink/model_server/model.py")));
    assertEquals("outlink/model_server/model.py", paths.toRepository(tools.relative("/srv/app/outlink/model_server/model.py")));
    assertEquals("python/kserve_lite/server.py", paths.toRepository(tools.relative("python/kserve_lite/server.py")));
    assertEquals("tox.ini", paths.toRepository(tools.relative("/srv/app/tox.ini")));
  }

  @Test
  public void pathsNoCopyExplainsStayAsTheImageHasThem() {
    ImagePaths paths = outlinkTest();
    assertEquals("/usr/lib/python3/dist-packages/x.py", paths.toRepository("usr/lib/python3/dist-packages/x.py"));
    assertEquals("/srv/app/generated.py", paths.toRepository(paths.toolPaths().relative("generated.py")));
  }

  @Test
  public void aCopyToAnotherNameMapsBack() {
    BlubberFile file = BlubberReader.parse("b.yaml", String.join("\n",
        "version: v4",
        "base: local/bookworm:latest",
        "lives:",
        "  in: /app",
        "variants:",
        "  test:",
        "    copies:",
        "      - from: local",
        "        source: outlink/model_server",
        "        destination: service",
        "      - from: local",
        "        source: tox.ini",
        "        destination: ./",
        ""));
    ImagePaths paths = ImagePaths.of(REPO, REPO, file.variant("test"));
    assertEquals("outlink/model_server/model.py", paths.toRepository(paths.toolPaths().relative("./service/model.py")));
    assertEquals("tox.ini", paths.toRepository(paths.toolPaths().relative("tox.ini")));
  }
}
