package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import io.modelpipe.testing.FileTrees;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Through the real command line, on a copy of the example monorepo: the scope of a check (one
 * team's broken pipeline does not stop another's), PipelineLib's rule on published image names,
 * and duplicate YAML keys.
 */
public class ScopeAndNamingTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path repo;

  private record Result(int code, String out, String err) {}

  private Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  private Result command(String command, String... args) {
    List<String> all = new ArrayList<>(List.of(command, repo.toString(), "--timestamp", "2026-01-02-030405"));
    all.addAll(List.of(args));
    return run(all.toArray(String[]::new));
  }

  @Before
  public void copyOfTheExamples() throws IOException {
    repo = FileTrees.copy(Path.of("../examples/inference-services"), temp.newFolder("inference-services").toPath());
  }

  /** Another team's pipelines: one with a bad stage key, one whose Blubber file is invalid. */
  private void breakOtherPipelines() throws IOException {
    FileTrees.append(repo.resolve(".pipeline/config.yaml"), String.join("\n",
        "",
        "  broken-config:",
        "    blubberfile: outlink/blubber.yaml",
        "    stages:",
        "      - name: test",
        "        bulid: test",
        "  broken-blubber:",
        "    blubberfile: broken.yaml",
        "    stages:",
        "      - name: test",
        "        build: test",
        ""));
    FileTrees.append(repo.resolve(".pipeline/broken.yaml"),
        "version: v4\nbase: docker-registry.wikimedia.org/bookworm:20240609\nlives:\n  uid: nobody\nvariants:\n  test: {}\n");
  }

  private static final String CONFIG_PROBLEM =
      "pipelines.broken-config.stages[0].bulid: unknown key 'bulid'";
  private static final String BLUBBER_PROBLEM =
      ".pipeline/broken.yaml:4:8: lives.uid: expected an integer, found 'nobody'";

  @Test
  public void validateWithoutPipelineReportsEverythingAsErrors() throws IOException {
    breakOtherPipelines();
    Result result = command("validate", "--project", "demo");
    assertEquals(result.err(), 2, result.code());
    // the config is read first: its errors stop the check before Blubber files are read
    assertEquals(".pipeline/config.yaml:63:9: " + CONFIG_PROBLEM + "\n1 error\n", result.err());
    FileTrees.replace(repo.resolve(".pipeline/config.yaml"), "bulid:", "build:");
    result = command("validate", "--project", "demo");
    assertEquals(BLUBBER_PROBLEM + "\n1 error\n", result.err());
  }

  @Test
  public void problemsOfPipelinesNotSelectedAreWarnings() throws Exception {
    breakOtherPipelines();
    String suffix = " (a warning: no selected pipeline reads this)";
    Result validate = command("validate", "--project", "demo", "--pipeline", "outlink", "--pipeline", "outlink-publish");
    assertEquals(validate.err(), 0, validate.code());
    assertTrue(validate.err(), validate.err().contains("warning: .pipeline/config.yaml:63:9: " + CONFIG_PROBLEM + suffix));
    assertTrue(validate.err(), validate.err().contains("warning: " + BLUBBER_PROBLEM + suffix));
    assertTrue(validate.out(), validate.out().contains("valid: 2 pipelines, 3 stages, 3 variants compiled, 2 warnings"));

    JsonMapper json = JsonMapper.builder().build();
    JsonNode report = json.readTree(command("validate", "--project", "demo", "--pipeline", "outlink", "--json").out());
    assertTrue(report.get("valid").asBoolean());
    assertEquals(2, report.get("warnings").size());
    assertEquals(".pipeline/broken.yaml", report.get("warnings").get(0).get("file").asString());

    Result plan = command("plan", "--project", "demo", "--pipeline", "outlink", "--json");
    assertEquals(plan.err(), 0, plan.code());
    JsonNode planned = json.readTree(plan.out());
    assertEquals(1, planned.get("pipelines").size());
    assertEquals(CONFIG_PROBLEM + suffix,
        planned.get("warnings").get(0).get("key").asString() + ": " + planned.get("warnings").get(0).get("message").asString());

    // Selecting the broken pipeline makes its problems errors again.
    Result selected = command("validate", "--project", "demo", "--pipeline", "broken-blubber");
    assertEquals(2, selected.code());
    assertEquals(BLUBBER_PROBLEM + "\n1 error\n", selected.err());
    Result planBroken = command("plan", "--project", "demo", "--pipeline", "broken-config");
    assertEquals(2, planBroken.code());
    assertTrue(planBroken.err(), planBroken.err().contains(CONFIG_PROBLEM));
  }

  /** A pipeline publishing under {@code name}. */
  private void publishAs(String name) throws IOException {
    FileTrees.append(repo.resolve(".pipeline/config.yaml"), String.join("\n",
        "",
        "  named:",
        "    blubberfile: outlink/blubber.yaml",
        "    stages:",
        "      - name: publish",
        "        build: production",
        "        publish:",
        "          image:",
        "            name: '" + name + "'",
        ""));
  }

  @Test
  public void publishedNameMustBeTheProjectsOrStartWithIt() throws IOException {
    publishAs("outlink");
    String problem = ".pipeline/config.yaml:66:19: pipelines.named.stages[0].publish.image.name: 'outlink' resolves to"
        + " 'outlink': PipelineLib publishes an image only under the project's full or short name, or a name starting"
        + " with one of them and '-': 'machinelearning-liftwing-inference-services',"
        + " 'machinelearning-liftwing-inference-services-*', 'inference-services' or 'inference-services-*'";
    String[] known = {"--project", "machinelearning/liftwing/inference-services"};
    Result validate = command("validate", known);
    assertEquals(validate.err(), 2, validate.code());
    assertEquals(problem + "\n1 error\n", validate.err());
    Result plan = command("plan", known);
    assertEquals(2, plan.code());
    assertTrue(plan.err(), plan.err().contains(problem));
  }

  @Test
  public void publishedNameMayBeTheShortNameOrStartWithIt() throws IOException {
    publishAs("Inference/Services-outlink"); // lower-cased, '/' to '-': inference-services-outlink
    assertEquals(0, command("validate", "--project", "machinelearning/liftwing/inference-services").code());
    assertEquals(0, command("validate", "--project", "inference-services").code());
    // not a prefix at a dash: 'inference-servicesx' is refused
    assertEquals(2, command("validate", "--project", "inference-service").code());
  }

  @Test
  public void withAProjectOnlyGuessedFromTheDirectoryTheNameRuleIsAWarning() throws IOException {
    // no --project, no trigger, no git remote: the project is the directory's name, a guess
    publishAs("outlink");
    Result validate = command("validate");
    assertEquals(validate.err(), 0, validate.code());
    assertTrue(validate.err(), validate.err().contains("warning: .pipeline/config.yaml:66:19: pipelines.named.stages[0]"
        + ".publish.image.name: 'outlink' resolves to 'outlink': PipelineLib publishes an image only under"));
    assertTrue(validate.err(), validate.err().contains("not checked as an error: the project 'inference-services' is only"
        + " the directory's name (give --project, or set ZUUL_PROJECT or GERRIT_PROJECT)"));
    // names derived from ${setup.project} pass whatever the project is
    assertFalse(validate.err(), validate.err().contains("outlink-publish"));
  }

  @Test
  public void duplicateKeysKeepTheLastValueWithALocatedWarning() throws IOException {
    FileTrees.replace(repo.resolve(".pipeline/config.yaml"), "  outlink:\n    blubberfile: outlink/blubber.yaml\n",
        "  outlink:\n    blubberfile: nothing-here.yaml\n    blubberfile: outlink/blubber.yaml\n");
    FileTrees.replace(repo.resolve(".pipeline/outlink/blubber.yaml"), "lives:\n  in: /srv/app\n",
        "lives:\n  in: /nowhere\n  in: /srv/app\n");
    Result validate = command("validate", "--project", "demo");
    assertEquals(validate.err(), 0, validate.code());
    assertTrue(validate.err(), validate.err().contains(
        "warning: .pipeline/config.yaml:4:5: pipelines.outlink.blubberfile: duplicate key, the value at 4:18 wins\n"));
    assertTrue(validate.err(), validate.err().contains(
        "warning: .pipeline/outlink/blubber.yaml:13:3: lives.in: duplicate key, the value at 13:7 wins\n"));
    Result blubber = run("blubber", repo.resolve(".pipeline/outlink/blubber.yaml").toString(), "production");
    assertTrue(blubber.out(), blubber.out().contains("WORKDIR \"/srv/app\""));
    assertFalse(blubber.out(), blubber.out().contains("/nowhere"));
    assertTrue(blubber.err(), blubber.err().contains("lives.in: duplicate key, the value at 13:7 wins"));
  }

  @Test
  public void affectedSelectsDespiteBrokenPipelinesUnlessTheChangeEditsWhatTheyRead() throws Exception {
    breakOtherPipelines();
    org.eclipse.jgit.api.Git git = io.modelpipe.testing.GitRepos.init(repo);
    io.modelpipe.testing.GitRepos.commitAll(git, "initial");
    String[] noEngine = {"--log-dir", temp.getRoot().toPath().resolve("logs").toString(),
        "--docker-host", "unix://" + temp.getRoot() + "/none.sock"};
    FileTrees.append(repo.resolve("outlink/model_server/model.py"), "\n# edited\n");
    Result affected = run("affected", repo.toString(), "--since", "HEAD");
    assertEquals(affected.err(), 0, affected.code());
    assertTrue(affected.out(), affected.out().contains("outlink"));
    String suffix = " (a warning: no selected pipeline reads this)";
    assertTrue(affected.err(), affected.err().contains("warning: .pipeline/config.yaml:63:9: " + CONFIG_PROBLEM + suffix));
    assertTrue(affected.err(), affected.err().contains("warning: " + BLUBBER_PROBLEM + suffix));
    // run --affected selects the same way: past validation to the missing engine (exit 3)
    List<String> runArgs = new ArrayList<>(List.of("run", repo.toString(), "--affected", "--since", "HEAD"));
    runArgs.addAll(List.of(noEngine));
    Result runAffected = run(runArgs.toArray(String[]::new));
    assertEquals(runAffected.err(), 3, runAffected.code());
    assertTrue(runAffected.err(), runAffected.err().contains("warning: " + BLUBBER_PROBLEM + suffix));

    // a change that edits what a broken pipeline reads may be the one that broke it: errors again
    FileTrees.append(repo.resolve(".pipeline/broken.yaml"), "# edited\n");
    Result blubberEdited = run("affected", repo.toString(), "--since", "HEAD");
    assertEquals(blubberEdited.err(), 2, blubberEdited.code());
    assertTrue(blubberEdited.err(), blubberEdited.err().contains(BLUBBER_PROBLEM));
    FileTrees.append(repo.resolve(".pipeline/config.yaml"), "# edited\n");
    Result edited = run("affected", repo.toString(), "--since", "HEAD");
    assertEquals(edited.err(), 2, edited.code());
    assertTrue(edited.err(), edited.err().contains(CONFIG_PROBLEM));
    assertEquals(2, run(runArgs.toArray(String[]::new)).code());
  }
}
