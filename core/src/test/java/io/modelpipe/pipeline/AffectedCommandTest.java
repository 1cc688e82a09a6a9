package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import io.modelpipe.testing.FileTrees;
import io.modelpipe.testing.GitRepos;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code modelpipe affected} through the real command line, on a git copy of the example monorepo. */
public class AffectedCommandTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path repo;
  private Git git;
  private RevCommit initial;

  private record Result(int code, String out, String err) {}

  @Before
  public void exampleRepository() throws Exception {
    repo = FileTrees.copy(AffectedPipelinesTest.EXAMPLES, temp.newFolder("inference-services").toPath());
    Files.writeString(repo.resolve(".gitignore"), "__pycache__/\n*.pyc\n.tox/\n");
    git = GitRepos.init(repo);
    initial = GitRepos.commitAll(git, "initial");
  }

  @After
  public void close() {
    git.close();
  }

  private Result run(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--project", "machinelearning/liftwing/inference-services"));
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), environment);
    return new Result(code, out.toString(), err.toString());
  }

  private Result run(String... args) {
    return run(Map.of(), args);
  }

  @Test
  public void sinceARevisionWithUncommittedAndUntrackedFiles() throws Exception {
    append("outlink/model_server/model.py", "# uncommitted\n");
    Files.writeString(repo.resolve("revertrisk/model_server/features.py"), "# untracked\n");
    Files.writeString(repo.resolve("revertrisk/model_server/features.pyc"), "ignored by git\n");

    Result result = run("affected", repo.toString(), "--since", "HEAD");

    assertEquals(result.err(), 0, result.code());
    assertEquals(String.join("\n",
        "outlink: outlink/model_server/model.py is copied by variant test (copies: outlink)",
        "outlink-publish: outlink/model_server/model.py is copied by variant production (copies: outlink/model_server)",
        "revertrisk: revertrisk/model_server/features.py is copied by variant test (copies: revertrisk)",
        "revertrisk-publish: revertrisk/model_server/features.py is copied by variant production (copies: revertrisk/model_server)",
        "4 of 6 pipelines affected by 2 changed files (working tree against HEAD (" + shortId(initial) + "))",
        ""), result.out());
    assertEquals("", result.err());
  }

  @Test
  public void aConfigEditSelectsOnlyTheEditedEntry() throws Exception {
    replace(".pipeline/config.yaml", "name: '${setup.project}-revertrisk'", "name: '${setup.project}-revert-risk'");
    Result result = run("affected", repo.toString(), "--since", "HEAD");
    assertEquals(result.err(), 0, result.code());
    assertTrue(result.out(), result.out().startsWith(
        "revertrisk-publish: .pipeline/config.yaml: its entry changed\n1 of 6 pipelines affected by 1 changed file"));
  }

  @Test
  public void nothingAffectedIsExitZeroAndSaysSo() throws Exception {
    append("README.md", "Another paragraph.\n");
    Result result = run("affected", repo.toString(), "--since", "HEAD");
    assertEquals(result.err(), 0, result.code());
    assertEquals("no pipeline affected by 1 changed file (working tree against HEAD (" + shortId(initial) + "))\n",
        result.out());
  }

  @Test
  public void withoutSinceTheTriggersCommitAgainstItsParent() throws Exception {
    append("articlequality/model_server/model.py", "# the change\n");
    RevCommit change = GitRepos.commitAll(git, "articlequality");
    append("python/kserve_lite/errors.py", "# uncommitted: not part of the trigger's commit\n");

    Result zuul = run(Map.of("ZUUL_PIPELINE", "test", "ZUUL_PROJECT", "machinelearning/liftwing/inference-services",
        "ZUUL_CHANGE", "1234", "ZUUL_PATCHSET", "1", "ZUUL_COMMIT", change.name()), "affected", repo.toString());
    assertEquals(zuul.err(), 0, zuul.code());
    assertTrue(zuul.out(), zuul.out().endsWith("2 of 6 pipelines affected by 1 changed file (commit " + shortId(change)
        + " against its parent (" + shortId(initial) + "))\n"));
    assertTrue(zuul.out(), zuul.out().startsWith("articlequality: articlequality/model_server/model.py is copied"));

    Result flag = run("affected", repo.toString(), "--commit", initial.name());
    assertEquals(flag.err(), 0, flag.code());
    assertTrue("the root commit adds every file", flag.out().contains("6 of 6 pipelines affected"));
    assertTrue(flag.out(), flag.out().contains("outlink-publish: .pipeline/config.yaml: its entry is new (the file is new)\n"));

    Result head = run("affected", repo.toString());
    assertEquals(head.out(), zuul.out());
  }

  @Test
  public void jsonNamesTheComparisonTheFilesAndEachReason() throws Exception {
    append("outlink/model_server/model.py", "# changed\n");
    Result result = run("affected", repo.toString(), "--since", initial.name(), "--json");
    assertEquals(result.err(), 0, result.code());
    JsonNode json = JsonMapper.builder().build().readTree(result.out());
    assertEquals(1, json.get("format").asInt());
    assertEquals(initial.name(), json.get("base").asString());
    assertEquals(initial.name(), json.get("baseCommit").asString());
    assertTrue(json.get("head").isNull());
    assertEquals("outlink/model_server/model.py", json.get("changedFiles").get(0).asString());
    JsonNode outlink = json.get("affected").get(0);
    assertEquals("outlink", outlink.get("pipeline").asString());
    JsonNode reason = outlink.get("reasons").get(0);
    assertEquals("outlink/model_server/model.py", reason.get("file").asString());
    assertEquals("copies", reason.get("kind").asString());
    assertEquals("run-test", reason.get("stage").asString());
    assertEquals("outlink/model_server/model.py is copied by variant test (copies: outlink)", reason.get("text").asString());
    assertEquals("outlink-publish", json.get("affected").get(1).get("pipeline").asString());
    assertEquals(4, json.get("unaffected").size());
  }

  @Test
  public void aBadRevisionIsExitTwo() {
    Result result = run("affected", repo.toString(), "--since", "no-such-branch");
    assertEquals(2, result.code());
    assertEquals("command line: --since: unknown revision 'no-such-branch'\n1 error\n", result.err());
    assertEquals("", result.out());
  }

  @Test
  public void aDirectoryOutsideGitIsExitTwo() throws Exception {
    Path plain = FileTrees.copy(AffectedPipelinesTest.EXAMPLES, temp.newFolder("plain").toPath());
    Result result = run("affected", plain.toString(), "--since", "HEAD");
    assertEquals(2, result.code());
    assertEquals("command line: --since: " + plain + " is not in a git repository\n1 error\n", result.err());

    Result noSince = run("affected", plain.toString());
    assertEquals(2, noSince.code());
    assertEquals("command line: " + plain + " is not in a git repository\n1 error\n", noSince.err());
  }

  private static String shortId(RevCommit commit) {
    return commit.name().substring(0, 8);
  }

  private void append(String path, String text) throws Exception {
    FileTrees.append(repo.resolve(path), text);
  }

  private void replace(String path, String from, String to) throws Exception {
    FileTrees.replace(repo.resolve(path), from, to);
  }
}
