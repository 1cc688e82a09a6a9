package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.github.dockerjava.api.exception.NotFoundException;
import io.modelpipe.image.testing.DockerEngineFixture;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Builds and runs on a real engine with the tiny busybox image. */
public class EngineBuildAndRunTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static DockerEngineFixture fixture;
  private static DockerEngine engine;

  @BeforeClass
  public static void engine() {
    fixture = DockerEngineFixture.get();
    fixture.ensureBusybox();
    engine = DockerEngine.connect(fixture.dockerHost()).ping();
  }

  @AfterClass
  public static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  private static final class Recorder implements ProgressListener {
    final List<String> steps = new ArrayList<>();
    final List<String> lines = new ArrayList<>();

    @Override
    public void step(int number, int total, String instruction) {
      steps.add(number + "/" + total + " " + instruction);
    }

    @Override
    public void output(String line) {
      lines.add(line);
    }
  }

  private BuildContext context(Map<String, String> files) throws IOException {
    Path root = temp.newFolder().toPath();
    for (Map.Entry<String, String> file : files.entrySet()) {
      Path path = root.resolve(file.getKey());
      Files.createDirectories(path.getParent());
      Files.writeString(path, file.getValue());
    }
    return BuildContext.scan(root, root, List.of());
  }

  @Test
  public void buildsWithLabelsBuildArgsAndTargetAndKeepsTheDockerfileOutOfTheImage() throws IOException {
    Recorder progress = new Recorder();
    String tag = "local/modelpipe-test-build:" + System.nanoTime();
    BuiltImage image = new ImageBuilder(engine).build(
        "FROM base AS first\nARG GREETING\nRUN echo \"greeting=$GREETING\"\nCOPY . /ctx\nFROM first AS second\nRUN echo never-built\n",
        Optional.of("first"),
        context(Map.of("hello.txt", "hello\n", ".dockerignore", "secret.txt\n", "secret.txt", "s")),
        ImageBuildOptions.builder()
            .baseImages(BaseImageMap.parse(List.of("base=" + DockerEngineFixture.BUSYBOX)))
            .buildArg("GREETING", "bonjour")
            .labels(ImageLabels.builder().project("modelpipe/test").pipeline("unit").build())
            .tag(tag)
            .build(),
        progress);
    assertTrue(image.id(), image.id().matches("sha256:[0-9a-f]{64}"));
    assertTrue(progress.steps.get(0), progress.steps.get(0).matches("1/\\d+ FROM " + DockerEngineFixture.BUSYBOX + " AS first"));
    assertTrue(progress.lines.toString(), progress.lines.contains("greeting=bonjour"));
    assertFalse("target stops the build", progress.lines.contains("never-built"));
    var inspect = fixture.client().inspectImageCmd(tag).exec();
    assertEquals(image.id(), inspect.getId());
    assertEquals("modelpipe/test", inspect.getConfig().getLabels().get("ci.project"));
    assertEquals("unit", inspect.getConfig().getLabels().get("ci.pipeline"));

    Recorder run = new Recorder();
    ContainerExit listing = new ContainerRunner(engine).run(image.id(), RunOptions.builder().arguments(List.of("ls", "-a", "/ctx")).build(), run);
    assertEquals(Optional.of(0), listing.exitCode());
    assertEquals(List.of(".", "..", ".dockerignore", "hello.txt"), run.lines);
    fixture.client().removeImageCmd(tag).withForce(true).exec();
  }

  @Test
  public void aFailingRunNamesTheInstructionAndShowsItsOutput() throws IOException {
    Recorder progress = new Recorder();
    ImageBuildException e = assertThrows(ImageBuildException.class, () -> new ImageBuilder(engine).build(
        "FROM " + DockerEngineFixture.BUSYBOX + "\nRUN echo fine\nRUN echo about to fail && echo on stderr >&2 && exit 3\nRUN echo unreachable\n",
        Optional.empty(), context(Map.of("a", "a")), ImageBuildOptions.defaults(), progress));
    assertEquals(Optional.of("Step 3/4 : RUN echo about to fail && echo on stderr >&2 && exit 3"), e.failedStep());
    assertTrue(e.getMessage(), e.getMessage().contains("Step 3/4 : RUN echo about to fail"));
    assertTrue(e.getMessage(), e.getMessage().contains("returned a non-zero code: 3"));
    // standard output and error reach the builder's stream in no fixed order
    assertEquals(List.of("about to fail", "on stderr"), e.output().stream().sorted().toList());
    // no intermediate container is left behind
    assertEquals(0, fixture.client().listContainersCmd().withShowAll(true).withStatusFilter(List.of("created", "exited")).exec().stream()
        .filter(c -> c.getImage() != null && c.getImage().startsWith("sha256")).count());
  }

  @Test
  public void runReturnsTheExitStatusOutputAndEnvironmentAndRemovesTheContainer() {
    Recorder output = new Recorder();
    ContainerExit result = new ContainerRunner(engine).run(DockerEngineFixture.BUSYBOX, RunOptions.builder()
        .arguments(List.of("sh", "-c", "echo \"$GREETING $1\"; echo to-stderr >&2; exit 4", "sh", "world"))
        .env("GREETING", "hello")
        .build(), output);
    assertEquals(Optional.of(4), result.exitCode());
    assertFalse(result.succeeded());
    assertTrue(result.removed());
    // the two streams interleave in no fixed order
    assertEquals(List.of("hello world", "to-stderr"), output.lines.stream().sorted().toList());
    assertThrows(NotFoundException.class, () -> fixture.client().inspectContainerCmd(result.containerId()).exec());
  }

  @Test
  public void aTimeoutKillsAndRemovesTheContainer() {
    ContainerExit result = new ContainerRunner(engine).run(DockerEngineFixture.BUSYBOX,
        RunOptions.builder().arguments(List.of("sleep", "300")).timeout(Duration.ofSeconds(2)).build(), ProgressListener.SILENT);
    assertTrue(result.timedOut());
    assertEquals("killed, not waited out", Optional.empty(), result.exitCode());
    assertThrows(NotFoundException.class, () -> fixture.client().inspectContainerCmd(result.containerId()).exec());
  }

  @Test
  public void keepLeavesTheContainerForInspection() {
    ContainerExit result = new ContainerRunner(engine).run(DockerEngineFixture.BUSYBOX,
        RunOptions.builder().arguments(List.of("true")).keepContainer(true).build(), ProgressListener.SILENT);
    assertTrue(result.succeeded());
    assertFalse(result.removed());
    assertEquals(Long.valueOf(0), fixture.client().inspectContainerCmd(result.containerId()).exec().getState().getExitCodeLong());
    fixture.client().removeContainerCmd(result.containerId()).exec();
  }

  @Test
  public void anUnknownImageIsARunFailureNotAnOutage() {
    assertThrows(ContainerRunException.class, () -> new ContainerRunner(engine).run("local/does-not-exist:1", RunOptions.defaults(), ProgressListener.SILENT));
  }
}
