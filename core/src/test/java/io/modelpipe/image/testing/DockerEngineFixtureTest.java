package io.modelpipe.image.testing;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.WaitContainerResultCallback;
import java.util.Optional;
import org.junit.Test;

public class DockerEngineFixtureTest {

  @Test
  public void engineAnswersAndRunsBusybox() {
    DockerEngineFixture engine = DockerEngineFixture.get();
    assertTrue(engine.dockerHost(), engine.dockerHost().startsWith("unix://") || engine.dockerHost().startsWith("tcp://"));
    String image = engine.ensureBusybox();
    assertTrue(engine.imageExists(image));
    CreateContainerResponse container = engine.client().createContainerCmd(image).withCmd("sh", "-c", "exit 7").exec();
    try {
      engine.client().startContainerCmd(container.getId()).exec();
      int status = engine.client().waitContainerCmd(container.getId()).exec(new WaitContainerResultCallback()).awaitStatusCode();
      assertEquals(7, status);
    } finally {
      engine.client().removeContainerCmd(container.getId()).withForce(true).exec();
    }
  }

  @Test
  public void bookwormHasPython3() {
    DockerEngineFixture engine = DockerEngineFixture.get();
    String image = engine.ensureBookworm();
    CreateContainerResponse container = engine.client().createContainerCmd(image)
        .withCmd("python3", "-c", "import venv, sys; sys.exit(sys.version_info[:2] == (3, 11) and 5 or 6)").exec();
    try {
      engine.client().startContainerCmd(container.getId()).exec();
      assertEquals(5, engine.client().waitContainerCmd(container.getId()).exec(new WaitContainerResultCallback()).awaitStatusCode().intValue());
    } finally {
      engine.client().removeContainerCmd(container.getId()).withForce(true).exec();
    }
  }

  @Test
  public void mirrorFromDeb822AndOneLineSources() {
    assertEquals(Optional.of("http://deb.debian.org/debian"), DockerEngineFixture.mirrorIn(
        "Types: deb\nURIs: http://deb.debian.org/debian\nSuites: bookworm bookworm-updates\nComponents: main\n\n"
            + "Types: deb\nURIs: http://deb.debian.org/debian-security\nSuites: bookworm-security\n", true));
    assertEquals(Optional.empty(), DockerEngineFixture.mirrorIn("Types: deb\nURIs: http://x/debian-security\nSuites: bookworm-security\n", true));
    assertEquals(Optional.of("http://mirror.example/debian"),
        DockerEngineFixture.mirrorIn("# comment\ndeb [arch=amd64] http://mirror.example/debian bookworm main\n", false));
  }
}
