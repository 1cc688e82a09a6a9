package io.modelpipe.result;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.cli.Main;
import java.util.Map;
import io.modelpipe.trigger.EventKind;
import io.modelpipe.yaml.InvalidInputException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The run result's JSON form: round trips, and located errors for bad documents. */
public class RunResultsTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final Path SAMPLE = Path.of("src/test/resources/result/post-merge-publish.json");

  @Test
  public void readsTheSample() {
    RunResult result = RunResults.read(SAMPLE, "post-merge-publish.json");
    assertEquals(Status.SUCCESS, result.status());
    assertEquals(EventKind.POST_MERGE, result.trigger().kind());
    assertEquals(OptionalInt.of(1234), result.trigger().change());
    assertEquals(OptionalInt.of(3), result.trigger().patchSet());
    assertEquals(Optional.of("postmerge"), result.trigger().zuulPipeline());
    assertEquals(List.of("outlink", "outlink-publish"), result.pipelines().stream().map(PipelineResult::name).toList());
    StageResult publish = result.pipelines().get(1).stages().get(0);
    assertEquals(Duration.ofMillis(45100), publish.duration());
    ImageResult image = publish.image().orElseThrow();
    assertTrue(image.published());
    assertEquals(List.of("2024-05-01-120000-publish", "stable"), image.tags());
    assertEquals(Optional.of("sha256:9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c2b1a0f9e8d"), image.digest());
    assertEquals(List.of("ml-team@example.org"), publish.notifyRecipients());
    assertEquals(OptionalInt.of(0), result.pipelines().get(0).stages().get(0).lintFindings());
  }

  @Test
  public void findingsAndTheReviewRoundTripAndResultsWithoutThemStillRead() throws Exception {
    LintFinding flake8 = new LintFinding("flake8", "outlink/model_server/model.py", 1, 1, "F401", "'os' imported but unused", "");
    LintFinding black = new LintFinding("black", "python/x.py", 1, 0, "", "would reformat", "@@ -1 +1 @@\n-a=1\n+a = 1");
    RunResult result = new RunResult(new RunSetup("p", "c", "master", "", "2024-01-01-000000"), TriggerInfo.manual(),
        Status.FAILURE, List.of(new PipelineResult("outlink", Status.FAILURE, List.of(
            StageResult.of("run-test", Status.FAILURE, Duration.ofSeconds(3)).withLintFindings(2)
                .withFindings(List.of(black, flake8))))))
        .withReview(new ReviewResult("delivered", List.of(flake8), 1, 0,
            List.of("x.py:999: E1 m [flake8] (line 999 is outside the file, which has 3 lines in patch set 1)")));
    assertEquals(List.of(flake8, black), result.findings()); // file order
    String json = RunResults.toJson(result);
    assertEquals(result, RunResults.parse("r", json));
    assertTrue(json, json.contains("\"review\" : {\n    \"outcome\" : \"delivered\",\n    \"inline\" : [ {\n"
        + "      \"tool\" : \"flake8\",\n      \"file\" : \"outlink/model_server/model.py\",\n      \"line\" : 1,\n"));
    // format 1 written before findings: no "findings", no "review"
    RunResult old = RunResults.read(SAMPLE, "sample");
    assertEquals(List.of(), old.findings());
    assertEquals(Optional.empty(), old.review());
  }

  @Test
  public void writeThenReadIsTheSameValueAndTheSameText() throws Exception {
    RunResult result = RunResults.read(SAMPLE, "sample");
    Path file = temp.getRoot().toPath().resolve("out/result.json");
    RunResults.write(result, file);
    assertEquals(result, RunResults.read(file, "result.json"));
    assertEquals(RunResults.toJson(result), Files.readString(file));
    assertEquals(List.of(file), Files.list(file.getParent()).toList()); // no temporary file left
    RunResult manual = new RunResult(new RunSetup("p", "", "", "", "2024-01-01-000000"), TriggerInfo.manual(),
        Status.ABORTED, List.of(new PipelineResult("a", Status.ABORTED, List.of(
            StageResult.of("s", Status.NOT_RUN, Duration.ZERO).withSkipReason("why")))));
    assertEquals(manual, RunResults.parse("m", RunResults.toJson(manual)));
    RunResult warned = new RunResult(manual.setup(), manual.trigger(), manual.status(), manual.pipelines(),
        List.of(".pipeline/other.yaml:4:8: lives.uid: expected an integer, found 'nobody' (a warning: no selected"
            + " pipeline reads this)"));
    assertTrue(RunResults.toJson(warned).contains("\"warnings\" : [ \".pipeline/other.yaml:4:8: lives.uid"));
    assertEquals(warned, RunResults.parse("w", RunResults.toJson(warned)));
    assertFalse(RunResults.toJson(manual).contains("warnings"));
  }

  @Test
  public void everySchemaProblemIsLocated() {
    try {
      RunResults.read(Path.of("src/test/resources/result/invalid/schema-errors.json"), "schema-errors.json");
      fail("invalid");
    } catch (InvalidInputException e) {
      assertEquals(String.join("\n",
          "schema-errors.json:4:23: trigger.kind: 'nightly' is not allowed here; expected one of: gate, manual,"
              + " patch-set, post-merge, tag",
          "schema-errors.json:5:13: status: 'PASSED' is not allowed here; expected one of: ABORTED, FAILURE, SUCCESS",
          "schema-errors.json:7:100: pipelines[0].stages[0].durationMs: found integer -1; must have a minimum value of 0",
          "schema-errors.json:7:104: pipelines[0].stages[0].colour: unknown key 'colour'"), e.getMessage());
    }
  }

  @Test
  public void invalidJsonAndOtherFormatsAreExit2OnTheCommandLine() {
    assertCli(2, "src/test/resources/result/invalid/truncated.json:4:1:", "gerrit", "comment", "--result",
        "src/test/resources/result/invalid/truncated.json", "--dry-run");
    assertCli(2, "format-2.json:1:12: format: found integer 2; unsupported result format; this modelpipe reads format 1",
        "gerrit", "comment", "--result", "src/test/resources/result/invalid/format-2.json", "--dry-run");
    assertCli(2, "nothing.json: no such result file", "gerrit", "comment", "--result", "nothing.json", "--dry-run");
  }

  @Test
  public void commentTakesTheChangeFromTheTriggerEnvironmentWhenTheResultNamesNone() throws Exception {
    String json = Files.readString(Path.of("src/test/resources/result/post-merge-publish.json"))
        .replace("\"change\": 1234,", "").replace("\"patchset\": 3,", "");
    Path noChange = temp.newFile("no-change.json").toPath();
    Files.writeString(noChange, json);
    Map<String, String> zuul = Map.of(
        "ZUUL_PROJECT", "machinelearning/liftwing/inference-services", "ZUUL_PIPELINE", "postmerge",
        "ZUUL_BRANCH", "master", "ZUUL_CHANGE", "5678", "ZUUL_PATCHSET", "4",
        "ZUUL_REF", "refs/zuul/master/Z0123", "ZUUL_COMMIT", "4f1c2a9e0b7d3c5a8e6f2b1d9c0a7e3f5b8d2c4a",
        "ZUUL_URL", "http://zuul.example.org/p");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new String[] {"gerrit", "comment", "--result", noChange.toString(), "--dry-run"},
        new PrintWriter(out), new PrintWriter(err), zuul);
    assertEquals(err.toString(), 0, code);
    assertTrue(out.toString(), out.toString().startsWith(
        "would post to machinelearning/liftwing/inference-services~5678 patch set 4:"));

    int without = Main.run(new String[] {"gerrit", "comment", "--result", noChange.toString(), "--dry-run"},
        new PrintWriter(new StringWriter()), new PrintWriter(err), Map.of());
    assertEquals(2, without);
    assertTrue(err.toString(), err.toString().contains("names no change and patch set to comment on"));
  }

  @Test
  public void yamlThatIsNotJsonIsRejected() {
    try {
      RunResults.parse("r.json", "format: 1\n");
      fail("YAML is not a result");
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("r.json:1:1: not valid JSON: "));
    }
  }

  private static void assertCli(int code, String expectedErr, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int actual = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    assertEquals(err.toString(), code, actual);
    assertTrue(err.toString(), err.toString().contains(expectedErr));
  }
}
