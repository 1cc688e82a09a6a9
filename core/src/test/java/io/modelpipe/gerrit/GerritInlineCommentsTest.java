package io.modelpipe.gerrit;

import static io.modelpipe.gerrit.GerritServerFixture.commit;
import static io.modelpipe.gerrit.GerritServerFixture.push;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import io.modelpipe.result.LintFinding;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunResults;
import io.modelpipe.result.RunSetup;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import io.modelpipe.result.TriggerInfo;
import io.modelpipe.trigger.EventKind;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;

/**
 * Lint findings as inline comments on a real Gerrit 3.10 ({@link GerritServerFixture}): a change
 * is pushed on top of a small monorepo, {@code modelpipe gerrit comment} posts a result with
 * findings, and the comments are read back with {@code GET /changes/ID/comments}.
 */
public class GerritInlineCommentsTest {

  @ClassRule public static final GerritServerFixture GERRIT = GerritServerFixture.shared();
  @ClassRule public static final TemporaryFolder SHARED = new TemporaryFolder();
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final String BOT = "modelpipe-lint-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOT_PASSWORD = "Bot-lint-pass-" + UUID.randomUUID();
  private static final String PROJECT = "machinelearning/liftwing/inline-" + UUID.randomUUID().toString().substring(0, 8);

  static final String MODEL = "outlink/model_server/model.py";
  static final String UTIL = "python/kserve_lite/util.py";
  /** The model as on master: 11 lines. */
  private static final String MODEL_TEXT = String.join("\n",
      "\"\"\"Outlink topic model.\"\"\"",
      "",
      "import re",
      "",
      "",
      "def topics(text):",
      "    return re.findall(r\"\\w+\", text)",
      "",
      "",
      "def score(words):",
      "    return len(words)",
      "");

  @BeforeClass
  public static void projectWithTwoFiles() throws Exception {
    GERRIT.createProject(PROJECT);
    GERRIT.createAccount(BOT, BOT_PASSWORD);
    GERRIT.pushToMaster(PROJECT, SHARED.newFolder("base").toPath(), "Import the services", root -> {
      write(root.resolve(MODEL), MODEL_TEXT);
      write(root.resolve(UTIL), "\"\"\"Helpers.\"\"\"\n\nimport sys\n\n\ndef name():\n    return \"util\"\n");
    });
  }

  @Before
  public void serverRuns() {
    GERRIT.ensureStarted(); // a test before may have stopped it
  }

  // ---- the cases

  @Test
  public void flake8FindingInTheTouchedFileIsOneInlineCommentAndTheOneInAnUnchangedFileIsCounted() throws Exception {
    int change = pushChange("outlink: import os", text -> "import os\n" + text);
    Path result = result(change, List.of(
        flake8(MODEL, 1, 1, "F401", "'os' imported but unused"),
        flake8(UTIL, 3, 1, "F401", "'sys' imported but unused")));

    Cli posted = comment(result, "--max-inline", "50", "--json");
    assertEquals(posted.all(), 0, posted.code());

    List<JsonNode> comments = comments(change);
    assertEquals(comments.toString(), 1, comments.size());
    JsonNode c = comments.get(0);
    assertEquals(MODEL, c.get("path").asString());
    assertEquals(1, c.get("line").asInt());
    assertEquals(1, c.get("patch_set").asInt());
    assertEquals(Review.TAG, c.get("tag").asString());
    assertEquals(BOT, c.get("author").get("username").asString());
    assertEquals("flake8: F401 'os' imported but unused (column 1)", c.get("message").asString());
    assertFalse(c.path("unresolved").asBoolean(true));

    String message = onlyMessage(change);
    assertTrue(message, message.endsWith("\nINLINE COMMENTS:\n"
        + " 1 finding posted inline on patch set 1\n"
        + " 1 finding in unchanged files"));

    // The command's JSON lists the finding posted, as the run's result does.
    JsonNode doc = GerritClient.parse(posted.out());
    assertEquals("delivered", doc.get("outcome").asString());
    JsonNode review = doc.get("review");
    assertEquals(1, review.get("inline").size());
    assertEquals(MODEL, review.get("inline").get(0).get("file").asString());
    assertEquals(1, review.get("inline").get(0).get("line").asInt());
    assertEquals(1, review.get("inUnchangedFiles").asInt());

    // A rerun (a retried job) finds message and comment and posts neither again.
    Cli again = comment(result);
    assertEquals(again.all(), 0, again.code());
    assertTrue(again.out(), again.out().contains("already posted to " + PROJECT + "~" + change + " patch set 1 (message "));
    assertEquals(1, comments(change).size());
    assertEquals(1, GERRIT.modelpipeMessages(PROJECT, change).size());
    capture("flake8", change);
  }

  @Test
  public void blackIsOneCommentOnLineOneWithTheFirstHunk() throws Exception {
    int change = pushChange("outlink: single quotes", text -> text.replace("r\"\\w+\"", "r'\\w+'"));
    String hunk1 = String.join("\n",
        "@@ -4,7 +4,7 @@",
        " ",
        " ",
        " def topics(text):",
        "-    return re.findall(r'\\w+', text)",
        "+    return re.findall(r\"\\w+\", text)",
        " ",
        " ");
    String hunk2 = String.join("\n", "@@ -10,2 +10,2 @@", " def score(words):", "-    return  len(words)",
        "+    return len(words)");
    Path result = result(change, List.of(
        new LintFinding("black", MODEL, 7, 0, "", "would reformat line 7", hunk1),
        new LintFinding("black", MODEL, 11, 0, "", "would reformat line 11", hunk2)));

    Cli posted = comment(result);
    assertEquals(posted.all(), 0, posted.code());

    List<JsonNode> comments = comments(change);
    assertEquals(comments.toString(), 1, comments.size());
    JsonNode c = comments.get(0);
    assertEquals(MODEL, c.get("path").asString());
    assertEquals(1, c.get("line").asInt());
    assertEquals(Review.TAG, c.get("tag").asString());
    assertEquals("black would reformat this file (2 changes; the first below):\n\n"
        + hunk1.lines().map(l -> "    " + l).reduce((a, b) -> a + "\n" + b).orElseThrow()
        + "\n\nRun black on the file to apply them.", c.get("message").asString());
    assertTrue(onlyMessage(change).endsWith("\nINLINE COMMENTS:\n 2 findings posted inline on patch set 1 (1 comment)"));
    capture("black", change);
  }

  @Test
  public void aNewPatchSetGetsItsOwnCommentsAndTheFirstKeepsItsOwn() throws Exception {
    Path dir = temp.newFolder().toPath();
    int change;
    try (Git git = GERRIT.cloneProject(PROJECT, dir)) {
      Path model = dir.resolve(MODEL);
      Files.writeString(model, "import os\n" + Files.readString(model));
      git.add().addFilepattern(MODEL).call();
      RevCommit first = commit(git, "outlink: import os, twice", true);
      push(git, "HEAD:refs/for/master");
      change = GERRIT.rest("GET", "a/changes/?q=commit:" + first.name(), null).get(0).get("_number").asInt();
      assertEquals(0, comment(result(change, 1, List.of(flake8(MODEL, 1, 1, "F401", "'os' imported but unused")))).code());

      // Patch set 2: the import moves a line down; the same finding, on its new line.
      Files.writeString(model, "\n" + Files.readString(model));
      git.add().addFilepattern(MODEL).call();
      git.commit().setAmend(true).setMessage(first.getFullMessage())
          .setAuthor("Developer", "dev@example.org").setCommitter("Developer", "dev@example.org").call();
      push(git, "HEAD:refs/for/master");
    }
    Path second = result(change, 2, List.of(flake8(MODEL, 2, 1, "F401", "'os' imported but unused")));
    Cli posted = comment(second);
    assertEquals(posted.all(), 0, posted.code());
    assertTrue(posted.out(), posted.out().contains("posted to " + PROJECT + "~" + change + " patch set 2 with 1 inline comment"));
    assertEquals(0, comment(second).code()); // and only once

    List<JsonNode> comments = comments(change);
    assertEquals(comments.toString(), List.of("1:1", "2:2"),
        comments.stream().map(c -> c.get("patch_set").asInt() + ":" + c.get("line").asInt()).sorted().toList());
  }

  @Test
  public void moreFindingsThanMaxInlineAreCappedAndTheRestSummarised() throws Exception {
    int change = pushChange("outlink: many findings", text -> text + "x = 1\n");
    List<LintFinding> findings = new ArrayList<>();
    for (int line = 1; line <= 5; line++) {
      findings.add(flake8(MODEL, line, 1, "E999", "finding " + line));
    }
    Path result = result(change, findings);

    Cli posted = comment(result, "--max-inline", "2");
    assertEquals(posted.all(), 0, posted.code());

    List<JsonNode> comments = comments(change);
    assertEquals(comments.toString(), 2, comments.size());
    assertEquals(List.of(1, 2), comments.stream().map(c -> c.get("line").asInt()).sorted().toList());
    assertTrue(onlyMessage(change), onlyMessage(change).endsWith("\nINLINE COMMENTS:\n"
        + " 2 findings posted inline on patch set 1\n"
        + " 3 findings not posted inline, over the limit of 2 comments (--max-inline): " + MODEL + " (3)"));
  }

  @Test
  public void findingsGerritCannotPlaceAreLeftOutAndNamedAndTheReviewIsPosted() throws Exception {
    int change = pushChange("outlink: odd findings", text -> "import os\n" + text);
    Path result = result(change, List.of(
        flake8(MODEL, 1, 1, "F401", "'os' imported but unused"),
        flake8(MODEL, 999, 1, "W391", "blank line at end of file"),
        flake8("/srv/app/generated/schema.py", 2, 1, "F811", "redefinition of unused 'x'")));

    Cli posted = comment(result);
    assertEquals(posted.all(), 0, posted.code());

    assertEquals(1, comments(change).size());
    assertTrue(onlyMessage(change), onlyMessage(change).endsWith("\nINLINE COMMENTS:\n"
        + " 1 finding posted inline on patch set 1\n"
        + " left out: /srv/app/generated/schema.py:2:1: F811 redefinition of unused 'x' [flake8]"
        + " (a file Gerrit does not know in patch set 1)\n"
        + " left out: " + MODEL + ":999:1: W391 blank line at end of file [flake8]"
        + " (line 999 is outside the file, which has 12 lines in patch set 1)"));
  }

  @Test
  public void gerritDownQueuesAndFlushPostsMessageAndCommentsOnce() throws Exception {
    int change = pushChange("outlink: import os while Gerrit is down", text -> "import os\n" + text);
    Path result = result(change, List.of(
        flake8(MODEL, 1, 1, "F401", "'os' imported but unused"),
        flake8(UTIL, 3, 1, "F401", "'sys' imported but unused")));
    Path outbox = temp.getRoot().toPath().resolve("ws/.modelpipe/outbox");

    GERRIT.stop();
    Cli queued = cli("gerrit", "comment", "--result", result.toString(), "--url", GERRIT.url().toString(),
        "--outbox", outbox.toString(), "--attempts", "2", "--retry-delay", "0.1");
    assertEquals(queued.all(), 3, queued.code());
    List<Path> entries = list(outbox);
    assertEquals(1, entries.size());
    String entry = Files.readString(entries.get(0));
    assertTrue(entry, entry.contains("\"file\" : \"" + MODEL + "\""));
    assertFalse("no credentials in the outbox", entry.contains(BOT_PASSWORD));

    GERRIT.ensureStarted();
    Path kept = temp.newFile("entry-copy.json").toPath();
    Files.copy(entries.get(0), kept, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    String[] flush = {"gerrit", "flush", "--outbox", outbox.toString(), "--attempts", "1"};
    Cli delivered = cli(flush);
    assertEquals(delivered.all(), 0, delivered.code());
    assertEquals("modelpipe gerrit: " + entries.get(0) + ": posted to " + PROJECT + "~" + change
        + " patch set 1 with 1 inline comment; removed\n", delivered.out());

    // The same entry flushed again (a lost answer, a copied workspace): nothing doubles.
    Files.copy(kept, entries.get(0));
    Cli again = cli(flush);
    assertEquals(again.all(), 0, again.code());
    assertTrue(again.out(), again.out().contains(": already posted to " + PROJECT + "~" + change + " patch set 1"));

    List<JsonNode> comments = comments(change);
    assertEquals(comments.toString(), 1, comments.size());
    assertEquals(MODEL, comments.get(0).get("path").asString());
    assertEquals(1, comments.get(0).get("line").asInt());
    assertEquals(Review.TAG, comments.get(0).get("tag").asString());
    assertTrue(onlyMessage(change).endsWith(" 1 finding posted inline on patch set 1\n 1 finding in unchanged files"));
  }

  @Test
  public void aMessageWithoutItsCommentsGetsOnlyTheMissingCommentsNotASecondMessage() throws Exception {
    int change = pushChange("outlink: message without comments", text -> "import os\n" + text);
    Path result = result(change, List.of(flake8(MODEL, 1, 1, "F401", "'os' imported but unused")));
    // What the review's message will be: posted first by hand, with modelpipe's tag, and no comments.
    Cli dry = comment(result, "--dry-run");
    String message = dry.out().substring(dry.out().indexOf('\n') + 1, dry.out().indexOf("and 1 lint findings"))
        + "\nINLINE COMMENTS:\n 1 finding posted inline on patch set 1\n";
    GERRIT.rest("POST", "a/changes/" + ChangeTarget.encode(PROJECT) + "~" + change + "/revisions/1/review",
        tools.jackson.databind.json.JsonMapper.builder().build().writeValueAsString(
            Map.of("message", message, "tag", Review.TAG)));

    Cli posted = comment(result);
    assertEquals(posted.all(), 0, posted.code());
    assertTrue(posted.out(), posted.out().contains("already posted to " + PROJECT + "~" + change + " patch set 1"));
    assertTrue(posted.out(), posted.out().contains("; 1 missing inline comments posted now"));
    assertEquals(1, comments(change).size());
    assertEquals(1, GERRIT.modelpipeMessages(PROJECT, change).stream()
        .filter(m -> m.get("message").asString().contains("pipeline-build-result")).count());

    Cli again = comment(result);
    assertEquals(again.all(), 0, again.code());
    assertFalse(again.out(), again.out().contains("missing inline comments"));
    assertEquals(1, comments(change).size());
  }

  // ---- helpers

  private record Cli(int code, String out, String err) {
    String all() {
      return out + err;
    }
  }

  private static Cli cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> env = new LinkedHashMap<>();
    env.put(GerritConnection.ENV_USER, BOT);
    env.put(GerritConnection.ENV_PASSWORD, BOT_PASSWORD);
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), env);
    return new Cli(code, out.toString(), err.toString());
  }

  private Cli comment(Path result, String... more) {
    List<String> args = new ArrayList<>(List.of("gerrit", "comment", "--result", result.toString(),
        "--url", GERRIT.url().toString(), "--outbox", temp.getRoot().toPath().resolve("outbox").toString()));
    args.addAll(List.of(more));
    return cli(args.toArray(String[]::new));
  }

  static LintFinding flake8(String file, int line, int column, String code, String message) {
    return new LintFinding("flake8", file, line, column, code, message, "");
  }

  /** A failed run of {@code change}'s patch set whose test stage reported {@code findings}. */
  private Path result(int change, List<LintFinding> findings) throws Exception {
    return result(change, 1, findings);
  }

  private Path result(int change, int patchSet, List<LintFinding> findings) throws Exception {
    RunResult run = new RunResult(
        new RunSetup(PROJECT, "4f1c2a9e0b7d3c5a8e6f2b1d9c0a7e3f5b8d2c4a", "master", "", "2024-05-02-093000"),
        new TriggerInfo(EventKind.PATCH_SET, Optional.of(PROJECT), OptionalInt.of(change), OptionalInt.of(patchSet),
            Optional.empty(), Optional.of("inference-services-pipeline-test"), Optional.of("21"), Optional.empty()),
        Status.FAILURE, List.of(new PipelineResult("outlink", Status.FAILURE, List.of(
            StageResult.of("run-test", Status.FAILURE, Duration.ofMillis(5400)).withLintFindings(findings.size())
                .withFindings(findings).withLog(".modelpipe/logs/outlink/run-test.log")))));
    Path file = temp.newFolder().toPath().resolve("result.json");
    RunResults.write(run, file);
    return file;
  }

  /** The change's inline comments, every file, as Gerrit returns them (each with its path added). */
  private static List<JsonNode> comments(int change) {
    JsonNode byPath = GERRIT.rest("GET", "a/changes/" + ChangeTarget.encode(PROJECT) + "~" + change + "/comments", null);
    List<JsonNode> all = new ArrayList<>();
    byPath.properties().forEach(e -> e.getValue().forEach(c -> {
      ((tools.jackson.databind.node.ObjectNode) c).put("path", e.getKey());
      all.add(c);
    }));
    return all;
  }

  private static String onlyMessage(int change) {
    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change);
    assertEquals(posted.toString(), 1, posted.size());
    return posted.get(0).get("message").asString();
  }

  /** Prints the review as Gerrit returns it (for the README), when asked with -Dmodelpipe.capture=true. */
  private static void capture(String name, int change) {
    if (!Boolean.getBoolean("modelpipe.capture")) {
      return;
    }
    String id = ChangeTarget.encode(PROJECT) + "~" + change;
    System.err.println("CAPTURE " + name + " messages: " + GERRIT.rest("GET", "a/changes/" + id + "/messages", null));
    System.err.println("CAPTURE " + name + " comments: " + GERRIT.rest("GET", "a/changes/" + id + "/comments", null));
  }

  private int pushChange(String subject, java.util.function.UnaryOperator<String> edit) throws Exception {
    return GERRIT.pushEdit(PROJECT, temp.newFolder().toPath(), MODEL, edit, subject).number();
  }

  private static void write(Path file, String text) throws Exception {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
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
