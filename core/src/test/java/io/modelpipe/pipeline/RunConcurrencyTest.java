package io.modelpipe.pipeline;

import static io.modelpipe.pipeline.RunTesting.lines;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.modelpipe.image.ContainerExit;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.RunOptions;
import io.modelpipe.image.ContainerRunner;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.image.testing.RegistryFixture;
import io.modelpipe.pipeline.RunTesting.Cli;
import io.modelpipe.result.ImageResult;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunResults;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Six pipelines of one repository at once on one real engine ({@code --jobs 6}), publishing to a
 * real registry: each image is its own pipeline's, no tag is shared, nothing is left behind; two
 * runs that publish the same tag with different content never both succeed; {@code --keep} keeps.
 * The images are tiny (busybox), so the tests take seconds.
 */
public class RunConcurrencyTest {

  private static final int PIPELINES = 6;
  private static final String TIMESTAMP = "2024-06-01-120000";

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static DockerEngineFixture engine;
  private static RegistryFixture registry;

  @BeforeClass
  public static void services() {
    engine = DockerEngineFixture.get();
    RunTesting.ensureBusyboxAccounts(engine);
    registry = RegistryFixture.start();
  }

  @AfterClass
  public static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  /** Pipelines svc1..svc6: each builds its own variant, runs it (it prints its content) and publishes it. */
  private Path sixServices(String folder, String contentSuffix) throws IOException {
    Map<String, String> files = new LinkedHashMap<>();
    List<String> config = new ArrayList<>(List.of("pipelines:"));
    List<String> blubber = new ArrayList<>(List.of(
        "version: v4",
        "base: " + RunTesting.BUSYBOX_ACCOUNTS,
        "lives:",
        "  in: /srv/app",
        "variants:"));
    for (int i = 1; i <= PIPELINES; i++) {
      String svc = "svc" + i;
      config.addAll(List.of(
          "  " + svc + ":",
          "    blubberfile: blubber.yaml",
          "    stages:",
          "      - name: check",
          "        build: " + svc,
          "        run: true",
          "        publish:",
          "          image:",
          "            name: demo-" + svc,
          "            tags: [stable]"));
      blubber.addAll(List.of(
          "  " + svc + ":",
          "    copies:",
          "      - from: local",
          "        source: " + svc,
          "        destination: " + svc,
          "    entrypoint: [cat, /srv/app/" + svc + "/content.txt]"));
      files.put(svc + "/content.txt", content(svc, contentSuffix) + "\n");
    }
    files.put(".pipeline/config.yaml", lines(config.toArray(String[]::new)));
    files.put(".pipeline/blubber.yaml", lines(blubber.toArray(String[]::new)));
    return RunTesting.writeTree(temp.newFolder(folder).toPath(), files);
  }

  private static String content(String svc, String suffix) {
    return "content of " + svc + suffix;
  }

  private Map<String, String> environment() {
    return RunTesting.engineEnvironment(engine);
  }

  @Test
  public void sixPipelinesAtOncePublishTheirOwnImagesAndLeaveNothingBehind() throws IOException {
    DockerClient docker = engine.client();
    Path repo = sixServices("repo", "");
    Path json = temp.getRoot().toPath().resolve("result.json");
    Cli cli = RunTesting.modelpipe(environment(), "run", repo.toString(), "--jobs", "6", "--json", json.toString(),
        "--log-dir", temp.getRoot().toPath().resolve("logs").toString(), "--project", "demo", "--timestamp", TIMESTAMP,
        "--event", "post-merge", "--registry", registry.address());
    assertEquals(cli.all(), 0, cli.code());

    // At once: every stage started before the first one finished.
    String err = cli.err();
    int firstFinished = err.indexOf("stage SUCCESS");
    for (int i = 1; i <= PIPELINES; i++) {
      int started = err.indexOf("[svc" + i + "/check] build: variant svc" + i);
      assertTrue("svc" + i + " started before the first stage ended:\n" + err, started >= 0 && started < firstFinished);
    }

    RunResult result = RunResults.read(json, json.toString());
    assertEquals(Status.SUCCESS, result.status());
    assertEquals(PIPELINES, result.pipelines().size());
    Set<String> imageIds = new HashSet<>();
    for (int i = 1; i <= PIPELINES; i++) {
      String svc = "svc" + i;
      StageResult stage = stageOf(result, svc, "check");
      assertEquals(Status.SUCCESS, stage.status());
      ImageResult image = stage.image().orElseThrow();
      assertTrue(image.published());
      imageIds.add(image.id());
      String name = registry.address() + "/demo-" + svc;
      assertEquals(List.of(name + ":" + TIMESTAMP + "-check", name + ":stable"), image.references());
      // The registry holds this pipeline's own image under both tags, and nothing else.
      assertEquals(List.of(TIMESTAMP + "-check", "stable"), RunTesting.registryTags(registry, "demo-" + svc));
      assertEquals(image.id(), RunTesting.registryImageId(registry, "demo-" + svc, TIMESTAMP + "-check"));
      assertEquals(image.digest().orElseThrow(), RunTesting.registryDigest(registry, "demo-" + svc, TIMESTAMP + "-check"));
      assertEquals(image.digest().orElseThrow(), RunTesting.registryDigest(registry, "demo-" + svc, "stable"));
      // Its container printed its own content.
      assertTrue(err, err.contains("[" + svc + "/check]   | " + content(svc, "") + "\n"));
      assertTrue(Files.readString(Path.of(stage.log().orElseThrow())).contains(content(svc, "")));
    }
    assertEquals("six distinct images", PIPELINES, imageIds.size());

    // Teardown: no container, no reference of the run, and the images themselves are gone.
    assertEquals(RunTesting.describe(RunTesting.modelpipeContainers(docker)), 0, RunTesting.modelpipeContainers(docker).size());
    String runId = cli.runId();
    assertEquals(Set.of(), RunTesting.referencesOfRun(docker, runId));
    assertTrue(RunTesting.imageReferences(docker).stream().noneMatch(r -> r.startsWith(registry.address() + "/")));
    for (String id : imageIds) {
      assertFalse(id + " was removed", engine.imageExists(id));
    }
  }

  @Test
  public void twoRunsPublishingOneTagWithDifferentContentNeverBothSucceed() throws Exception {
    // Same project, same --timestamp, same pipeline: both would publish svc1:TIMESTAMP-check.
    String timestamp = "2024-06-01-130000";
    List<Path> repos = List.of(sixServices("first", " (first run)"), sixServices("second", " (second run)"));
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      List<Future<Cli>> runs = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        Path repo = repos.get(i);
        Path work = temp.newFolder("work" + i).toPath();
        runs.add(pool.submit(() -> {
          start.await();
          return RunTesting.modelpipe(environment(), "run", repo.toString(), "--pipeline", "svc1", "--json",
              work.resolve("result.json").toString(), "--log-dir", work.resolve("logs").toString(), "--project", "demo",
              "--timestamp", timestamp, "--event", "post-merge", "--registry", registry.address() + "/race");
        }));
      }
      start.countDown();
      Cli first = runs.get(0).get(3, TimeUnit.MINUTES);
      Cli second = runs.get(1).get(3, TimeUnit.MINUTES);
      List<Cli> both = List.of(first, second);
      assertEquals("exactly one run publishes:\n" + first.all() + "\n=====\n" + second.all(),
          List.of(0, 1), both.stream().map(Cli::code).sorted().toList());
      Cli winner = first.code() == 0 ? first : second;
      Cli loser = first.code() == 0 ? second : first;
      Path winnerJson = temp.getRoot().toPath().resolve((first.code() == 0 ? "work0" : "work1") + "/result.json");
      Path loserJson = temp.getRoot().toPath().resolve((first.code() == 0 ? "work1" : "work0") + "/result.json");
      // TagGuard's message: the loser names the tag and the other image, and pushed nothing.
      String ref = registry.address() + "/race/demo-svc1:" + timestamp + "-check";
      assertTrue(loser.err(), loser.err().contains("publish failed in "));
      assertTrue(loser.err(), loser.err().contains(ref + " already names another image (")
          || loser.err().contains(ref + " names another image ("));
      RunResult won = RunResults.read(winnerJson, "winner");
      RunResult lost = RunResults.read(loserJson, "loser");
      assertEquals(Status.FAILURE, stageOf(lost, "svc1", "check").status());
      String winnerImage = stageOf(won, "svc1", "check").image().orElseThrow().id();
      String loserImage = stageOf(lost, "svc1", "check").image().orElseThrow().id();
      assertNotEquals(winnerImage, loserImage);
      // The registry names the winner's image under both tags.
      assertEquals(List.of(timestamp + "-check", "stable"), RunTesting.registryTags(registry, "race/demo-svc1"));
      assertEquals(winnerImage, RunTesting.registryImageId(registry, "race/demo-svc1", timestamp + "-check"));
      assertEquals(winnerImage, RunTesting.registryImageId(registry, "race/demo-svc1", "stable"));
      assertTrue(winner.err(), winner.err().contains("[svc1/check]   | content of svc1"));
      assertEquals(0, RunTesting.modelpipeContainers(engine.client()).size());
      assertEquals(Set.of(), RunTesting.referencesOfRun(engine.client(), winner.runId()));
      assertEquals(Set.of(), RunTesting.referencesOfRun(engine.client(), loser.runId()));
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  public void keepKeepsTheImagesAndContainersOfTheRun() throws IOException {
    DockerClient docker = engine.client();
    Path repo = sixServices("kept", " (kept)");
    Cli cli = RunTesting.modelpipe(environment(), "run", repo.toString(), "--jobs", "6", "--keep", "--log-dir",
        temp.getRoot().toPath().resolve("logs").toString(), "--project", "demo", "--event", "patch-set", "--change", "7",
        "--patchset", "1");
    String runId = cli.runId();
    List<Container> kept = RunTesting.modelpipeContainers(docker);
    Set<String> references = RunTesting.referencesOfRun(docker, runId);
    try (DockerEngine client = DockerEngine.connect(engine.dockerHost()).ping()) {
      assertEquals(cli.all(), 0, cli.code());
      assertTrue(cli.err(), cli.err().contains("publish skipped"));
      assertEquals(RunTesting.describe(kept), PIPELINES, kept.size());
      assertEquals(references.toString(), PIPELINES, references.size());
      for (int i = 1; i <= PIPELINES; i++) {
        String svc = "svc" + i;
        String reference = "modelpipe/" + svc + "-check:" + runId;
        assertTrue(references.toString(), references.contains(reference));
        Map<String, String> labels = docker.inspectImageCmd(reference).exec().getConfig().getLabels();
        assertEquals(svc, labels.get("ci.pipeline"));
        assertEquals("demo", labels.get("ci.project"));
        assertEquals(svc, labels.get("blubber.variant"));
        List<String> output = new ArrayList<>();
        ContainerExit exit = new ContainerRunner(client).run(reference, RunOptions.builder()
            .networkMode(DockerEngineFixture.NETWORK_MODE).timeout(Duration.ofMinutes(1)).build(), new ProgressListener() {
              @Override
              public void output(String line) {
                output.add(line);
              }
            });
        assertEquals(Optional.of(0), exit.exitCode());
        assertEquals(List.of(content(svc, " (kept)")), output);
      }
    } finally {
      kept.forEach(c -> docker.removeContainerCmd(c.getId()).withForce(true).exec());
      references.forEach(r -> docker.removeImageCmd(r).withNoPrune(true).exec());
    }
  }

  private static StageResult stageOf(RunResult result, String pipeline, String stage) {
    PipelineResult p = result.pipelines().stream().filter(x -> x.name().equals(pipeline)).findFirst()
        .orElseThrow(() -> new AssertionError("no pipeline " + pipeline + " in " + result));
    return p.stages().stream().filter(s -> s.name().equals(stage)).findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + stage + " in " + p));
  }
}
