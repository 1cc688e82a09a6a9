package io.modelpipe.blubber;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.Test;

/** Path normalisation, ignore patterns and versions, which the compiler's output depends on. */
public class SupportTest {

  @Test
  public void pathsCleanAsGoDoes() {
    assertEquals("a/c", VariantPaths.clean("a/./b/../c/"));
    assertEquals("../x", VariantPaths.clean("a/../../x"));
    assertEquals("/", VariantPaths.clean("/../.."));
    assertEquals(".", VariantPaths.clean(""));
    assertTrue(VariantPaths.escapesContext("../../etc"));
    assertTrue(VariantPaths.escapesContext("a/../../b"));
    assertFalse(VariantPaths.escapesContext("a/../b"));
    assertFalse(VariantPaths.escapesContext("..foo"));
  }

  @Test
  public void requirementDestinationsFollowBlubber() {
    Artifact nested = Artifact.local("model/requirements.txt");
    assertEquals("model/requirements.txt", nested.normalizedSource());
    assertEquals("model/", nested.normalizedDestination());
    assertEquals("model/requirements.txt", nested.effectiveDestination());
    Artifact top = Artifact.local("requirements.txt");
    assertEquals("./", top.normalizedDestination());
    assertEquals("requirements.txt", top.effectiveDestination());
    Artifact renamed = new Artifact("local", Optional.of("conf/prod.txt"), Optional.of("reqs/"), List.of());
    assertEquals("reqs/prod.txt", renamed.effectiveDestination());
    assertEquals(List.of(
            new Artifact("build", Optional.of("/srv/app"), Optional.of("/srv/app"), List.of()),
            new Artifact("build", Optional.of("/opt/lib"), Optional.of("/opt/lib"), List.of())),
        new Artifact("build", Optional.empty(), Optional.empty(), List.of()).expand("/srv/app"));
  }

  @Test
  public void ignorePatternsFollowDocker() {
    DockerIgnore ignore = DockerIgnore.parse("# comment\n*.md\n!README.md\n**/__pycache__\nbuild/\ndata/*.bin\n");
    assertTrue(ignore.ignores("CHANGES.md"));
    assertFalse("a single star does not cross directories", ignore.ignores("docs/CHANGES.md"));
    assertFalse("the exception comes later and wins", ignore.ignores("README.md"));
    assertTrue(ignore.ignores("a/b/__pycache__/x.pyc"));
    assertTrue(ignore.ignores("__pycache__"));
    assertTrue("a matched directory ignores what is inside", ignore.ignores("build/lib/x.so"));
    assertTrue(ignore.ignores("data/model.bin"));
    assertFalse(ignore.ignores("data/sub/model.bin"));
    assertFalse(ignore.ignores("src/app.py"));
    assertEquals(List.of("*.md", "!README.md", "**/__pycache__", "build", "data/*.bin"), ignore.patterns());
  }

  @Test
  public void versionsParseAndCompare() {
    assertEquals(Optional.of(new BlubberVersion(0, 21, 1)), BlubberVersion.parse("v0.21.1"));
    assertEquals(Optional.of(new BlubberVersion(1, 4, 0)), BlubberVersion.parse("1.4"));
    assertEquals(Optional.of(new BlubberVersion(1, 0, 0)), BlubberVersion.parse("v1.0.0-rc1"));
    assertEquals(Optional.empty(), BlubberVersion.parse("latest"));
    assertTrue(new BlubberVersion(0, 22, 9).isBefore(BlubberVersion.PYTHON_VENV));
    assertFalse(BlubberVersion.PYTHON_VENV.isBefore(new BlubberVersion(0, 23, 0)));
    assertTrue(new BlubberVersion(0, 9, 0).isBefore(new BlubberVersion(0, 10, 0)));
    assertEquals("v0.23.0", BlubberVersion.PYTHON_VENV.toString());
  }

  @Test
  public void aptProxyConfigurationLines() {
    assertEquals("Acquire::http::Proxy \"http://proxy:8080\";", new AptProxy("http://proxy:8080", Optional.empty()).configuration());
    assertEquals("Acquire::https::Proxy::security.debian.org \"http://proxy:8080\";",
        new AptProxy("http://proxy:8080", Optional.of("https://security.debian.org/")).configuration());
  }
}
