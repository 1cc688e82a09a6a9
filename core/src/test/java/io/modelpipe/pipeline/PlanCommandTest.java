package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
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

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
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
        "project machinelearning-liftwing-inference-services  commit abc123  branch master  tag -  timestamp"
            + " 2024-05-01-120000",
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
    // Without --project the environment (ZUUL_PROJECT, GERRIT_PROJECT) decides, else the directory name.
    String expected = System.getenv("ZUUL_PROJECT") != null || System.getenv("GERRIT_PROJECT") != null
        ? setup.get("project").asString() : "liftwing";
    assertEquals(expected, setup.get("project").asString());
  }
}
