package io.modelpipe.gerrit;

import io.modelpipe.RetryPolicy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.cli.Main;
import io.modelpipe.trigger.EventKind;
import io.modelpipe.result.ImageResult;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunSetup;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import io.modelpipe.result.TriggerInfo;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;

/**
 * modelpipe against a real Gerrit 3.10 ({@link GerritServerFixture}): posts as a bot account with
 * its own HTTP password, reads the messages back over REST and checks their exact text; the fault
 * cases (server stopped, wrong password, unknown change) end as the issue says.
 */
public class GerritReviewIntegrationTest {

  @ClassRule public static final GerritServerFixture GERRIT = GerritServerFixture.shared();
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final String BOT = "modelpipe-bot";
  private static final String BOT_PASSWORD = "Bot-HTTP-pass-" + UUID.randomUUID();
  /** A project path with slashes, as Wikimedia's are: it must be URL-encoded in REST paths. */
  private static final String PROJECT = "machinelearning/liftwing/inference-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String RESULT = "src/test/resources/result/post-merge-publish.json";

  @BeforeClass
  public static void createProjectAndBot() {
    GERRIT.createProject(PROJECT);
    GERRIT.addVerifiedLabel(PROJECT);
    GERRIT.createAccount(BOT, BOT_PASSWORD);
  }

  @Before
  public void serverRuns() {
    GERRIT.ensureStarted(); // a test before may have stopped it
  }

  private record Cli(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private static synchronized Cli cli(String stdin, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    InputStream saved = System.in;
    System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
    try {
      int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
      return new Cli(code, out.toString(), err.toString());
    } finally {
      System.setIn(saved);
    }
  }

  private int newChange(String subject) {
    try {
      return GERRIT.pushChange(PROJECT, temp.newFolder().toPath(), "README", subject + "\n", subject);
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  private GerritSettings botSettings(Path outbox) {
    return GerritSettings.of(GERRIT.url(), new GerritCredentials.HttpPassword(BOT, Secret.of(BOT_PASSWORD)))
        .withRetry(RetryPolicy.of(2, Duration.ofMillis(100), Duration.ofMillis(200)))
        .withOutbox(outbox);
  }

  private static final String POST_MERGE_MESSAGE = String.join("\n",
      "pipeline-dashboard: inference-services-pipeline-outlink",
      "pipeline-build-result: SUCCESS (job: inference-services-pipeline-outlink, build: 42)",
      "",
      "IMAGE:",
      " docker-registry.wikimedia.org/wikimedia/machinelearning-liftwing-inference-services-outlink",
      "",
      "TAGS:",
      " 2024-05-01-120000-publish, stable",
      "",
      "DIGEST:",
      " sha256:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d",
      "",
      "STAGES:",
      " outlink/lint             SUCCESS  3.2s   0 lint findings",
      " outlink/run-test         SUCCESS  1m12s",
      " outlink-publish/publish  SUCCESS  45s",
      "",
      "BUILD:",
      " https://integration.wikimedia.org/ci/job/inference-services-pipeline-outlink/42/");

  @Test
  public void postMergePublishPostsExactlyOneMessageWithImageTagsAndDigest() {
    int change = newChange("Add outlink model server");
    String[] args = {"gerrit", "comment", "--result", RESULT, "--url", GERRIT.url().toString(), "--user", BOT,
        "--password-stdin", "--project", PROJECT, "--change", Integer.toString(change), "--patchset", "1",
        "--outbox", temp.getRoot().toPath().resolve("outbox").toString()};

    Cli first = cli(BOT_PASSWORD + "\n", args);
    assertEquals(first.all(), 0, first.code());
    assertEquals("modelpipe gerrit: posted to " + PROJECT + "~" + change + " patch set 1\n", first.out());
    assertEquals("", first.err());

    // A rerun of the same result (a retried job, a second teardown) finds it and posts nothing.
    Cli again = cli(BOT_PASSWORD + "\n", args);
    assertEquals(again.all(), 0, again.code());
    assertTrue(again.out(), again.out().startsWith(
        "modelpipe gerrit: already posted to " + PROJECT + "~" + change + " patch set 1 (message "));

    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change);
    assertEquals(1, posted.size());
    JsonNode message = posted.get(0);
    assertEquals("Patch Set 1:\n\n" + POST_MERGE_MESSAGE, message.get("message").asString());
    assertEquals(Review.TAG, message.get("tag").asString());
    assertEquals(BOT, message.get("author").get("username").asString());
    assertEquals(1, message.get("_revision_number").asInt());
    assertFalse(Files.exists(temp.getRoot().toPath().resolve("outbox")));
  }

  private static RunResult patchSetResult(String project, int change) {
    TriggerInfo trigger = new TriggerInfo(EventKind.PATCH_SET, Optional.of(project), OptionalInt.of(change),
        OptionalInt.of(1), Optional.of("test"), Optional.of("inference-services-pipeline-test"), Optional.of("7"),
        Optional.empty());
    ImageResult held = new ImageResult(
        "sha256:3c1f0e9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e",
        "docker-registry.wikimedia.org/wikimedia/machinelearning-liftwing-inference-services-outlink",
        List.of("2024-05-02-093000-publish", "stable"), List.of(), Optional.empty(), false);
    return new RunResult(
        new RunSetup(project, "4f1c2a9e0b7d3c5a8e6f2b1d9c0a7e3f5b8d2c4a", "master", "", "2024-05-02-093000"),
        trigger, Status.SUCCESS, List.of(
            new PipelineResult("outlink", Status.SUCCESS, List.of(
                StageResult.of("lint", Status.SUCCESS, Duration.ofMillis(2500)).withLintFindings(0))),
            new PipelineResult("outlink-publish", Status.SUCCESS, List.of(
                StageResult.of("publish", Status.SKIPPED, Duration.ofSeconds(40)).withImage(held)
                    .withSkipReason("publish skipped: patch-set context")))));
  }

  @Test
  public void patchSetRunSaysTheImageWasBuiltButNotPublishedAndVotes() {
    int change = newChange("Tune outlink thresholds");
    DeliveryOutcome outcome = GerritReporter.report(patchSetResult(PROJECT, change),
        botSettings(temp.getRoot().toPath().resolve("outbox")).withLabels(Map.of("Verified", 1))
            .withNotify(Optional.of(Notify.NONE)));
    assertEquals(new DeliveryOutcome.Delivered(new ChangeTarget(PROJECT, change, 1), 1), outcome);

    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change);
    assertEquals(1, posted.size());
    assertEquals(String.join("\n",
        "Patch Set 1: Verified+1",
        "",
        "pipeline-dashboard: inference-services-pipeline-test",
        "pipeline-build-result: SUCCESS (job: inference-services-pipeline-test, build: 7)",
        "",
        "NOT PUBLISHED:",
        " outlink-publish/publish: image sha256:3c1f0e9d8b7a6f5e4d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e"
            + " was built but not published (publish skipped: patch-set context)",
        "",
        "STAGES:",
        " outlink/lint             SUCCESS  2.5s  0 lint findings",
        " outlink-publish/publish  SKIPPED  40s"), posted.get(0).get("message").asString());
    JsonNode verified = GERRIT.rest("GET", "a/changes/" + ChangeTarget.encode(PROJECT) + "~" + change
        + "/detail", null).get("labels").get("Verified").get("all");
    boolean botVoted = false;
    for (JsonNode vote : verified) {
      botVoted |= vote.path("username").asString("").equals(BOT) && vote.path("value").asInt() == 1;
    }
    assertTrue("Verified+1 by " + BOT + " in " + verified, botVoted);
  }

  @Test
  public void failureNamesTheFailedStageAndItsLog() {
    int change = newChange("Break lint");
    RunResult failed = new RunResult(new RunSetup(PROJECT, "abc", "master", "", "2024-05-03-100000"),
        new TriggerInfo(EventKind.PATCH_SET, Optional.of(PROJECT), OptionalInt.of(change), OptionalInt.of(1),
            Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty()),
        Status.FAILURE, List.of(new PipelineResult("outlink", Status.FAILURE, List.of(
            StageResult.of("lint", Status.FAILURE, Duration.ofMillis(4100)).withLintFindings(3)
                .withLog(".modelpipe/logs/outlink/lint.log"),
            StageResult.of("run-test", Status.NOT_RUN, Duration.ZERO)))));
    DeliveryOutcome outcome = GerritReporter.report(failed,
        botSettings(temp.getRoot().toPath().resolve("outbox")).withLabels(Map.of("Verified", -1)));
    assertTrue(outcome.toString(), outcome instanceof DeliveryOutcome.Delivered);
    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change);
    assertEquals(1, posted.size());
    assertEquals(String.join("\n",
        "Patch Set 1: Verified-1",
        "",
        "pipeline-dashboard: modelpipe",
        "pipeline-build-result: FAILURE (job: modelpipe, build: n/a)",
        "",
        "FAILED:",
        " stage lint of pipeline outlink ended FAILURE; log: .modelpipe/logs/outlink/lint.log",
        "",
        "STAGES:",
        " outlink/lint      FAILURE  4.1s  3 lint findings",
        " outlink/run-test  NOT_RUN  -"), posted.get(0).get("message").asString());
  }

  @Test
  public void gerritStoppedQueuesInTheOutboxAndFlushAfterRestartDeliversExactlyOnce() throws Exception {
    int change = newChange("Post while Gerrit is down");
    Path outbox = temp.getRoot().toPath().resolve("ws/.modelpipe/outbox");
    String[] comment = {"gerrit", "comment", "--result", RESULT, "--url", GERRIT.url().toString(), "--user", BOT,
        "--password-stdin", "--project", PROJECT, "--change", Integer.toString(change), "--patchset", "1",
        "--outbox", outbox.toString(), "--attempts", "2", "--retry-delay", "0.1"};
    String[] flush = {"gerrit", "flush", "--outbox", outbox.toString(), "--user", BOT, "--password-stdin",
        "--attempts", "1"};

    GERRIT.stop();
    Cli queued = cli(BOT_PASSWORD, comment);
    assertEquals(queued.all(), 3, queued.code());
    List<Path> entries = list(outbox);
    assertEquals(1, entries.size());
    assertTrue(queued.err(), queued.err().contains("connection refused after 2 attempts; queued in " + entries.get(0)
        + " (send it with 'modelpipe gerrit flush')"));
    String entry = Files.readString(entries.get(0));
    assertFalse("no credentials in the outbox", entry.contains(BOT_PASSWORD));
    assertTrue(entry, entry.contains("\"patchset\" : 1") && entry.contains("\"tag\" : \"autogenerated:modelpipe\""));
    assertEquals(0, list(outbox.getParent()).stream().filter(p -> p.getFileName().toString().endsWith(".tmp")).count());

    Cli stillDown = cli(BOT_PASSWORD, flush);
    assertEquals(stillDown.all(), 3, stillDown.code());
    assertTrue(stillDown.err(), stillDown.err().contains(": still queued: cannot reach Gerrit at " + GERRIT.url()));
    assertEquals(entries, list(outbox));

    GERRIT.ensureStarted();
    System.err.printf("Gerrit restarted in %.1f s%n", GERRIT.lastStartTime().toMillis() / 1000.0);
    Path kept = temp.newFile("entry-copy.json").toPath();
    Files.copy(entries.get(0), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    Cli delivered = cli(BOT_PASSWORD, flush);
    assertEquals(delivered.all(), 0, delivered.code());
    assertEquals("modelpipe gerrit: " + entries.get(0) + ": posted to " + PROJECT + "~" + change
        + " patch set 1; removed\n", delivered.out());
    assertEquals(List.of(), list(outbox));

    // The same entry again (a flush whose answer was lost, a copy of the workspace): not posted twice.
    Files.copy(kept, entries.get(0));
    Cli again = cli(BOT_PASSWORD, flush);
    assertEquals(again.all(), 0, again.code());
    assertTrue(again.out(), again.out().contains(": already posted to " + PROJECT + "~" + change + " patch set 1"));
    assertEquals(List.of(), list(outbox));
    // And the run's own retry of the comment command finds it too.
    Cli rerun = cli(BOT_PASSWORD, comment);
    assertEquals(rerun.all(), 0, rerun.code());

    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change);
    assertEquals(1, posted.size());
    assertEquals("Patch Set 1:\n\n" + POST_MERGE_MESSAGE, posted.get(0).get("message").asString());
  }

  @Test
  public void wrongPasswordIsAClearErrorAndThePasswordIsPrintedNowhere() {
    int change = newChange("Wrong password");
    String wrong = "not-the-Bot-password-" + UUID.randomUUID();
    Path outbox = temp.getRoot().toPath().resolve("outbox");
    Cli cli = cli(wrong + "\n", "gerrit", "comment", "--result", RESULT, "--url", GERRIT.url().toString(),
        "--user", BOT, "--password-stdin", "--project", PROJECT, "--change", Integer.toString(change),
        "--patchset", "1", "--outbox", outbox.toString());
    assertEquals(cli.all(), 3, cli.code());
    assertEquals("", cli.out());
    assertEquals("modelpipe: Gerrit: authentication failed at " + GERRIT.url() + " (HTTP 401) for user '" + BOT
        + "'; Gerrit says: Unauthorized; check the user and its HTTP password (MODELPIPE_GERRIT_USER,"
        + " MODELPIPE_GERRIT_PASSWORD or --password-stdin) or the token\n", cli.err());
    assertFalse(cli.all().contains(wrong));

    GerritSettings settings = botSettings(outbox)
        .withRetry(GerritSettings.DEFAULT_RETRY)
        .withOutbox(outbox);
    settings = new GerritSettings(settings.url(), new GerritCredentials.HttpPassword(BOT, Secret.of(wrong)),
        settings.labels(), settings.notifySetting(), settings.retry(), settings.requestTimeout(), outbox);
    assertFalse(settings.toString(), settings.toString().contains(wrong));
    try {
      GerritReporter.report(patchSetResult(PROJECT, change), settings);
      fail("a 401 is an error");
    } catch (GerritAuthenticationException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertFalse(trace.toString(), trace.toString().contains(wrong));
      assertTrue(e.getMessage(), e.getMessage().contains("(HTTP 401)"));
    }
    assertFalse("a 401 is not retried into the outbox", Files.exists(outbox));
    assertEquals(List.of(), GERRIT.modelpipeMessages(PROJECT, change));
  }

  @Test
  public void unknownChangeIsAClearErrorWithGerritsText() {
    Path outbox = temp.getRoot().toPath().resolve("outbox");
    Cli cli = cli(BOT_PASSWORD, "gerrit", "comment", "--result", RESULT, "--url", GERRIT.url().toString(),
        "--user", BOT, "--password-stdin", "--project", PROJECT, "--change", "999999", "--patchset", "1",
        "--outbox", outbox.toString());
    assertEquals(cli.all(), 2, cli.code());
    assertEquals("modelpipe gerrit: change " + PROJECT + "~999999 patch set 1 not found at " + GERRIT.url()
        + " (HTTP 404); Gerrit says: Not found: " + PROJECT + "~999999; check the project, change and patch set,"
        + " and that user '" + BOT + "' can see the change\n", cli.err());
    assertFalse(cli.all().contains(BOT_PASSWORD));
    assertFalse("a 404 is final: nothing queued", Files.exists(outbox));
  }

  @Test
  public void unknownPatchSetOfAnExistingChangeIsRejected() {
    int change = newChange("Only one patch set");
    try {
      GerritReporter.report(patchSetResult(PROJECT, change), new ChangeTarget(PROJECT, change, 7),
          botSettings(temp.getRoot().toPath().resolve("outbox")));
      fail("patch set 7 does not exist");
    } catch (GerritRejectedException e) {
      assertEquals(404, e.status());
      assertEquals("Not found: 7", e.gerritText());
    }
  }

  private static List<Path> list(Path dir) throws java.io.IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.sorted().toList();
    }
  }
}
