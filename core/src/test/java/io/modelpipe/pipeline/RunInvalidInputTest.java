package io.modelpipe.pipeline;

import static io.modelpipe.pipeline.RunTesting.lines;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import com.github.dockerjava.api.DockerClient;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.pipeline.RunTesting.Cli;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Before;
import org.junit.BeforeClass;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code modelpipe run} on bad input, against a real engine: every case is exit 2 with the located
 * message, before anything is built (the engine's images, intermediate ones included, and its
 * containers are the same after the run), and no stage table is printed.
 */
public class RunInvalidInputTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static DockerEngineFixture engine;
  private Path repo;
  private Path work;

  @BeforeClass
  public static void engine() {
    engine = DockerEngineFixture.get();
    RunTesting.ensureBusyboxAccounts(engine);
  }

  @Before
  public void repository() throws IOException {
    repo = temp.newFolder("repo").toPath();
    work = temp.newFolder("work").toPath();
    RunTesting.writeTree(repo, Map.of(
        ".pipeline/config.yaml", lines(
            "pipelines:",
            "  app:",
            "    blubberfile: blubber.yaml",
            "    stages:",
            "      - name: check",
            "        build: app",
            "        run: true",
            "  app-publish:",
            "    blubberfile: blubber.yaml",
            "    stages:",
            "      - name: publish",
            "        build: app",
            "        publish:",
            "          image:",
            "            name: app",
            "            tags: [stable, '${setup.tag}']"),
        ".pipeline/blubber.yaml", lines(
            "version: v4",
            "base: " + RunTesting.BUSYBOX_ACCOUNTS,
            "lives:",
            "  in: /srv/app",
            "variants:",
            "  app:",
            "    copies:",
            "      - from: local",
            "        source: app",
            "        destination: app",
            "    entrypoint: [cat, /srv/app/app/content.txt]"),
        "app/content.txt", "app\n"));
  }

  /** Runs with the fixture's engine; asserts exit 2, the message, and that the engine is untouched. */
  private Cli assertInvalid(Map<String, String> extraEnvironment, String expected, String... args) {
    DockerClient docker = engine.client();
    Set<String> imagesBefore = RunTesting.imageIds(docker);
    int containersBefore = RunTesting.containers(docker).size();
    Map<String, String> env = new LinkedHashMap<>(RunTesting.engineEnvironment(engine));
    env.putAll(extraEnvironment);
    List<String> all = new java.util.ArrayList<>(List.of("run", repo.toString(), "--log-dir", work.resolve("logs").toString(),
        "--json", work.resolve("result.json").toString()));
    all.addAll(List.of(args));
    Cli cli = RunTesting.modelpipe(env, all.toArray(String[]::new));
    assertEquals(cli.all(), 2, cli.code());
    assertTrue(cli.all(), cli.err().contains(expected));
    assertFalse("no stage table on bad input: " + cli.all(), cli.out().contains("STAGE"));
    assertFalse("no build started: " + cli.all(), cli.err().contains("build:"));
    assertEquals("images of the engine", imagesBefore, RunTesting.imageIds(docker));
    assertEquals("containers of the engine", containersBefore, RunTesting.containers(docker).size());
    assertFalse("no result file", Files.exists(work.resolve("result.json")));
    return cli;
  }

  @Test
  public void malformedConfigIsReportedWithItsPosition() throws IOException {
    Path config = repo.resolve(".pipeline/config.yaml");
    Files.writeString(config, Files.readString(config).replace("        run: true", "        rnu: true"));
    assertInvalid(Map.of(), ".pipeline/config.yaml:7:9: pipelines.app.stages[0].rnu: unknown key 'rnu'\n1 error\n");
  }

  @Test
  public void yamlSyntaxErrorIsExit2() throws IOException {
    Files.writeString(repo.resolve(".pipeline/config.yaml"), "pipelines:\n  app: [unclosed\n");
    assertInvalid(Map.of(), ".pipeline/config.yaml:");
  }

  @Test
  public void invalidBlubberFileOfAnotherPipelineIsAWarningUnlessSelected() throws IOException {
    // PipelineLib reads only the pipeline a job names: another team's broken pipeline does not stop this run.
    Path config = repo.resolve(".pipeline/config.yaml");
    Files.writeString(config, Files.readString(config) + lines(
        "  other:",
        "    blubberfile: other.yaml",
        "    stages:",
        "      - name: build",
        "        build: app"));
    Files.writeString(repo.resolve(".pipeline/other.yaml"), lines(
        "version: v4",
        "base: " + RunTesting.BUSYBOX_ACCOUNTS,
        "lives:",
        "  uid: nobody",
        "variants:",
        "  app: {}"));
    String problem = ".pipeline/other.yaml:4:8: lives.uid: expected an integer, found 'nobody'";
    assertInvalid(Map.of(), problem, "--pipeline", "other");
    assertInvalid(Map.of(), problem, "--pipeline", "app", "--pipeline", "other");
    // Selected alone, app gets past validation (to the missing engine: exit 3) with the problem as a warning.
    Map<String, String> noEngine = Map.of("DOCKER_HOST", "unix://" + temp.getRoot() + "/no-engine.sock");
    Cli cli = RunTesting.modelpipe(noEngine, "run", repo.toString(), "--log-dir", work.resolve("logs").toString(),
        "--pipeline", "app");
    assertEquals(cli.all(), 3, cli.code());
    assertTrue(cli.all(), cli.err().contains("warning: " + problem + " (a warning: no selected pipeline reads this)"));
  }

  @Test
  public void malformedSourceDateEpochIsExit2BeforeAnyBuild() {
    assertInvalid(Map.of("SOURCE_DATE_EPOCH", "2024-06-09"),
        "run: SOURCE_DATE_EPOCH: found '2024-06-09'; expected seconds since 1970-01-01 UTC as a decimal integer");
  }

  @Test
  public void unknownPipelineNamesTheKnownOnes() {
    assertInvalid(Map.of(), "no pipeline 'ap'; the config has app, app-publish", "--pipeline", "ap");
  }

  @Test
  public void publishingRunWithoutRegistryIsExit2BeforeAnyBuild() {
    // app (no publish) would build first; the check covers the whole run.
    Cli cli = assertInvalid(Map.of(),
        "stage 'publish' of pipeline 'app-publish' publishes in this context", "--event", "post-merge");
    assertTrue(cli.err(), cli.err().contains("but no registry is given: give --registry HOST[:PORT][/NAMESPACE] or set"
        + " MODELPIPE_REGISTRY"));
  }

  @Test
  public void publishingContextFromGerritTriggerWithoutRegistryIsExit2() {
    assertInvalid(Map.of("GERRIT_EVENT_TYPE", "change-merged", "GERRIT_PROJECT", "team/app", "GERRIT_BRANCH", "master",
            "GERRIT_CHANGE_NUMBER", "12", "GERRIT_PATCHSET_NUMBER", "2", "GERRIT_NEWREV", "0123456789abcdef0123"),
        "publishes in this context", "--pipeline", "app-publish");
  }

  @Test
  public void tagThatIsNotAnImageTagIsExit2() {
    assertInvalid(Map.of(), "'${setup.tag}' resolves to 'v1 beta', which is not a valid image tag",
        "--event", "tag", "--tag", "v1 beta", "--registry", "127.0.0.1:5999");
  }

  @Test
  public void badTagInTheConfigIsExit2() throws IOException {
    Path config = repo.resolve(".pipeline/config.yaml");
    Files.writeString(config, Files.readString(config).replace("'${setup.tag}'", "'Not A Tag!'"));
    assertInvalid(Map.of(), "pipelines.app-publish.stages[0].publish.image.tags[1]: 'Not A Tag!' is not a valid image tag");
  }

  @Test
  public void badRegistryIsExit2() {
    assertInvalid(Map.of(), "registry: 'registry' would be read by Docker as a Docker Hub namespace, not a registry",
        "--event", "post-merge", "--registry", "registry/namespace");
  }

  @Test
  public void malformedTriggerVariableIsExit2() {
    assertInvalid(Map.of("GERRIT_EVENT_TYPE", "patchset-created", "GERRIT_CHANGE_NUMBER", "12a", "GERRIT_PATCHSET_NUMBER", "1"),
        "environment: GERRIT_CHANGE_NUMBER: '12a' is not a change number");
  }

  @Test
  public void credentialOffTheAllowListIsExit2EvenWithItsValueSet() throws IOException {
    Path config = repo.resolve(".pipeline/config.yaml");
    Files.writeString(config, Files.readString(config).replace("        run: true",
        "        run:\n          credentials:\n            - {id: ci-token, name: TOKEN}\n            - {id: ops-key, name: KEY}"));
    Map<String, String> values = Map.of("MODELPIPE_CREDENTIAL_CI_TOKEN", "t", "MODELPIPE_CREDENTIAL_OPS_KEY", "k");
    String expected = ".pipeline/config.yaml:5:9: pipelines.app.stages[0]: run step asks for credential 'ops-key' (for KEY),"
        + " which this job does not allow; allowed: ci-token\n1 error\n";
    assertInvalid(values, expected, "--allowed-credentials", "ci-token");
    Map<String, String> variable = new LinkedHashMap<>(values);
    variable.put("MODELPIPE_ALLOWED_CREDENTIALS", "ci-token");
    assertInvalid(variable, expected);
    // an empty list allows none; ids compare exactly, as PipelineLib's
    variable.put("MODELPIPE_ALLOWED_CREDENTIALS", "");
    assertInvalid(variable, "run step asks for credential 'ci-token' (for TOKEN), which this job does not allow; allowed: none");
    assertInvalid(values, "which this job does not allow; allowed: CI-TOKEN, ops-keys", "--allowed-credentials", "CI-TOKEN,ops-keys");
  }

  @Test
  public void badFlagValueIsExit2() {
    assertInvalid(Map.of(), "jobs must be from 1 to 64, not 0", "--jobs", "0");
  }

  @Test
  public void invalidInputIsExit2EvenWithoutAnEngine() throws IOException {
    // Validation comes first: bad input is reported as such, not as a missing engine (exit 3).
    Map<String, String> noEngine = Map.of("DOCKER_HOST", "unix://" + temp.getRoot() + "/no-engine.sock");
    String logs = work.resolve("logs").toString();
    Cli noRegistry = RunTesting.modelpipe(noEngine, "run", repo.toString(), "--log-dir", logs, "--event", "post-merge");
    assertEquals(noRegistry.all(), 2, noRegistry.code());
    assertTrue(noRegistry.all(), noRegistry.err().contains("but no registry is given"));

    Path config = repo.resolve(".pipeline/config.yaml");
    Files.writeString(config, Files.readString(config).replace("        run: true", "        rnu: true"));
    Cli cli = RunTesting.modelpipe(noEngine, "run", repo.toString(), "--log-dir", logs);
    assertEquals(cli.all(), 2, cli.code());
    assertTrue(cli.all(), cli.err().contains("pipelines.app.stages[0].rnu: unknown key"));
  }
}
