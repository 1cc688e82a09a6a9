package io.modelpipe.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.image.ContainerRunner;
import io.modelpipe.image.testing.DockerEngineFixture;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code bin/modelpipe} as a supervisor sees it: a SIGTERM to the script's PID alone, in the run
 * that records a command's class-data layer (where java is the script's child, not exec'd), reaches
 * the JVM, whose shutdown removes the container; the script ends with java's status.
 *
 * <p>The script runs in a copy of the project's layout ({@code bin/modelpipe},
 * {@code core/target/modelpipe.jar}) whose jar is made here from the compiled classes and the test
 * class path (the shaded jar does not exist before {@code package}); the script makes its start-up
 * archive from that jar as it does after every build.
 */
public class LauncherSignalTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void sigtermToTheScriptAloneReachesTheJvmThatRemovesItsContainer() throws Exception {
    DockerEngineFixture engine = DockerEngineFixture.get();
    engine.ensureBusybox();
    Path project = layout();
    Map<String, String> running = Map.of(ContainerRunner.LABEL, "true");
    int before = engine.client().listContainersCmd().withShowAll(true).withLabelFilter(running).exec().size();

    ProcessBuilder builder = new ProcessBuilder(project.resolve("bin/modelpipe").toString(), "run-image",
        "--docker-host", engine.dockerHost(), DockerEngineFixture.BUSYBOX, "--", "sleep", "300");
    builder.environment().keySet().removeIf(key -> key.startsWith("MODELPIPE_") || key.startsWith("DOCKER_"));
    builder.environment().put("HOME", temp.newFolder("home").toString());
    File err = temp.newFile("stderr");
    builder.redirectOutput(temp.newFile("stdout")).redirectError(err);
    Process script = builder.start();
    List<ProcessHandle> jvms = List.of();
    try {
      // until the command's container runs: the script first makes its start-up archive, 14 training
      // runs of at most 60 s each (seconds on a quiet machine, minutes on a loaded one); the bound
      // only keeps a hang from lasting forever
      long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
      while (engine.client().listContainersCmd().withLabelFilter(running).exec().size() <= before) {
        assertTrue("no container started:\n" + Files.readString(err.toPath()), script.isAlive() && System.nanoTime() < deadline);
        Thread.sleep(250);
      }
      jvms = script.descendants().filter(p -> p.info().command().map(c -> c.endsWith("/java")).orElse(false))
          .toList();
      assertEquals("java runs as the script's child in the run that records the layer", 1, jvms.size());
      ProcessHandle jvm = jvms.get(0);

      script.destroy(); // SIGTERM to the script's PID only, as `kill PID` or a supervisor sends it

      assertTrue("the script waits for java", script.waitFor(2, TimeUnit.MINUTES));
      assertFalse("the JVM is gone", jvm.isAlive());
      assertEquals("java's status: ended by SIGTERM\n" + Files.readString(err.toPath()), 143, script.exitValue());
      assertEquals("the shutdown removed the container", before,
          engine.client().listContainersCmd().withShowAll(true).withLabelFilter(running).exec().size());
      assertFalse("no layer kept from a failed run", Files.exists(project.resolve("core/target/cds/run-image.jsa")));
    } finally {
      script.descendants().forEach(ProcessHandle::destroyForcibly);
      jvms.forEach(ProcessHandle::destroyForcibly); // an orphan, when the signal did not reach it
      script.destroyForcibly();
    }
  }

  /** {@code bin/modelpipe} and a runnable {@code core/target/modelpipe.jar} in a temporary project. */
  private Path layout() throws IOException {
    Path project = temp.newFolder("project").toPath();
    Path bin = Files.createDirectories(project.resolve("bin"));
    Files.copy(Path.of("..", "bin", "modelpipe"), bin.resolve("modelpipe"), StandardCopyOption.COPY_ATTRIBUTES);
    Path target = Files.createDirectories(project.resolve("core/target"));
    Path lib = Files.createDirectories(target.resolve("lib"));
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, Main.class.getName());
    List<String> classPath = new ArrayList<>();
    Path classes = null;
    int i = 0;
    for (String entry : System.getProperty("java.class.path").split(File.pathSeparator)) {
      Path path = Path.of(entry).toAbsolutePath();
      if (Files.isDirectory(path) && path.endsWith(Path.of("target", "classes"))) {
        classes = path;
      } else if (entry.endsWith(".jar") && Files.isRegularFile(path)) {
        String name = String.format("%03d-%s", i++, path.getFileName());
        Files.createSymbolicLink(lib.resolve(name), path);
        classPath.add("lib/" + name);
      }
    }
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", classPath));
    assertTrue("target/classes on the test class path", classes != null);
    try (OutputStream file = Files.newOutputStream(target.resolve("modelpipe.jar"));
        JarOutputStream jar = new JarOutputStream(file, manifest);
        Stream<Path> files = Files.walk(classes)) {
      for (Path path : files.filter(Files::isRegularFile).sorted().toList()) {
        jar.putNextEntry(new JarEntry(classes.relativize(path).toString().replace(File.separatorChar, '/')));
        Files.copy(path, jar);
        jar.closeEntry();
      }
    }
    return project;
  }
}
