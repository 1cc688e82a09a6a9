package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code modelpipe plan} through {@link Main#run}: exit codes and both output forms. */
public class PlanCommandTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final String REPO = "src/test/resources/config/liftwing";
  private static final String[] SETUP = {
    "--project", "machinelearning/liftwing/inference-services", "--commit", "abc123", "--branch", "master",
    "--tag=", "--timestamp", "2024-05-01-120000",
  };

  private record Result(int code, String out, String err) {}

  /** Runs with an empty environment: no trigger variables, whatever the machine running the tests has. */
  private static Result run(String... args) {
    return runIn(Map.of(), args);
  }

  private static Result runIn(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), environment);
    return new Result(code, out.toString(), err.toString());
  }

  private static String[] with(String... args) {
    String[] all = new String[args.length + SETUP.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(SETUP, 0, all, args.length, SETUP.length);
    return all;
  }

  @Test
  public void textPlan() {
    Result result = run(with("plan", REPO));
    assertEquals(result.err(), 0, result.code());
    assertEquals(String.join("\n",
        "project machinelearning/liftwing/inference-services  commit abc123  branch master  tag -  timestamp"
            + " 2024-05-01-120000",
        "trigger none: manual (no Zuul or Gerrit Trigger variables, no --event)",
        "publish contexts zuul:gate-and-submit*, zuul:postmerge, zuul:post, zuul:publish, gerrit:change-merged,"
            + " gerrit:ref-updated, ref:refs/tags/*, kind:gate, kind:post-merge, kind:tag",
        "Values in <angle brackets> are known only when the pipeline runs.",
        "",
        "pipeline outlink",
        "  blubberfile .pipeline/outlink/blubber.yaml, directory .",
        "  1. run-test",
        "      build   variant test of .pipeline/outlink/blubber.yaml, context .",
        "      run     <imageID of stage run-test>",
        "  2. production",
        "      build   variant production of .pipeline/outlink/blubber.yaml, context .",
        "",
        "pipeline outlink-publish",
        "  blubberfile .pipeline/outlink/blubber.yaml, directory .",
        "  1. publish",
        "      build   variant production of .pipeline/outlink/blubber.yaml, context .",
        "      publish <imageID of stage publish> as"
            + " machinelearning-liftwing-inference-services-outlink:2024-05-01-120000-publish",
        "                 and machinelearning-liftwing-inference-services-outlink:stable",
        "              SKIPPED here: a manual run (no Zuul or Gerrit Trigger variables, no --event) is not a"
            + " publish context",
        ""), result.out());
    assertEquals("", result.err());
  }

  @Test
  public void jsonPlanForOnePipeline() {
    Result result = run(with("plan", REPO, "--pipeline", "outlink-publish", "--json"));
    assertEquals(result.err(), 0, result.code());
    JsonNode json = JsonMapper.builder().build().readTree(result.out());
    assertEquals(1, json.get("format").asInt());
    assertEquals("inference-services", json.get("setup").get("projectShortName").asString());
    assertEquals(1, json.get("pipelines").size());
    JsonNode pipeline = json.get("pipelines").get(0);
    assertEquals("outlink-publish", pipeline.get("name").asString());
    assertEquals("[[\"publish\"]]", pipeline.get("frames").toString());
    JsonNode stage = pipeline.get("stages").get(0);
    assertEquals("production", stage.get("build").get("variant").asString());
    assertTrue(stage.get("run").isNull());
    assertTrue(stage.get("notify").isNull());
    assertEquals("machinelearning-liftwing-inference-services-outlink", stage.get("publish").get("name").asString());
    assertEquals("[\"2024-05-01-120000-publish\",\"stable\"]", stage.get("publish").get("tags").toString());
    assertEquals("<imageID of stage publish>", stage.get("publish").get("id").asString());
    // Stable: the same input gives the same document.
    assertEquals(result.out(), run(with("plan", REPO, "--pipeline", "outlink-publish", "--json")).out());
  }

  @Test
  public void tagFlagAddsTheGitTagOnlyWhereTagsAreDefaulted() {
    Result result = run("plan", REPO, "--json", "--project", "a/b", "--tag", "refs/tags/v1.0",
        "--timestamp", "2024-05-01-120000");
    assertEquals(0, result.code());
    JsonNode json = JsonMapper.builder().build().readTree(result.out());
    assertEquals("v1.0", json.get("setup").get("tag").asString());
    // outlink-publish lists tags: [stable], which replaces the default ['${setup.tag}'].
    assertEquals("[\"2024-05-01-120000-publish\",\"stable\"]",
        json.get("pipelines").get(1).get("stages").get(0).get("publish").get("tags").toString());
  }

  @Test
  public void unknownPipelineListsTheKnownOnes() {
    Result result = run(with("plan", REPO, "--pipeline", "outlink", "--pipeline", "nope"));
    assertEquals(2, result.code());
    assertEquals("", result.out());
    assertEquals("modelpipe plan: unknown pipeline 'nope'; .pipeline/config.yaml defines: outlink, outlink-publish\n",
        result.err());
  }

  @Test
  public void invalidConfigExitsTwoWithEveryDiagnostic() {
    Result result = run(with("plan", "src/test/resources/invalid/config-reserved-stage-names"));
    assertEquals(2, result.code());
    assertEquals(String.join("\n",
        ".pipeline/config.yaml:4:15: pipelines.outlink.stages[0].name: 'setup' is a reserved stage name (PipelineLib"
            + " runs its own 'setup' stage)",
        ".pipeline/config.yaml:6:15: pipelines.outlink.stages[1].name: 'teardown' is a reserved stage name"
            + " (PipelineLib runs its own 'teardown' stage)",
        "2 errors", ""), result.err());
  }

  @Test
  public void missingConfigAndBadArguments() {
    Result missing = run(with("plan", "src/test/resources/invalid/config-missing-file"));
    assertEquals(2, missing.code());
    assertTrue(missing.err(), missing.err().startsWith(".pipeline/config.yaml: file not found"));
    Result notADirectory = run(with("plan", "src/test/resources/config/liftwing/.pipeline/config.yaml"));
    assertEquals(2, notADirectory.code());
    assertTrue(notADirectory.err(), notADirectory.err().contains("is not a directory"));
    Result badTimestamp = run("plan", REPO, "--timestamp", "yesterday");
    assertEquals(2, badTimestamp.code());
    assertTrue(badTimestamp.err(), badTimestamp.err().contains("--timestamp 'yesterday'"));
  }

  @Test
  public void projectFallsBackToTheRepositoryDirectoryName() throws Exception {
    // A copy outside any git checkout, so that no remote names the project.
    Path copy = temp.newFolder("liftwing").toPath();
    Files.createDirectories(copy.resolve(".pipeline"));
    Files.copy(Path.of(REPO, ".pipeline/config.yaml"), copy.resolve(".pipeline/config.yaml"));
    Result result = run("plan", copy.toString(), "--json", "--commit", "c", "--timestamp", "2024-05-01-120000");
    assertEquals(0, result.code());
    JsonNode setup = JsonMapper.builder().build().readTree(result.out()).get("setup");
    // Without --project or trigger variables (the environment is empty here), the directory name.
    assertEquals("liftwing", setup.get("project").asString());
    // With them, the environment's.
    Result zuul = runIn(Map.of("ZUUL_PROJECT", "a/b"), "plan", copy.toString(), "--json", "--commit", "c");
    assertEquals("a/b", JsonMapper.builder().build().readTree(zuul.out()).get("setup").get("project").asString());
  }

  private static final Map<String, String> ZUUL_PATCH_SET = Map.of(
      "ZUUL_PROJECT", "machinelearning/liftwing/inference-services",
      "ZUUL_PIPELINE", "test",
      "ZUUL_BRANCH", "master",
      "ZUUL_CHANGE", "1234",
      "ZUUL_PATCHSET", "5",
      "ZUUL_REF", "refs/zuul/master/Z0123",
      "ZUUL_COMMIT", "0123456789abcdef0123456789abcdef01234567",
      "ZUUL_URL", "http://zuul.example.org/p");

  private static Map<String, String> zuulIn(String pipeline) {
    Map<String, String> environment = new java.util.HashMap<>(ZUUL_PATCH_SET);
    environment.put("ZUUL_PIPELINE", pipeline);
    return environment;
  }

  private static final String PUBLISH_PLAN_HEAD = String.join("\n",
      "project machinelearning/liftwing/inference-services  commit 0123456789abcdef0123456789abcdef01234567  branch"
          + " master  tag -  timestamp 2024-05-01-120000",
      "%s",
      "publish contexts zuul:gate-and-submit*, zuul:postmerge, zuul:post, zuul:publish, gerrit:change-merged,"
          + " gerrit:ref-updated, ref:refs/tags/*, kind:gate, kind:post-merge, kind:tag",
      "Values in <angle brackets> are known only when the pipeline runs.",
      "",
      "pipeline outlink-publish",
      "  blubberfile .pipeline/outlink/blubber.yaml, directory .",
      "  1. publish",
      "      build   variant production of .pipeline/outlink/blubber.yaml, context .",
      "      publish <imageID of stage publish> as"
          + " machinelearning-liftwing-inference-services-outlink:2024-05-01-120000-publish",
      "                 and machinelearning-liftwing-inference-services-outlink:stable",
      "              %s",
      "");

  @Test
  public void zuulPatchSetDoesNotPublish() {
    Result result = runIn(ZUUL_PATCH_SET, "plan", REPO, "--pipeline", "outlink-publish",
        "--timestamp", "2024-05-01-120000");
    assertEquals(result.err(), 0, result.code());
    assertEquals(String.format(PUBLISH_PLAN_HEAD,
        "trigger Zuul pipeline 'test': patch set (test), change 1234,5, branch master",
        "SKIPPED here: Zuul pipeline 'test' (patch set (test)) is not a publish context"), result.out());

    JsonNode json = JsonMapper.builder().build().readTree(runIn(ZUUL_PATCH_SET, "plan", REPO, "--pipeline",
        "outlink-publish", "--json", "--timestamp", "2024-05-01-120000").out());
    JsonNode trigger = json.get("trigger");
    assertEquals("zuul", trigger.get("source").asString());
    assertEquals("patch-set", trigger.get("kind").asString());
    assertEquals("test", trigger.get("zuulPipeline").asString());
    assertEquals(1234, trigger.get("change").get("number").asInt());
    assertEquals(5, trigger.get("change").get("patchSet").asInt());
    assertEquals("refs/zuul/master/Z0123", trigger.get("ref").asString());
    assertTrue(trigger.get("gerritEvent").isNull());
    JsonNode publish = json.get("pipelines").get(0).get("stages").get(0).get("publish");
    assertFalse(publish.get("publishes").asBoolean());
    assertEquals("Zuul pipeline 'test' (patch set (test)) is not a publish context", publish.get("reason").asString());
    assertEquals(10, json.get("publishContexts").size());
  }

  @Test
  public void zuulPostMergePublishes() {
    Result result = runIn(zuulIn("postmerge"), "plan", REPO, "--pipeline", "outlink-publish",
        "--timestamp", "2024-05-01-120000");
    assertEquals(result.err(), 0, result.code());
    assertEquals(String.format(PUBLISH_PLAN_HEAD,
        "trigger Zuul pipeline 'postmerge': post-merge, change 1234,5, branch master",
        "publishes here: Zuul pipeline 'postmerge' (post-merge) is a publish context (zuul:postmerge)"),
        result.out());
    JsonNode json = JsonMapper.builder().build().readTree(runIn(zuulIn("postmerge"), "plan", REPO, "--json").out());
    assertEquals("post-merge", json.get("trigger").get("kind").asString());
    JsonNode publish = json.get("pipelines").get(1).get("stages").get(0).get("publish");
    assertTrue(publish.get("publishes").asBoolean());
  }

  @Test
  public void flagsWinOverTheTriggerEnvironment() {
    // --event decides alone, over Zuul's pipeline.
    Result patchSet = runIn(zuulIn("postmerge"), "plan", REPO, "--json", "--event", "patch-set");
    JsonNode json = JsonMapper.builder().build().readTree(patchSet.out());
    assertEquals(patchSet.err(), 0, patchSet.code());
    assertTrue(json.get("trigger").get("kindFromCommandLine").asBoolean());
    assertFalse(json.get("pipelines").get(1).get("stages").get(0).get("publish").get("publishes").asBoolean());
    assertEquals("--event patch-set is not a publish context",
        json.get("pipelines").get(1).get("stages").get(0).get("publish").get("reason").asString());
    // --publish-contexts over MODELPIPE_PUBLISH_CONTEXTS over the defaults.
    Map<String, String> environment = new java.util.HashMap<>(ZUUL_PATCH_SET);
    environment.put("MODELPIPE_PUBLISH_CONTEXTS", "zuul:test");
    assertTrue(publishes(runIn(environment, "plan", REPO, "--json")));
    assertFalse(publishes(runIn(environment, "plan", REPO, "--json", "--publish-contexts", "none")));
    // --change names another change: Zuul's patch set is dropped.
    JsonNode change = JsonMapper.builder().build()
        .readTree(runIn(ZUUL_PATCH_SET, "plan", REPO, "--json", "--change", "77").out()).get("trigger").get("change");
    assertEquals(77, change.get("number").asInt());
    assertTrue(change.get("patchSet").isNull());
  }

  private static boolean publishes(Result result) {
    assertEquals(result.err(), 0, result.code());
    return JsonMapper.builder().build().readTree(result.out())
        .get("pipelines").get(1).get("stages").get(0).get("publish").get("publishes").asBoolean();
  }

  @Test
  public void malformedTriggerValuesExitTwoNamingTheVariable() {
    Map<String, String> environment = new java.util.HashMap<>(ZUUL_PATCH_SET);
    environment.put("ZUUL_CHANGE", "12a");
    environment.put("GERRIT_CHANGE_NUMBER", "1234");
    environment.put("MODELPIPE_PUBLISH_CONTEXTS", "kind:nightly");
    Result result = runIn(environment, "plan", REPO, "--patchset", "x");
    assertEquals(2, result.code());
    assertEquals("", result.out());
    assertEquals(String.join("\n",
        "command line: --patchset: 'x' is not a patch set number (a positive integer)",
        "environment: MODELPIPE_PUBLISH_CONTEXTS: 'kind:nightly': not an event kind; one of: patch-set, gate,"
            + " post-merge, tag, manual",
        "environment: ZUUL_CHANGE: '12a' is not a change number (a positive integer)",
        "3 errors", ""), result.err());

    Result disagreeing = runIn(Map.of("ZUUL_CHANGE", "1234", "GERRIT_CHANGE_NUMBER", "1235"), "validate", REPO);
    assertEquals(2, disagreeing.code());
    assertEquals(String.join("\n",
        "environment: GERRIT_CHANGE_NUMBER: '1235' disagrees with ZUUL_CHANGE '1234': Zuul's and Gerrit Trigger's"
            + " variables must describe the same event",
        "1 error", ""), disagreeing.err());
  }
}
