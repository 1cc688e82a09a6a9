package io.modelpipe.step;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Finding the engine jar the plugin copies to agents. */
public class EngineJarTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void classesFromADirectoryAreNoEngineJar() {
    // in the tests, Main comes from target/classes: nothing to copy
    assertEquals(Optional.empty(), EngineJar.location());
  }

  @Test
  public void aJarIsTheEngineOnlyWhenItsManifestRunsMain() throws Exception {
    assertTrue(EngineJar.isRunnable(jar("engine.jar", "io.modelpipe.cli.Main")));
    assertFalse(EngineJar.isRunnable(jar("other.jar", "org.example.Main")));
    assertFalse(EngineJar.isRunnable(jar("plain.jar", null)));
    assertFalse(EngineJar.isRunnable(temp.getRoot().toPath().resolve("missing.jar")));
  }

  @Test
  public void theCopyIsNamedWithTheVersion() {
    assertTrue(EngineJar.fileName(), EngineJar.fileName().matches("modelpipe-engine-[0-9][0-9A-Za-z.-]*\\.jar"));
    assertEquals("modelpipe-engine-" + EngineJar.version() + ".jar", EngineJar.fileName());
  }

  private Path jar(String name, String mainClass) throws Exception {
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    if (mainClass != null) {
      manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, mainClass);
    }
    Path jar = temp.getRoot().toPath().resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      // the manifest is all that is looked at
    }
    return jar;
  }
}
