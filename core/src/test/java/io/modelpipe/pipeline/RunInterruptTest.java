package io.modelpipe.pipeline;

import static io.modelpipe.pipeline.RunTesting.lines;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotEquals;
import static org.junit.Assert.assertTrue;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.model.Container;
import io.modelpipe.image.testing.CliProcess;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunResults;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A signal to a {@code modelpipe run} child process while one stage builds (a step that sleeps) and
 * another runs its container (that sleeps too): the build is cancelled, the containers are removed,
 * the images the run tagged are removed, and the {@code --json} result names both stages ABORTED
 * and the stage after them NOT_RUN; long before the sleeps would end.
 */
public class RunInterruptTest {

  /**
   * Far longer than the test may take: the run must stop them, not wait for them. Its own length
   * (300 to 899 s) tells this test's containers from those of other runs on a shared engine.
   */
  private static final int SLEEP_SECONDS = 300 + java.util.concurrent.ThreadLocalRandom.current().nextInt(600);
  // The stop must not wait out the sleeps; how much sooner it ends depends on the machine's load
  // (teardown asks the engine to remove containers and images), so that is all this asserts.
  private static final Duration STOPPED_WITHIN = Duration.ofSeconds(270);

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static DockerEngineFixture engine;

  @BeforeClass
  public static void engine() {
    engine = DockerEngineFixture.get();
    RunTesting.ensureBusyboxAccounts(engine);
  }

  private Path repository() throws IOException {
    return RunTesting.writeTree(temp.newFolder("repo").toPath(), Map.of(
        ".pipeline/config.yaml", lines(
            "pipelines:",
            "  slow:",
            "    blubberfile: blubber.yaml",
            "    stages:",
            "      - name: build",
            "        build: slow",
            "  sleeper:",
            "    blubberfile: blubber.yaml",
            "    stages:",
            "      - name: run",
            "        build: sleeper",
            "        run: true",
            "      - name: later",
            "        build: sleeper"),
        ".pipeline/blubber.yaml", lines(
            "version: v4",
            "base: " + RunTesting.BUSYBOX_ACCOUNTS,
            "lives:",
            "  in: /srv/app",
            "variants:",
            "  slow:",
            "    builder:",
            "      command: [sh, -c, 'sleep " + SLEEP_SECONDS + "']",
            "    entrypoint: ['true']",
            "  sleeper:",
            "    entrypoint: [sleep, '" + SLEEP_SECONDS + "']")));
  }

  @Test
  public void sigintDuringABuildAbortsTheRunAndCleansUp() throws Exception {
    stopsCleanly("INT");
  }

  @Test
  public void sigtermDuringABuildAbortsTheRunAndCleansUp() throws Exception {
    stopsCleanly("TERM");
  }

  private void stopsCleanly(String signal) throws Exception {
    if (CliProcess.signalIgnored(signal)) {
      System.err.println("SKIPPED: this test JVM was started with SIG" + signal + " ignored, and so is modelpipe's");
      Assume.assumeTrue("SIG" + signal + " ignored since this JVM started", false);
    }
    DockerClient docker = engine.client();
    Set<String> containersBefore = ids(RunTesting.containers(docker));
    Path repo = repository();
    Path json = temp.getRoot().toPath().resolve("result.json");
    CliProcess.Running run = CliProcess.start(RunTesting.engineEnvironment(engine), null, "run", repo.toString(),
        "--jobs", "2", "--json", json.toString(), "--log-dir", temp.getRoot().toPath().resolve("logs").toString());
    Set<String> ours;
    try {
      assertTrue(run.errorSoFar(), run.awaitError("RUN sh \"-c\" \"sleep " + SLEEP_SECONDS + "\"", Duration.ofMinutes(2)));
      assertTrue(run.errorSoFar(), run.awaitError("[sleeper/run] run: ", Duration.ofMinutes(2)));
      // Both sleeps are running: the build's step container and the run step's container.
      ours = awaitRunningContainers(docker, containersBefore, 2, Duration.ofMinutes(3));
    } catch (AssertionError | RuntimeException e) {
      run.signal("KILL");
      throw e;
    }

    long signalled = System.nanoTime();
    run.signal(signal);
    CliProcess.Result result = run.await(STOPPED_WITHIN);
    Duration took = Duration.ofNanos(System.nanoTime() - signalled);
    System.err.printf("RunInterruptTest: SIG%s: exit %d after %.1f s%n", signal, result.code(), took.toMillis() / 1000.0);

    assertTrue("stopped in " + took + ", not after the sleeps:\n" + result.err(), took.compareTo(STOPPED_WITHIN) < 0);
    assertNotEquals(result.all(), 0, result.code());
    assertTrue(result.err(), result.err().contains("modelpipe run: stopping: the running stages are aborted, then teardown runs"));
    assertTrue(result.err(), result.err().contains("[teardown] removing "));

    RunResult written = RunResults.read(json, json.toString());
    assertEquals(written.toString(), Status.ABORTED, written.status());
    assertEquals(Status.ABORTED, stage(written, "slow", "build").status());
    assertEquals(Status.ABORTED, stage(written, "sleeper", "run").status());
    assertEquals(Status.NOT_RUN, stage(written, "sleeper", "later").status());

    // Nothing is left: not the run step's container, nor (once the engine has seen the build
    // cancelled) the build step's, nor a reference the run tagged.
    // Only this test's containers count: others may use the engine meanwhile.
    List<Container> left = RunTesting.modelpipeContainers(docker).stream().filter(c -> ours.contains(c.getId())).toList();
    assertEquals(RunTesting.describe(left) + "\n" + result.err(), 0, left.size());
    // a guard only: the engine removes a cancelled build's container in its own time (modelpipe
    // itself waits up to 20 s for a removal), longer on a loaded machine
    awaitGone(docker, ours, Duration.ofMinutes(3));
    String runId = result.err().replaceAll("(?s).*\\[teardown] removing \\d+ image references of run (\\S+).*", "$1");
    assertEquals(result.err(), Set.of(), RunTesting.referencesOfRun(docker, runId));
    assertTrue(Files.exists(json));
  }

  /** The ids of this test's running containers: new ones that run its sleep. */
  private static Set<String> awaitRunningContainers(DockerClient docker, Set<String> before, int count, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    List<Container> running = List.of();
    while (System.nanoTime() < deadline) {
      running = docker.listContainersCmd().exec().stream().filter(c -> !before.contains(c.getId()))
          .filter(c -> String.valueOf(c.getCommand()).contains("sleep " + SLEEP_SECONDS)).toList();
      if (running.size() >= count) {
        return ids(running);
      }
      Thread.sleep(200);
    }
    throw new AssertionError("expected " + count + " running containers, found " + RunTesting.describe(running));
  }

  private static void awaitGone(DockerClient docker, Set<String> ours, Duration timeout)
      throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Set<String> left = ids(RunTesting.containers(docker));
      left.retainAll(ours);
      if (left.isEmpty()) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("containers left: " + RunTesting.describe(RunTesting.containers(docker)));
      }
      Thread.sleep(200);
    }
  }

  private static Set<String> ids(List<Container> containers) {
    return containers.stream().map(Container::getId).collect(Collectors.toSet());
  }

  private static StageResult stage(RunResult result, String pipeline, String stage) {
    PipelineResult p = result.pipelines().stream().filter(x -> x.name().equals(pipeline)).findFirst().orElseThrow();
    return p.stages().stream().filter(s -> s.name().equals(stage)).findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + stage + " in " + p));
  }
}
