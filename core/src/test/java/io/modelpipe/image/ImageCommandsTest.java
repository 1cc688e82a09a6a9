package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import io.modelpipe.image.testing.DockerEngineFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code modelpipe build} and {@code modelpipe run-image} end to end, in process, on a real engine. */
public class ImageCommandsTest {

  private static final String BASE_MAP = DockerEngineFixture.EXAMPLES_BASE + "=" + DockerEngineFixture.BOOKWORM;
  private static final String BLUBBER = String.join("\n",
      "version: v4",
      "base: " + DockerEngineFixture.EXAMPLES_BASE,
      "runs:",
      "  insecurely: true",
      "lives:",
      "  in: /srv/app",
      "variants:",
      "  broken:",
      "    builder:",
      "      command: [sh, -c, \"echo doomed >&2; exit 3\"]",
      "  fine:",
      "    copies:",
      "      - from: local",
      "        source: .",
      "        destination: .",
      "    entrypoint: [ls, -a]",
      "");

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  record Result(int code, String out, String err) {}

  static Result modelpipe(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  private Path repository(String context) throws IOException {
    Path repo = temp.newFolder("repo").toPath();
    Files.createDirectories(repo.resolve(".pipeline"));
    Files.writeString(repo.resolve(".pipeline/blubber.yaml"), BLUBBER);
    Files.writeString(repo.resolve(".pipeline/config.yaml"), String.join("\n",
        "pipelines:",
        "  svc:",
        "    blubberfile: blubber.yaml",
        "    stages:",
        "      - name: fine",
        "        build:",
        "          variant: fine",
        "          context: " + context,
        "          excludes: [notes.txt]",
        ""));
    Files.writeString(repo.resolve("app.py"), "print('hi')\n");
    Files.writeString(repo.resolve("notes.txt"), "excluded\n");
    return repo;
  }

  @Test
  public void buildsAStageOfAConfigWithLabelsAndWithoutTheExcludedFiles() throws IOException {
    DockerEngineFixture engine = DockerEngineFixture.get();
    engine.ensureBookworm();
    Path repo = repository(".");
    Result built = modelpipe("build", repo.toString(), "--pipeline", "svc", "--stage", "fine", "--docker-host", engine.dockerHost(),
        "--network", "host", "--base-map", BASE_MAP, "--json");
    assertEquals(built.err, 0, built.code);
    assertTrue(built.out, built.out.contains("\"ci.pipeline\" : \"svc\""));
    String id = built.out.replaceAll("(?s).*\"image\" : \"(sha256:[0-9a-f]{64})\".*", "$1");
    assertEquals("svc", engine.client().inspectImageCmd(id).exec().getConfig().getLabels().get("ci.pipeline"));
    assertTrue(engine.client().inspectImageCmd(id).exec().getConfig().getLabels().containsKey("org.opencontainers.image.created"));

    Result run = modelpipe("run-image", id, "--docker-host", engine.dockerHost(), "--network", "host");
    assertEquals(run.err, 0, run.code);
    List<String> listing = List.of(run.out.strip().split("\\R"));
    assertTrue(listing.toString(), listing.contains("app.py"));
    assertFalse("excluded", listing.contains("notes.txt"));
    assertFalse("generated Dockerfile", listing.contains(ImageBuilder.DOCKERFILE_NAME));
    engine.client().removeImageCmd(id).withForce(true).exec();
  }

  private static java.util.Set<String> danglingImages(DockerEngineFixture engine) {
    return engine.client().listImagesCmd().withDanglingFilter(true).exec().stream()
        .map(com.github.dockerjava.api.model.Image::getId).collect(java.util.stream.Collectors.toSet());
  }

  private static Result modelpipeWith(java.util.Map<String, String> extra, String... args) {
    java.util.Map<String, String> env = new java.util.HashMap<>(System.getenv());
    env.remove("SOURCE_DATE_EPOCH");
    env.putAll(extra);
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Result(code, out.toString(), err.toString());
  }

  private static String imageId(Result built) {
    assertEquals(built.err, 0, built.code);
    return built.out.replaceAll("(?s).*\"image\" : \"(sha256:[0-9a-f]{64})\".*", "$1");
  }

  @Test
  public void anUnchangedTreeBuiltTwiceIsTheSameImageAndLeavesNothingDangling() throws Exception {
    DockerEngineFixture engine = DockerEngineFixture.get();
    engine.ensureBookworm();
    Path repo = repository(".");
    java.time.Instant committed = java.time.Instant.parse("2024-06-09T10:11:12Z");
    try (org.eclipse.jgit.api.Git git = io.modelpipe.testing.GitRepos.init(repo)) {
      org.eclipse.jgit.lib.PersonIdent who = new org.eclipse.jgit.lib.PersonIdent("Test", "test@example.org", committed, java.time.ZoneOffset.UTC);
      git.add().addFilepattern(".").call();
      git.commit().setMessage("first").setSign(false).setAuthor(who).setCommitter(who).call();
    }
    String[] build = {"build", repo.toString(), "--pipeline", "svc", "--stage", "fine", "--docker-host", engine.dockerHost(),
        "--network", "host", "--base-map", BASE_MAP, "--json"};
    String first = imageId(modelpipeWith(java.util.Map.of(), build));
    assertEquals("the commit's time, not the clock", "2024-06-09T10:11:12Z",
        engine.client().inspectImageCmd(first).exec().getConfig().getLabels().get("org.opencontainers.image.created"));
    java.util.Set<String> danglingBefore = danglingImages(engine);
    // a checkout or an editor touches files without changing them: still the same source
    Files.setLastModifiedTime(repo.resolve("app.py"), java.nio.file.attribute.FileTime.from(java.time.Instant.now()));

    Result again = modelpipeWith(java.util.Map.of(), build);
    assertEquals(first, imageId(again));
    assertEquals(danglingBefore, danglingImages(engine));

    Result dated = modelpipeWith(java.util.Map.of("SOURCE_DATE_EPOCH", "1700000000"), build);
    String pinned = imageId(dated);
    assertEquals(java.time.Instant.ofEpochSecond(1700000000).toString(),
        engine.client().inspectImageCmd(pinned).exec().getConfig().getLabels().get("org.opencontainers.image.created"));

    Result malformed = modelpipeWith(java.util.Map.of("SOURCE_DATE_EPOCH", "yesterday"), build);
    assertEquals(malformed.err, 2, malformed.code);
    assertTrue(malformed.err, malformed.err.contains("SOURCE_DATE_EPOCH: found 'yesterday'"));
    for (String id : java.util.Set.of(first, pinned)) {
      engine.client().removeImageCmd(id).withForce(true).exec();
    }
  }

  @Test
  public void aContextEscapingTheRepositoryIsInvalidAndNothingIsBuilt() throws IOException {
    DockerEngineFixture engine = DockerEngineFixture.get();
    Path repo = repository("../outside");
    Files.createDirectories(repo.resolveSibling("outside"));
    int imagesBefore = engine.client().listImagesCmd().withShowAll(true).exec().size();
    Result result = modelpipe("build", repo.toString(), "--pipeline", "svc", "--stage", "fine", "--docker-host", engine.dockerHost(),
        "--network", "host", "--base-map", BASE_MAP);
    assertEquals(result.err, 2, result.code);
    assertTrue(result.err, result.err.contains("outside the repository"));
    assertEquals(imagesBefore, engine.client().listImagesCmd().withShowAll(true).exec().size());
  }

  @Test
  public void aFailingRunNamesTheInstructionAndExitsOne() throws IOException {
    DockerEngineFixture engine = DockerEngineFixture.get();
    engine.ensureBookworm();
    Path repo = repository(".");
    Result result = modelpipe("build", "--blubber", repo.resolve(".pipeline/blubber.yaml").toString(), "--variant", "broken",
        "--context", repo.toString(), "--docker-host", engine.dockerHost(), "--network", "host", "--base-map", BASE_MAP);
    assertEquals(result.err, 1, result.code);
    assertTrue(result.err, result.err.contains("build failed at Step "));
    assertTrue(result.err, result.err.contains("RUN sh \"-c\" \"echo doomed >&2; exit 3\""));
    assertTrue(result.err, result.err.contains("returned a non-zero code: 3"));
    assertTrue("the step's output is shown: " + result.err, result.err.contains("  doomed"));
  }

  @Test
  public void runImageExitCodeFollowsTheContainerAndJsonReportsIt() {
    DockerEngineFixture engine = DockerEngineFixture.get();
    engine.ensureBusybox();
    Result ok = modelpipe("run-image", DockerEngineFixture.BUSYBOX, "--docker-host", engine.dockerHost(), "--env", "WHO=world",
        "--", "sh", "-c", "echo hello $WHO");
    assertEquals(ok.err, 0, ok.code);
    assertEquals("hello world\n", ok.out);
    Result failed = modelpipe("run-image", DockerEngineFixture.BUSYBOX, "--docker-host", engine.dockerHost(), "--json",
        "--", "sh", "-c", "exit 5");
    assertEquals(1, failed.code);
    assertTrue(failed.out, failed.out.contains("\"exitCode\" : 5"));
    assertTrue(failed.out, failed.out.contains("\"removed\" : true"));
    Result timedOut = modelpipe("run-image", DockerEngineFixture.BUSYBOX, "--docker-host", engine.dockerHost(), "--timeout", "1",
        "--", "sleep", "60");
    assertEquals(1, timedOut.code);
    assertTrue(timedOut.err, timedOut.err.contains("timed out after 1 s; container removed"));
    assertEquals(0, engine.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(java.util.Map.of(ContainerRunner.LABEL, "true")).exec().size());
  }

  @Test
  public void anUnreachableEngineIsOneLineAndExitThree() {
    Result result = modelpipe("run-image", "x", "--docker-host", "unix:///nonexistent");
    assertEquals(result.err, 3, result.code);
    assertEquals(1, result.err.strip().lines().count());
    assertTrue(result.err, result.err.startsWith("modelpipe: Docker Engine: no engine answers at unix:///nonexistent"));
  }

  @Test
  public void dockerHostFromTheEnvironment() throws Exception {
    // A separate JVM, so that DOCKER_HOST is really read from the environment.
    Path blubber = temp.newFile("b.yaml").toPath();
    Files.writeString(blubber, BLUBBER);
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), "io.modelpipe.cli.Main",
        "build", "--blubber", blubber.toString(), "--variant", "fine", "--context", temp.getRoot().toString()));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(false);
    builder.environment().put("DOCKER_HOST", "unix:///nonexistent");
    Process process = builder.start();
    assertTrue("a guard only: a JVM start on a loaded machine", process.waitFor(5, TimeUnit.MINUTES));
    String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    assertEquals(err, 3, process.exitValue());
    assertEquals(err, 1, err.strip().lines().count());
    assertTrue(err, err.contains("no engine answers at unix:///nonexistent (set DOCKER_HOST)"));
  }
}
