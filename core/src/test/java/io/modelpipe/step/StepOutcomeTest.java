package io.modelpipe.step;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** Exit codes and result files turned into a status, a message and the returned value. */
public class StepOutcomeTest {

  private static StepInvocation call(StepSpec spec, Map<String, ?> parameters) {
    return StepInvocation.builder(spec).parameters(parameters).workspace("/ws").build();
  }

  private static final String RUN_RESULT = """
      {"format": 1,
       "setup": {"project": "ml-services", "commit": "abc", "branch": "master", "tag": "", "timestamp": "2026-12-05-101500"},
       "trigger": {"kind": "post-merge", "project": "ml/services", "change": 42, "patchset": 3},
       "status": "FAILURE",
       "pipelines": [
         {"name": "outlink-publish", "status": "SUCCESS", "stages": [
           {"name": "publish", "status": "SUCCESS", "durationMs": 61500,
            "image": {"id": "sha256:1111", "name": "registry.example.org/ml-services-outlink",
                      "tags": ["2026-12-05-101500-publish", "stable"],
                      "references": ["registry.example.org/ml-services-outlink:2026-12-05-101500-publish",
                                     "registry.example.org/ml-services-outlink:stable"],
                      "digest": "sha256:2222", "published": true}}]},
         {"name": "outlink", "status": "FAILURE", "stages": [
           {"name": "run-test", "status": "FAILURE", "durationMs": 1200, "lintFindings": 2},
           {"name": "production", "status": "NOT_RUN", "durationMs": 0, "skipReason": "an earlier stage failed"}]}]}
      """;

  @Test
  public void aRunReturnsItsResultWithStagesAndPublishedImagesAndFailsNamingTheFailedStage() {
    StepOutcome outcome = StepOutcome.of(call(StepSpecs.RUN, Map.of("gerritUrl", "https://gerrit.example.org/r")), 1,
        RUN_RESULT, "modelpipe run: result written to /tmp/r.json\n");
    assertEquals(StepOutcome.Status.FAILURE, outcome.status());
    assertEquals("modelpipeRun: run FAILURE: outlink/run-test FAILURE", outcome.message());
    Map<String, Object> value = outcome.returnMap();
    assertEquals(LinkedHashMap.class, value.getClass());
    assertEquals("FAILURE", value.get("status"));
    assertEquals(42, ((Map<?, ?>) value.get("trigger")).get("change"));
    Map<String, Object> image = ResultMaps.maps(value.get("images")).get(0);
    assertEquals("registry.example.org/ml-services-outlink", image.get("uri"));
    assertEquals("sha256:2222", image.get("digest"));
    assertEquals(List.of("2026-12-05-101500-publish", "stable"), image.get("tags"));
    assertEquals(ArrayList.class, image.get("tags").getClass());
    assertEquals(3, ResultMaps.list(value.get("stages")).size());
    StepSummary summary = outcome.summary().orElseThrow();
    assertEquals(new StepSummary.StageRow("outlink-publish", "publish", "SUCCESS", "1m02s"), summary.stages().get(0));
    assertEquals("registry.example.org/ml-services-outlink@sha256:2222", summary.images().get(0).reference());
    assertEquals(2, summary.lintFindings());
    assertEquals(Optional.of("https://gerrit.example.org/r/c/ml/services/+/42/3"), summary.changeUrl());
    // and the map goes back to the review step as the result document it came from
    String json = ResultMaps.runResultJson(value);
    assertEquals(PlainValues.parse(RUN_RESULT), PlainValues.parse(json));
  }

  @Test
  public void lintFindingsAloneAreUnstableWhenAskedAndACommandFailureNever() {
    String findings = """
        {"format": 1, "passed": false, "findings": 1, "envs": [
          {"name": "flake8", "passed": false, "failure": "1 finding", "findings": [
            {"tool": "flake8", "file": "a/b.py", "line": 1, "column": 1, "code": "F401", "message": "unused"}]},
          {"name": "black", "passed": true, "failure": "", "findings": []}]}
        """;
    StepInvocation unstable = call(StepSpecs.LINT, Map.of("unstableOnFindings", true));
    assertEquals(StepOutcome.Status.UNSTABLE, StepOutcome.of(unstable, 1, findings, "").status());
    assertEquals(StepOutcome.Status.FAILURE, StepOutcome.of(call(StepSpecs.LINT, Map.of()), 1, findings, "").status());
    StepOutcome outcome = StepOutcome.of(unstable, 1, findings, "");
    assertEquals("modelpipeLint: lint failed: flake8: 1 finding", outcome.message());
    assertEquals(1, outcome.returnMap().get("findings"));
    assertEquals(List.of("a/b.py"), outcome.returnMap().get("files"));
    String crashed = """
        {"format": 1, "passed": false, "findings": 0, "envs": [
          {"name": "flake8", "passed": false, "failure": "'flake8' exited with status 2", "findings": []}]}
        """;
    assertEquals(StepOutcome.Status.FAILURE, StepOutcome.of(unstable, 1, crashed, "").status());
  }

  @Test
  public void invalidInputCarriesTheLocatedErrors() {
    String output = String.join("\n",
        "modelpipe run: checking",
        ".pipeline/config.yaml:9:16: pipelines.outlink.stages[1].build: no variant 'productoin' in outlink/blubber.yaml",
        "outlink/blubber.yaml:3:1: variants: something else",
        "2 errors");
    StepOutcome outcome = StepOutcome.of(call(StepSpecs.RUN, Map.of()), 2, null, output);
    assertEquals(StepOutcome.Status.FAILURE, outcome.status());
    assertEquals("modelpipeRun: invalid input:\n"
        + ".pipeline/config.yaml:9:16: pipelines.outlink.stages[1].build: no variant 'productoin' in outlink/blubber.yaml\n"
        + "outlink/blubber.yaml:3:1: variants: something else", outcome.message());
    assertEquals(2, ((List<?>) outcome.returnMap().get("errors")).size());
    assertEquals("INVALID", outcome.returnMap().get("status"));
  }

  @Test
  public void serviceOutagesNameTheService() {
    assertEquals("modelpipePublish: the registry is unavailable:\n"
            + "modelpipe: registry 127.0.0.1:5000 did not answer after 3 attempts: connection refused",
        StepOutcome.of(call(StepSpecs.PUBLISH, Map.of("image", "i", "name", "n", "tags", "t")), 3, null,
            "progress\nmodelpipe: registry 127.0.0.1:5000 did not answer after 3 attempts: connection refused\n").message());
    assertTrue(StepOutcome.of(StepSpecs.BUILD, 3, null, "modelpipe: cannot reach the Docker Engine at unix:///x: refused")
        .message().startsWith("modelpipeBuild: the Docker Engine is unavailable"));
    assertEquals("modelpipeReview: Gerrit is unavailable:\nmodelpipe gerrit: Gerrit did not answer; queued in outbox",
        StepOutcome.of(StepSpecs.REVIEW, 3, null, "modelpipe gerrit: Gerrit did not answer; queued in outbox").message());
  }

  @Test
  public void buildReturnsTheImageIdAndSuccessesSaySo() {
    StepOutcome built = StepOutcome.of(StepSpecs.BUILD, 0, "{\"format\":1,\"image\":\"sha256:abcd\"}", "");
    assertEquals(StepOutcome.Status.SUCCESS, built.status());
    assertEquals("sha256:abcd", built.returnValue());
    assertEquals(Map.of("image", "sha256:abcd"), built.returnMap());
    StepOutcome valid = StepOutcome.of(StepSpecs.VALIDATE, 0, "{\"format\":1,\"valid\":true,\"errors\":[],\"warnings\":[]}", "");
    assertEquals(true, valid.returnMap().get("valid"));
    assertEquals(List.of(), valid.returnMap().get("errors"));
    StepOutcome killed = StepOutcome.of(StepSpecs.RUN, 143, "{\"format\":", "modelpipe run: stopping");
    assertEquals(StepOutcome.Status.FAILURE, killed.status());
    assertTrue(killed.message(), killed.message().startsWith("modelpipeRun: the engine ended with exit code 143 (stopped)"));
  }
}
