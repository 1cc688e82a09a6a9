package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.Durations;
import io.modelpipe.gerrit.ChangeTarget;
import io.modelpipe.gerrit.GerritServerFixture.PushedChange;
import io.modelpipe.gerrit.GerritServerFixture;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.image.testing.RegistryFixture;
import io.modelpipe.pipeline.RunTesting.Cli;
import io.modelpipe.result.ImageResult;
import io.modelpipe.result.LintFinding;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunResults;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import io.modelpipe.testing.FileTrees;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;

/**
 * {@code modelpipe run} end to end on a git copy of {@code examples/inference-services} hosted by
 * a real Gerrit, with changes pushed for review as developers push them, triggered with the
 * variables Jenkins' Gerrit Trigger sets, building the example's real Blubber files (the outlink
 * service only, to bound the time) on the local bookworm base, publishing to a real registry and
 * posting the review back to the change.
 */
public class RunEndToEndTest {

  @ClassRule public static final GerritServerFixture GERRIT = GerritServerFixture.shared();
  @ClassRule public static final TemporaryFolder SHARED = new TemporaryFolder();
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final Path EXAMPLES = Path.of("..", "examples", "inference-services").toAbsolutePath().normalize();
  /** A project path with slashes, as Wikimedia's: the published name is it dashed, plus the service. */
  private static final String PROJECT = "machinelearning/liftwing/inference-services-"
      + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOT = "modelpipe-ci-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOT_PASSWORD = "Bot-pass-" + UUID.randomUUID();
  private static final Pattern TIMESTAMP = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{6}");

  private static DockerEngineFixture engine;
  private static RegistryFixture registry;

  @BeforeClass
  public static void services() throws Exception {
    engine = DockerEngineFixture.get();
    engine.ensureBookworm();
    registry = RegistryFixture.start();
    GERRIT.createProject(PROJECT);
    GERRIT.createAccount(BOT, BOT_PASSWORD);
    // The monorepo as it is on master: the examples, committed on top of the project's first commit.
    GERRIT.pushToMaster(PROJECT, SHARED.newFolder("base").toPath(), "Import the inference services",
        workTree -> FileTrees.copy(EXAMPLES, workTree));
  }

  @AfterClass
  public static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }
  private static String restId(PushedChange change) {
    return new ChangeTarget(PROJECT, change.number(), change.patchSet()).restId();
  }

  /** The variables Jenkins' Gerrit Trigger sets for an event about {@code change}. */
  private static Map<String, String> gerritTrigger(String event, PushedChange change) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GERRIT_EVENT_TYPE", event);
    env.put("GERRIT_PROJECT", PROJECT);
    env.put("GERRIT_BRANCH", "master");
    env.put("GERRIT_CHANGE_NUMBER", Integer.toString(change.number()));
    env.put("GERRIT_PATCHSET_NUMBER", Integer.toString(change.patchSet()));
    env.put("GERRIT_PATCHSET_REVISION", change.revision());
    env.put("GERRIT_REFSPEC", change.refspec());
    env.put("GERRIT_CHANGE_ID", change.changeId());
    env.put("GERRIT_CHANGE_URL", GERRIT.url() + "c/" + PROJECT + "/+/" + change.number());
    env.put("GERRIT_HOST", "127.0.0.1");
    env.put("GERRIT_SCHEME", "http");
    return env;
  }

  /** The engine, Gerrit's URL and the bot's credentials, a Jenkins job's name and build. */
  private static Map<String, String> ciEnvironment(String job, int build) {
    Map<String, String> env = new LinkedHashMap<>(RunTesting.engineEnvironment(engine));
    env.put("MODELPIPE_GERRIT_URL", GERRIT.url().toString());
    env.put("MODELPIPE_GERRIT_USER", BOT);
    env.put("MODELPIPE_GERRIT_PASSWORD", BOT_PASSWORD);
    env.put("JOB_NAME", job);
    env.put("BUILD_NUMBER", Integer.toString(build));
    return env;
  }

  /** {@code modelpipe run REPO ARGS} building the examples' real Blubber files offline on local bookworm. */
  private Cli run(Map<String, String> env, Path repo, Path work, String... args) {
    List<String> all = new ArrayList<>(List.of("run", repo.toString(),
        "--base-map", DockerEngineFixture.EXAMPLES_BASE + "=" + DockerEngineFixture.BOOKWORM, "--pip-offline",
        "--network", DockerEngineFixture.NETWORK_MODE,
        "--json", work.resolve("result.json").toString(),
        "--log-dir", work.resolve("logs").toString(),
        "--gerrit-outbox", work.resolve("outbox").toString()));
    all.addAll(List.of(args));
    long start = System.nanoTime();
    Cli cli = RunTesting.modelpipe(env, all.toArray(String[]::new));
    System.err.printf("RunEndToEndTest: modelpipe %s: exit %d in %.1f s%n", String.join(" ", args), cli.code(),
        (System.nanoTime() - start) / 1e9);
    return cli;
  }

  // ---- the cases

  @Test
  public void lintErrorInOneServiceRunsOnlyItsPipelinesFailsItsTestAndTheReviewSaysSo() throws Exception {
    Path repo = temp.newFolder("repo").toPath();
    Path work = temp.newFolder("work").toPath();
    // flake8 F401, and nothing else (black accepts it): one finding.
    PushedChange change = GERRIT.pushEdit(PROJECT, repo, "outlink/model_server/model.py", text -> text.replace("import re\n", "import os\nimport re\n"),
        "outlink: import os");
    Map<String, String> env = ciEnvironment("inference-services-pipeline-test", 12);
    env.putAll(gerritTrigger("patchset-created", change));

    Cli cli = run(env, repo, work, "--affected");

    assertEquals(cli.all(), 1, cli.code());
    // Only the service the change touched: its test pipeline and its publish pipeline.
    assertTrue(cli.err(), cli.err().contains("affected: 2 of 6 pipelines affected by 1 changed file"));
    RunResult result = RunResults.read(work.resolve("result.json"), "result.json");
    assertEquals(List.of("outlink", "outlink-publish"), result.pipelines().stream().map(PipelineResult::name).sorted().toList());
    assertEquals(Status.FAILURE, result.status());
    StageResult test = stage(result, "outlink", "run-test");
    assertEquals(Status.FAILURE, test.status());
    assertEquals(1, test.lintFindings().orElseThrow());
    assertEquals(Status.NOT_RUN, stage(result, "outlink", "production").status());
    StageResult publish = stage(result, "outlink-publish", "publish");
    assertFalse(publish.image().orElseThrow().published());
    String log = work.resolve("logs/outlink/run-test.log").toString();
    assertTrue(Files.readString(Path.of(log)).contains("F401 'os' imported but unused"));

    // The review on the change's patch set says which stage failed, and the finding.
    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change.number());
    assertEquals(posted.toString(), 1, posted.size());
    assertEquals(BOT, posted.get(0).get("author").get("username").asString());
    assertEquals(1, posted.get(0).get("_revision_number").asInt());
    String message = posted.get(0).get("message").asString();
    // Gerrit puts "(1 comment)" before the message of a review with one inline comment
    assertTrue(message, message.startsWith("Patch Set 1:\n\n(1 comment)\n\npipeline-dashboard: inference-services-pipeline-test\n"
        + "pipeline-build-result: FAILURE (job: inference-services-pipeline-test, build: 12)\n"));
    assertTrue(message, message.contains("\nFAILED:\n stage run-test of pipeline outlink ended FAILURE; log: " + log + "\n"));
    assertTrue(message, message.contains("\nNOT PUBLISHED:\n outlink-publish/publish: image "
        + publish.image().get().id() + " was built but not published"));
    // the duration the result recorded, in the one form modelpipe writes (whatever the machine's load made it)
    assertTrue(message, Pattern.compile("\nSTAGES:\n(?s).* outlink/run-test +FAILURE +" + Pattern.quote(Durations.format(test.duration()))
        + " +1 lint finding\n").matcher(message).find());
    assertTrue(message, Pattern.compile("\n outlink/production +NOT_RUN +- +an earlier stage failed\n").matcher(message).find());
    assertTrue(message, message.endsWith("\nINLINE COMMENTS:\n 1 finding posted inline on patch set 1"));

    // The finding, printed inside the test image (tox in /srv/app), is an inline comment on the
    // repository's file and line, in the same review.
    JsonNode comments = GERRIT.rest("GET", "a/changes/" + restId(change) + "/comments", null);
    assertEquals(comments.toString(), List.of("outlink/model_server/model.py"), List.copyOf(comments.propertyNames()));
    JsonNode comment = comments.get("outlink/model_server/model.py");
    assertEquals(comments.toString(), 1, comment.size());
    assertEquals(7, comment.get(0).get("line").asInt()); // the added "import os"
    assertEquals(1, comment.get(0).get("patch_set").asInt());
    assertEquals("autogenerated:modelpipe", comment.get(0).get("tag").asString());
    assertEquals(posted.get(0).get("id").asString(), comment.get(0).get("change_message_id").asString());
    assertEquals("flake8: F401 'os' imported but unused (column 1)", comment.get(0).get("message").asString());
    // The result, written again after the post, lists it for a rerun and the Jenkins step.
    RunResult written = RunResults.read(work.resolve("result.json"), "result.json");
    assertEquals("delivered", written.review().orElseThrow().outcome());
    assertEquals(List.of(new LintFinding("flake8", "outlink/model_server/model.py", 7, 1, "F401",
        "'os' imported but unused", "")), written.review().get().inline());
    assertEquals(written.review().get().inline(), stage(written, "outlink", "run-test").findings());
    assertNothingLeftOf(cli);
  }

  @Test
  public void changeMergedPublishesTimestampAndStableTagsAndTheReviewCarriesImageAndDigest() throws Exception {
    Path repo = temp.newFolder("repo").toPath();
    Path work = temp.newFolder("work").toPath();
    PushedChange change = GERRIT.pushEdit(PROJECT, repo, "outlink/model_server/model.py",
        text -> text.replace("keyword hits per topic", "keyword hits per topic (merged)"), "outlink: say what it counts");
    // Reviewed and submitted: master is the change's commit (a fast-forward).
    GERRIT.rest("POST", "a/changes/" + restId(change) + "/revisions/current/review", "{\"labels\":{\"Code-Review\":2}}");
    GERRIT.rest("POST", "a/changes/" + restId(change) + "/submit", "{}");
    String merged = GERRIT.rest("GET", "a/projects/" + PROJECT.replace("/", "%2F") + "/branches/master", null)
        .get("revision").asString();
    assertEquals(change.revision(), merged);
    Map<String, String> env = ciEnvironment("inference-services-pipeline-outlink-publish", 3);
    env.putAll(gerritTrigger("change-merged", change));
    env.put("GERRIT_NEWREV", merged);
    env.put("MODELPIPE_REGISTRY", registry.address());

    Cli cli = run(env, repo, work, "--pipeline", "outlink-publish");

    assertEquals(cli.all(), 0, cli.code());
    RunResult result = RunResults.read(work.resolve("result.json"), "result.json");
    String timestamp = result.setup().timestamp();
    assertTrue(timestamp, TIMESTAMP.matcher(timestamp).matches());
    assertEquals(merged, result.setup().commit());
    ImageResult image = stage(result, "outlink-publish", "publish").image().orElseThrow();
    String path = PROJECT.replace('/', '-') + "-outlink";
    String name = registry.address() + "/" + path;
    assertTrue(image.published());
    assertEquals(name, image.name());
    assertEquals(List.of(timestamp + "-publish", "stable"), image.tags());
    assertEquals(List.of(name + ":" + timestamp + "-publish", name + ":stable"), image.references());
    String digest = image.digest().orElseThrow();

    // The registry's own answer: both tags, one digest, this run's image, labelled with the merge.
    assertEquals(List.of(timestamp + "-publish", "stable"), RunTesting.registryTags(registry, path));
    assertEquals(digest, RunTesting.registryDigest(registry, path, timestamp + "-publish"));
    assertEquals(digest, RunTesting.registryDigest(registry, path, "stable"));
    assertEquals(image.id(), RunTesting.registryImageId(registry, path, "stable"));
    JsonNode labels = RunTesting.registryImageConfig(registry, path, image.id()).path("config").path("Labels");
    assertEquals(merged, labels.path("org.opencontainers.image.revision").asString());
    assertEquals("outlink-publish", labels.path("ci.pipeline").asString());
    assertEquals("production", labels.path("blubber.variant").asString());
    // the source date is the merge's commit time, not the clock: a rebuild of the same commit is the same image
    try (org.eclipse.jgit.lib.Repository git = new org.eclipse.jgit.storage.file.FileRepositoryBuilder().findGitDir(repo.toFile()).build();
        org.eclipse.jgit.revwalk.RevWalk walk = new org.eclipse.jgit.revwalk.RevWalk(git)) {
      java.time.Instant committed = java.time.Instant.ofEpochSecond(walk.parseCommit(git.resolve(merged)).getCommitTime());
      assertEquals(committed.toString(), labels.path("org.opencontainers.image.created").asString());
    }

    // The review on the merged change names the image, its tags and digest.
    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change.number());
    assertEquals(posted.toString(), 1, posted.size());
    String message = posted.get(0).get("message").asString();
    assertTrue(message, message.startsWith("Patch Set 1:\n\npipeline-dashboard: inference-services-pipeline-outlink-publish\n"
        + "pipeline-build-result: SUCCESS (job: inference-services-pipeline-outlink-publish, build: 3)\n"
        + "\nIMAGE:\n " + name + "\n"
        + "\nTAGS:\n " + timestamp + "-publish, stable\n"
        + "\nDIGEST:\n " + digest + "\n"));
    assertTrue(message, Pattern.compile("\nSTAGES:\n outlink-publish/publish +SUCCESS +"
        + Pattern.quote(Durations.format(stage(result, "outlink-publish", "publish").duration())) + "\n?$").matcher(message).find());
    assertNothingLeftOf(cli);
  }

  @Test
  public void changeTouchingNoServiceRunsNothing() throws Exception {
    Path repo = temp.newFolder("repo").toPath();
    Path work = temp.newFolder("work").toPath();
    PushedChange change = GERRIT.pushEdit(PROJECT, repo, "README.md", text -> text + "\nMore words.\n", "README: more words");
    Map<String, String> env = ciEnvironment("inference-services-pipeline-test", 13);
    env.putAll(gerritTrigger("patchset-created", change));
    Set<String> imagesBefore = RunTesting.imageIds(engine.client());

    Cli cli = run(env, repo, work, "--affected");

    assertEquals(cli.all(), 0, cli.code());
    assertTrue(cli.all(), cli.out().contains("modelpipe run: no pipeline is affected by the change; nothing to run"));
    assertEquals(List.of(), RunResults.read(work.resolve("result.json"), "result.json").pipelines());
    assertEquals(imagesBefore, RunTesting.imageIds(engine.client()));
  }

  private static void assertNothingLeftOf(Cli cli) {
    assertEquals(RunTesting.describe(RunTesting.modelpipeContainers(engine.client())), 0,
        RunTesting.modelpipeContainers(engine.client()).size());
    assertEquals(Set.of(), RunTesting.referencesOfRun(engine.client(), cli.runId()));
    assertTrue(RunTesting.imageReferences(engine.client()).stream().noneMatch(r -> r.startsWith(registry.address() + "/")));
  }

  private static StageResult stage(RunResult result, String pipeline, String stage) {
    PipelineResult p = result.pipelines().stream().filter(x -> x.name().equals(pipeline)).findFirst()
        .orElseThrow(() -> new AssertionError("no pipeline " + pipeline + " in " + result));
    return p.stages().stream().filter(s -> s.name().equals(stage)).findFirst()
        .orElseThrow(() -> new AssertionError("no stage " + stage + " in " + p));
  }
}
