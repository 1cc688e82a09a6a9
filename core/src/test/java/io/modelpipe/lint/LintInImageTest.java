package io.modelpipe.lint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.github.dockerjava.api.model.Container;
import io.modelpipe.cli.Main;
import io.modelpipe.image.ContainerRunner;
import io.modelpipe.image.testing.DockerEngineFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import io.modelpipe.testing.FileTrees;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code modelpipe lint --in-image} on a real engine ({@link DockerEngineFixture}): the examples'
 * test variants, built offline on the local bookworm base as the image tests build them (so their
 * layers come from the engine's cache).
 */
public class LintInImageTest {

  static final Path EXAMPLES = Path.of("..", "examples", "inference-services").toAbsolutePath().normalize();

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    Map<String, String> environment = new HashMap<>(System.getenv());
    environment.keySet().removeIf(key -> key.startsWith("MODELPIPE_") || key.startsWith("DOCKER_"));
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), environment);
    return new Result(code, out.toString(), err.toString());
  }

  /** lint --in-image with the engine options of the fixture. */
  private static Result inImage(DockerEngineFixture engine, Path repo, String... more) {
    List<String> args = new ArrayList<>(List.of("lint", repo.toString(), "--in-image",
        "--docker-host", engine.dockerHost(), "--network", DockerEngineFixture.NETWORK_MODE,
        "--base-map", DockerEngineFixture.EXAMPLES_BASE + "=" + DockerEngineFixture.BOOKWORM, "--pip-offline"));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  private static DockerEngineFixture engine() {
    DockerEngineFixture engine = DockerEngineFixture.get();
    engine.ensureBookworm();
    return engine;
  }

  private static List<Container> leftContainers(DockerEngineFixture engine) {
    return engine.client().listContainersCmd().withShowAll(true)
        .withLabelFilter(Map.of(ContainerRunner.LABEL, "true")).exec();
  }

  @Test
  public void examplesLintCleanInTheTestImageAsItsEntryPointRunsThem() {
    DockerEngineFixture engine = engine();
    int before = leftContainers(engine).size();
    Result result = inImage(engine, EXAMPLES, "--pipeline", "revertrisk", "--json", "-");
    assertEquals(result.out() + result.err(), 0, result.code());
    JsonNode json = JsonMapper.builder().build().readTree(result.out());
    assertTrue(json.get("passed").asBoolean());
    assertTrue(json.get("where").asString(), json.get("where").asString().startsWith("image of variant test of .pipeline/revertrisk/blubber.yaml"));
    List<String> envs = new ArrayList<>();
    json.get("envs").forEach(e -> envs.add(e.get("name").asString()));
    assertEquals(List.of("flake8", "black", "revertrisk"), envs); // the entry point's -e, as is
    assertTrue(result.err(), result.err().contains("to run: tox -e flake8,black,revertrisk"));
    // tox's own lines (such as its warning that it drops PYTHONPATH) are not the tools' output
    for (int i = 0; i < 2; i++) {
      JsonNode command = json.get("envs").get(i).get("commands").get(0);
      assertEquals(command.toString(), 0, command.get("unrecognised").size());
    }
    assertEquals("container removed", before, leftContainers(engine).size());
  }

  @Test
  public void flake8AndBlackFindingsInTheImageEqualTheAgents() throws IOException {
    DockerEngineFixture engine = engine();
    Path copy = copyOfExamples();
    Path model = copy.resolve("revertrisk/model_server/model.py");
    Files.writeString(model, Files.readString(model) + "\nimport os\n");
    Path other = copy.resolve("python/kserve_lite/__init__.py");
    Files.writeString(other, Files.readString(other) + "\nx = ( 1 )\n");

    Result inImage = inImage(engine, copy, "--pipeline", "revertrisk", "--env", "flake8,black", "--json", "-");
    assertEquals(inImage.out() + inImage.err(), 1, inImage.code());
    assertTrue(inImage.err(), inImage.err().contains("to run: tox -e flake8,black"));
    List<String> found = findings(inImage.out());
    assertTrue(found.toString(), found.contains("revertrisk/model_server/model.py:" + (Files.readAllLines(model).size()) + ":1:F401"));
    Matcher removed = Pattern.compile("lint: image (sha256:\\w+) removed").matcher(inImage.err());
    assertTrue(inImage.err(), removed.find());
    assertTrue(engine.client().listImagesCmd().withShowAll(true).exec().stream().noneMatch(i -> i.getId().equals(removed.group(1))));

    // black prints absolute paths (/srv/app/python/...): mapped back to the project too
    assertTrue(found.toString(), found.stream().anyMatch(f -> f.startsWith("python/kserve_lite/__init__.py:") && f.endsWith(":")));

    LintFixtures.assumeInstalled("flake8");
    LintFixtures.assumeInstalled("black");
    Result agent = run("lint", copy.toString(), "--env", "flake8,black", "--json", "-");
    assertEquals(agent.err(), 1, agent.code());
    assertEquals(findings(agent.out()), found);
  }

  private static List<String> findings(String json) {
    List<String> found = new ArrayList<>();
    JsonMapper.builder().build().readTree(json).get("envs").forEach(env -> env.get("findings").forEach(f ->
        found.add(f.get("file").asString() + ":" + f.get("line").asInt() + ":" + f.get("column").asInt() + ":" + f.get("code").asString())));
    return found;
  }

  @Test
  public void anAmbiguousOrMissingSelectionIsExitTwo() throws IOException {
    Result ambiguous = run("lint", EXAMPLES.toString(), "--in-image", "--docker-host", "unix:///nonexistent");
    assertEquals(ambiguous.err(), 2, ambiguous.code());
    assertTrue(ambiguous.err(), ambiguous.err().contains("pipelines outlink, revertrisk, articlequality build a 'test' variant: choose one with --pipeline P"));

    Result noSuchPipeline = run("lint", EXAMPLES.toString(), "--in-image", "--pipeline", "nope");
    assertEquals(noSuchPipeline.err(), 2, noSuchPipeline.code());
    assertTrue(noSuchPipeline.err(), noSuchPipeline.err().contains("no pipeline 'nope'"));

    Result notTox = run("lint", EXAMPLES.toString(), "--in-image", "--pipeline", "revertrisk", "--variant", "production");
    assertEquals(notTox.err(), 2, notTox.code());
    assertTrue(notTox.err(), notTox.err().contains("does not run tox: sh -c"));

    Result noVariant = run("lint", EXAMPLES.toString(), "--in-image", "--pipeline", "revertrisk", "--variant", "tests");
    assertEquals(noVariant.err(), 2, noVariant.code());

    Path copy = copyOfExamples();
    Files.writeString(copy.resolve(".pipeline/config.yaml"), "pipelines:\n  only:\n    blubberfile: revertrisk/blubber.yaml\n"
        + "    stages:\n      - name: production\n        build: production\n");
    Result none = run("lint", copy.toString(), "--in-image");
    assertEquals(none.err(), 2, none.code());
    assertTrue(none.err(), none.err().contains("no pipeline builds a 'test' variant; give --blubber FILE"));

    Result wrongMode = run("lint", EXAMPLES.toString(), "--pipeline", "revertrisk");
    assertEquals(wrongMode.err(), 2, wrongMode.code());
    assertTrue(wrongMode.err(), wrongMode.err().contains("go with --in-image"));
  }

  @Test
  public void anEngineThatDoesNotAnswerIsExitThree() {
    Result result = run("lint", EXAMPLES.toString(), "--in-image", "--pipeline", "outlink", "--docker-host", "unix:///nonexistent");
    assertEquals(result.err(), 3, result.code());
    assertFalse(result.err(), result.err().contains("Exception"));
  }

  @Test
  public void theOnePipelineBuildingTestOrABlubberFileIsChosenWithoutPipeline() throws IOException {
    // selection succeeds, then the engine does not answer: exit 3, not 2
    Path copy = copyOfExamples();
    Files.writeString(copy.resolve(".pipeline/config.yaml"), "pipelines:\n  outlink:\n    blubberfile: outlink/blubber.yaml\n"
        + "    stages:\n      - name: run-test\n        build: test\n        run: true\n");
    Result single = run("lint", copy.toString(), "--in-image", "--docker-host", "unix:///nonexistent");
    assertEquals(single.err(), 3, single.code());
    assertTrue(single.err(), single.err().contains("building variant test of pipeline outlink (.pipeline/outlink/blubber.yaml), to run: tox -e flake8,black,outlink"));

    Result file = run("lint", EXAMPLES.toString(), "--in-image", "--blubber", EXAMPLES.resolve(".pipeline/revertrisk/blubber.yaml").toString(),
        "--env", "black", "--docker-host", "unix:///nonexistent");
    assertEquals(file.err(), 3, file.code());
    assertTrue(file.err(), file.err().contains("building variant test of .pipeline/revertrisk/blubber.yaml, to run: tox -e black"));
  }

  @Test
  public void toxEntryPoints() {
    ToxEntrypoint tox = ToxEntrypoint.of(List.of("tox", "-e", "flake8,black,outlink")).orElseThrow();
    assertEquals(List.of("flake8", "black", "outlink"), tox.envs());
    assertEquals(List.of("tox", "-e", "flake8"), tox.withEnvs(List.of("flake8")));
    ToxEntrypoint module = ToxEntrypoint.of(List.of("python3", "-m", "tox", "-eflake8", "--", "-v")).orElseThrow();
    assertEquals(List.of("flake8"), module.envs());
    assertEquals(List.of("python3", "-m", "tox", "-eblack", "--", "-v"), module.withEnvs(List.of("black")));
    ToxEntrypoint plain = ToxEntrypoint.of(List.of("/usr/bin/tox")).orElseThrow();
    assertEquals(List.of(), plain.envs());
    assertEquals(List.of("/usr/bin/tox", "-e", "a,b"), plain.withEnvs(List.of("a", "b")));
    assertTrue(ToxEntrypoint.of(List.of("sh", "-c", "tox")).isEmpty());
    assertTrue(ToxEntrypoint.of(List.of()).isEmpty());
  }

  private Path copyOfExamples() throws IOException {
    return FileTrees.copy(EXAMPLES, temp.newFolder("inference services").toPath());
  }
}
