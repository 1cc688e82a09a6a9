package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.github.dockerjava.api.model.Container;
import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.image.testing.DockerEngineFixture;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.ServerSocket;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import io.modelpipe.testing.FileTrees;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The example services of {@code examples/inference-services}, built on the local bookworm image
 * (base map) offline (pip without an index), and run: production serves KServe's readiness
 * endpoint, the test variant lints and tests. Images are built once per JVM and shared.
 */
public class ExampleServicesTest {

  static final Path EXAMPLES = Path.of("..", "examples", "inference-services").toAbsolutePath().normalize();
  static final List<String> SERVICES = List.of("outlink", "revertrisk", "articlequality");

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static DockerEngine engine;
  private static final Map<String, String> BUILT = new LinkedHashMap<>();

  @BeforeClass
  public static void engine() {
    DockerEngineFixture fixture = DockerEngineFixture.get();
    fixture.ensureBookworm();
    engine = DockerEngine.connect(fixture.dockerHost()).ping();
  }

  @AfterClass
  public static void close() {
    if (engine != null) {
      engine.close();
    }
  }

  static ImageBuildOptions options() {
    return ImageBuildOptions.builder()
        .baseImages(BaseImageMap.parse(List.of(DockerEngineFixture.EXAMPLES_BASE + "=" + DockerEngineFixture.BOOKWORM)))
        .pipSettings(ImageBuildOptions.PIP_OFFLINE)
        .networkMode(DockerEngineFixture.NETWORK_MODE)
        .build();
  }

  /** Builds a variant of a service in {@code repository} (once per JVM for the examples themselves). */
  static synchronized String build(Path repository, String service, String variant) {
    String key = repository + "#" + service + "#" + variant;
    String id = BUILT.get(key);
    if (id == null) {
      BlubberFile file = BlubberReader.read(repository.resolve(".pipeline/" + service + "/blubber.yaml"), service + "/blubber.yaml");
      long start = System.nanoTime();
      id = new ImageBuilder(engine).buildVariant(file, variant, BuildContext.scan(repository, repository, List.of()),
          CompileOptions.defaults(), options(), ProgressListener.SILENT).id();
      System.err.printf("built %s %s in %d s%n", service, variant, Duration.ofNanos(System.nanoTime() - start).toSeconds());
      BUILT.put(key, id);
    }
    return id;
  }

  @Test
  public void everyVariantOfEveryExampleBuilds() {
    List<String> built = new ArrayList<>();
    for (String service : SERVICES) {
      BlubberFile file = BlubberReader.read(EXAMPLES.resolve(".pipeline/" + service + "/blubber.yaml"), service);
      for (String variant : file.variantNames()) {
        String id = build(EXAMPLES, service, variant);
        assertTrue(id, id.startsWith("sha256:"));
        assertEquals(variant, engine.client().inspectImageCmd(id).exec().getConfig().getLabels().get("blubber.variant"));
        built.add(service + ":" + variant);
      }
    }
    assertEquals(9, built.size());
  }

  @Test
  public void productionImageAnswersKserveReadiness() throws Exception {
    String image = build(EXAMPLES, "outlink", "production");
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    List<String> output = new ArrayList<>();
    AtomicReference<Throwable> runFailure = new AtomicReference<>();
    Thread server = new Thread(() -> {
      try {
        new ContainerRunner(engine).run(image, RunOptions.builder()
            .env("PORT", Integer.toString(port))
            .networkMode("host")
            .timeout(Duration.ofMinutes(3))
            .build(), new ProgressListener() {
              @Override
              public void output(String line) {
                synchronized (output) {
                  output.add(line);
                }
              }
            });
      } catch (Throwable t) {
        runFailure.set(t);
      }
    }, "outlink-server");
    server.start();
    int status = -1;
    // as long as the run may last: a loaded machine starts the server late, and a dead one ends the wait
    long deadline = System.nanoTime() + Duration.ofMinutes(3).toNanos();
    while (System.nanoTime() < deadline && server.isAlive()) {
      try {
        HttpURLConnection connection = (HttpURLConnection) new URL("http://127.0.0.1:" + port + "/v1/models/outlink-topic-model").openConnection();
        connection.setConnectTimeout(1000);
        connection.setReadTimeout(2000);
        status = connection.getResponseCode();
        String body = new String(connection.getInputStream().readAllBytes());
        assertTrue(body, body.contains("\"ready\":true"));
        break;
      } catch (IOException notYet) {
        Thread.sleep(300);
      }
    }
    // Interrupting the run is how a cancelled stage ends: the container must go.
    server.interrupt();
    // a guard only: the run drains logs (10 s) and waits for the removal (20 s); a loaded engine takes longer
    server.join(Duration.ofMinutes(3).toMillis());
    synchronized (output) {
      assertEquals("readiness; server output: " + output, 200, status);
    }
    assertFalse(server.isAlive());
    List<Container> left = engine.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainerRunner.LABEL, "true")).exec();
    assertEquals("containers left: " + left, 0, left.stream().filter(c -> image.equals(c.getImageId())).count());
  }

  @Test
  public void testVariantPassesAndFailsOnALintViolation() throws IOException {
    String passing = build(EXAMPLES, "revertrisk", "test");
    List<String> output = new ArrayList<>();
    ContainerExit ok = new ContainerRunner(engine).run(passing,
        RunOptions.builder().networkMode("host").timeout(Duration.ofMinutes(5)).build(), new ProgressListener() {
          @Override
          public void output(String line) {
            output.add(line);
          }
        });
    assertEquals(String.join("\n", output), Optional.of(0), ok.exitCode());
    assertTrue(output.toString(), output.contains("  flake8: commands succeeded"));
    assertTrue(output.toString(), output.contains("  black: commands succeeded"));

    Path copy = copyOfExamples();
    Files.writeString(copy.resolve("revertrisk/model_server/model.py"),
        Files.readString(copy.resolve("revertrisk/model_server/model.py")) + "\nimport os\n");
    String failing = build(copy, "revertrisk", "test");
    List<String> failedOutput = new ArrayList<>();
    ContainerExit failed = new ContainerRunner(engine).run(failing,
        RunOptions.builder().networkMode("host").timeout(Duration.ofMinutes(5)).build(), new ProgressListener() {
          @Override
          public void output(String line) {
            failedOutput.add(line);
          }
        });
    assertFalse(failed.succeeded());
    assertTrue(String.join("\n", failedOutput), failedOutput.stream().anyMatch(l -> l.contains("F401") && l.contains("'os' imported but unused")));
    assertTrue(failedOutput.toString(), failedOutput.contains("ERROR:   flake8: commands failed"));
    engine.client().removeImageCmd(failing).withForce(true).exec();
  }

  private Path copyOfExamples() throws IOException {
    return FileTrees.copy(EXAMPLES, temp.newFolder("inference-services").toPath());
  }
}
