package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code modelpipe validate} through the real command line, on the example monorepo. */
public class ValidateCommandTest {

  private static final String EXAMPLES = "../examples/inference-services";

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  @Test
  public void exampleMonorepoIsValidAndEveryBuiltVariantCompiles() {
    Result result = run("validate", EXAMPLES, "--project", "demo", "--timestamp", "2026-01-02-030405");
    assertEquals(result.err(), 0, result.code());
    assertTrue(result.out(), result.out().contains("valid: 6 pipelines, 9 stages, 9 variants compiled, 0 warnings"));
    assertTrue(result.out(), result.out().contains(".pipeline/revertrisk/blubber.yaml"));
  }

  @Test
  public void invalidRepositoryPrintsEveryLocatedProblemAndExitsTwo() {
    Result result = run("validate", "src/test/resources/invalid/repo-errors-in-two-files");
    assertEquals(2, result.code());
    assertEquals(
        ".pipeline/b/blubber.yaml:4:8: lives.uid: expected an integer, found 'nobody'\n"
            + ".pipeline/config.yaml:6:16: pipelines.a.stages[0].build: variant 'test' not found in "
            + ".pipeline/a/blubber.yaml; known variants: build, production\n"
            + "2 errors\n",
        result.err());
    assertEquals("", result.out());
  }

  @Test
  public void jsonReportsValidityVariantsAndErrors() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    Result ok = run("validate", EXAMPLES, "--json", "--project", "demo");
    assertEquals(0, ok.code());
    JsonNode valid = json.readTree(ok.out());
    assertTrue(valid.get("valid").asBoolean());
    assertEquals(9, valid.get("variants").size());
    assertEquals("outlink", valid.get("variants").get(0).get("pipeline").asString());

    Result bad = run("validate", "src/test/resources/invalid/repo-missing-variant", "--json");
    assertEquals(2, bad.code());
    JsonNode invalid = json.readTree(bad.out());
    assertEquals(false, invalid.get("valid").asBoolean());
    JsonNode error = invalid.get("errors").get(0);
    assertEquals(".pipeline/config.yaml", error.get("file").asString());
    assertEquals(6, error.get("line").asInt());
    assertEquals(16, error.get("column").asInt());
    assertEquals("pipelines.svc.stages[0].build", error.get("key").asString());
  }

  @Test
  public void resultFileGetsTheJsonFormWhileTheConsoleKeepsTheText() throws Exception {
    JsonMapper json = JsonMapper.builder().build();
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("validate-result");
    java.nio.file.Path okFile = dir.resolve("ok.json");
    Result ok = run("validate", EXAMPLES, "--project", "demo", "--result-file", okFile.toString());
    assertEquals(ok.err(), 0, ok.code());
    assertTrue(ok.out(), ok.out().contains("valid: 6 pipelines, 9 stages, 9 variants compiled, 0 warnings"));
    assertTrue(json.readTree(okFile.toFile()).get("valid").asBoolean());

    java.nio.file.Path badFile = dir.resolve("bad.json");
    Result bad = run("validate", "src/test/resources/invalid/repo-missing-variant", "--result-file", badFile.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err(), bad.err().contains(".pipeline/config.yaml:6:16: pipelines.svc.stages[0].build: "));
    JsonNode invalid = json.readTree(badFile.toFile());
    assertEquals(false, invalid.get("valid").asBoolean());
    assertEquals(6, invalid.get("errors").get(0).get("line").asInt());
  }

  @Test
  public void notADirectoryIsInvalidInput() {
    Result result = run("validate", "does/not/exist");
    assertEquals(2, result.code());
    assertTrue(result.err(), result.err().contains("does/not/exist: not a directory"));
  }
}
