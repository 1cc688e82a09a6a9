package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.git.GitException;
import io.modelpipe.pipeline.AffectedPipeline.Kind;
import io.modelpipe.testing.FileTrees;
import io.modelpipe.testing.GitRepos;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.trigger.TriggerSource;
import io.modelpipe.yaml.InvalidInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link AffectedPipelines} on a git copy of the example monorepo, changed as a developer would. */
public class AffectedPipelinesTest {

  static final Path EXAMPLES = Path.of("../examples/inference-services");

  static final List<String> ALL = List.of(
      "outlink", "outlink-publish", "revertrisk", "revertrisk-publish", "articlequality", "articlequality-publish");

  private static final Setup SETUP = Setup.builder()
      .project("machinelearning/liftwing/inference-services").commit("abc123").branch("main")
      .timestamp("2026-01-02-030405").build();

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path repo;
  private Git git;
  private RevCommit initial;

  @Before
  public void exampleRepository() throws Exception {
    repo = FileTrees.copy(EXAMPLES, temp.newFolder("inference-services").toPath());
    Files.writeString(repo.resolve(".gitignore"), "__pycache__/\n*.pyc\n.tox/\n");
    git = GitRepos.init(repo);
    initial = GitRepos.commitAll(git, "initial");
  }

  @After
  public void close() {
    git.close();
  }

  @Test
  public void aChangeToOneServiceSelectsOnlyThatServicesPipelines() throws Exception {
    append("outlink/model_server/model.py", "# tuned\n");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of("outlink", "outlink-publish"), selection.names());
    assertEquals(List.of(
        "outlink: outlink/model_server/model.py is copied by variant test (copies: outlink)",
        "outlink-publish: outlink/model_server/model.py is copied by variant production (copies: outlink/model_server)"),
        selection.lines());
    assertEquals(List.of("revertrisk", "revertrisk-publish", "articlequality", "articlequality-publish"), selection.unaffected());
    AffectedPipeline.Reason reason = selection.affected().get(0).reasons().get(0);
    assertEquals(Kind.COPIES, reason.kind());
    assertEquals("run-test", reason.stage());
    assertEquals("2 of 6 pipelines affected by 1 changed file (working tree against HEAD ("
        + initial.name().substring(0, 8) + "))", selection.summary());
  }

  @Test
  public void aChangeToSharedCodeSelectsEveryPipelineThatCopiesIt() throws Exception {
    append("python/kserve_lite/server.py", "# shared\n");
    assertEquals(ALL, sinceHead().names());
  }

  @Test
  public void requirementsCountThroughIncludesAndThroughCopiesFromAnotherVariant() throws Exception {
    append("outlink/model_server/requirements.txt", "# pinned\n");
    append("revertrisk/model_server/requirements.txt", "# pinned\n");
    Map<String, List<String>> reasons = reasonsByPipeline(sinceHead());
    assertEquals(List.of("outlink", "outlink-publish", "revertrisk", "revertrisk-publish"), List.copyOf(reasons.keySet()));
    // production copies from build: build's requirements are part of the production image
    assertEquals(List.of("outlink/model_server/requirements.txt is a requirements file of variant build (built for production)"),
        reasons.get("outlink-publish"));
    // production includes build: the merged variant has build's requirements
    assertEquals(List.of("revertrisk/model_server/requirements.txt is a requirements file of variant production"),
        reasons.get("revertrisk-publish"));
  }

  @Test
  public void testsAndToxIniAffectOnlyTheTestPipelines() throws Exception {
    append("outlink/tests/test_model.py", "# another case\n");
    append("tox.ini", "# comment\n");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of("outlink", "revertrisk", "articlequality"), selection.names());
    assertEquals(List.of(
        "outlink: outlink/tests/test_model.py is copied by variant test (copies: outlink)",
        "outlink: tox.ini is copied by variant test (copies: tox.ini)"),
        selection.affected().get(0).lines());
  }

  @Test
  public void aBlubberFileSelectsThePipelinesBuildingFromIt() throws Exception {
    append(".pipeline/revertrisk/blubber.yaml", "# reviewed\n");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of("revertrisk", "revertrisk-publish"), selection.names());
    assertEquals(List.of("revertrisk-publish: .pipeline/revertrisk/blubber.yaml is the Blubber file of stage publish"),
        selection.affected().get(1).lines());
    assertEquals(Kind.BLUBBER_FILE, selection.affected().get(1).reasons().get(0).kind());
  }

  @Test
  public void aConfigEditOfOneEntrySelectsOnlyThatEntry() throws Exception {
    replace(".pipeline/config.yaml", "name: '${setup.project}-outlink'\n            tags: [stable]",
        "name: '${setup.project}-outlink'\n            tags: [stable, latest]");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of("outlink-publish"), selection.names());
    assertEquals(List.of("outlink-publish: .pipeline/config.yaml: its entry changed"), selection.lines());
    assertEquals(Kind.CONFIG_ENTRY, selection.affected().get(0).reasons().get(0).kind());
  }

  @Test
  public void commentsAndLayoutOfTheConfigSelectNothing() throws Exception {
    replace(".pipeline/config.yaml", "pipelines:\n", "# Services of the monorepo.\npipelines:\n");
    replace(".pipeline/config.yaml", "tags: [stable]", "tags:\n              - stable");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of(".pipeline/config.yaml"), selection.changes().paths());
    assertEquals(List.of(), selection.names());
  }

  @Test
  public void aVariantCopyingTheWholeContextIsAffectedByEveryEditOfTheConfig() throws Exception {
    Files.createDirectories(repo.resolve(".pipeline/precommit"));
    Files.writeString(repo.resolve(".pipeline/precommit/blubber.yaml"), String.join("\n",
        "version: v4", "base: docker-registry.wikimedia.org/bookworm:20240609", "lives:", "  in: /srv/app",
        "variants:", "  check:", "    copies: [local]", "    entrypoint: [pre-commit, run, --all-files]", ""));
    append(".pipeline/config.yaml", "\n  pre-commit-check:\n    blubberfile: precommit/blubber.yaml\n"
        + "    stages:\n      - name: check\n");
    GitRepos.commitAll(git, "pre-commit-check");

    replace(".pipeline/config.yaml", "name: '${setup.project}-outlink'\n            tags: [stable]",
        "name: '${setup.project}-outlink'\n            tags: [stable, latest]");
    AffectedSelection entryEdit = sinceHead();
    assertEquals(List.of("outlink-publish", "pre-commit-check"), entryEdit.names());
    assertEquals("pre-commit-check: .pipeline/config.yaml is copied by variant check (copies: .)",
        entryEdit.affected().get(1).lines().get(0));
    assertEquals(Kind.COPIES, entryEdit.affected().get(1).reasons().get(0).kind());

    GitRepos.commitAll(git, "tags");
    replace(".pipeline/config.yaml", "pipelines:\n", "# Services of the monorepo.\npipelines:\n");
    assertEquals("a comment is in the copied file too", List.of("pre-commit-check"), sinceHead().names());
  }

  @Test
  public void aNewPipelineCountsAsChangedAndARemovedOneIsGone() throws Exception {
    String config = Files.readString(repo.resolve(".pipeline/config.yaml"));
    int cut = config.indexOf("  articlequality:\n");
    Files.writeString(repo.resolve(".pipeline/config.yaml"), config.substring(0, cut)
        + "  outlink-lint:\n    blubberfile: outlink/blubber.yaml\n    stages:\n      - name: test\n");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of("outlink-lint"), selection.names());
    assertEquals(List.of("outlink-lint: .pipeline/config.yaml: its entry is new"), selection.lines());
    assertEquals(List.of("outlink", "outlink-publish", "revertrisk", "revertrisk-publish"), selection.unaffected());
  }

  @Test
  public void aChangeOutsideEverythingSelectsNothing() throws Exception {
    append("README.md", "More words.\n");
    Files.createDirectories(repo.resolve("docs"));
    Files.writeString(repo.resolve("docs/untracked.md"), "new\n");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of("README.md", "docs/untracked.md"), selection.changes().paths());
    assertTrue(selection.isEmpty());
    assertEquals(ALL, selection.unaffected());
    assertTrue(selection.summary(), selection.summary().startsWith("no pipeline affected by 2 changed files"));
  }

  @Test
  public void filesTheBuildDoesNotSendAreNoChange() throws Exception {
    // .dockerignore keeps **/.pytest_cache out of every build context
    Files.createDirectories(repo.resolve("outlink/model_server/.pytest_cache"));
    Files.writeString(repo.resolve("outlink/model_server/.pytest_cache/README.md"), "cache\n");
    assertEquals(List.of(), sinceHead().names());
  }

  @Test
  public void theDockerignoreOfABuildContextSelectsItsBuilds() throws Exception {
    append(".dockerignore", "**/*.bak\n");
    AffectedSelection selection = sinceHead();
    assertEquals(ALL, selection.names());
    assertEquals(Kind.DOCKERIGNORE, selection.affected().get(0).reasons().get(0).kind());
  }

  @Test
  public void uncommittedAndUntrackedFilesCountAndSoDoCommitsSinceTheRevision() throws Exception {
    append("articlequality/model_server/model.py", "# committed\n");
    GitRepos.commitAll(git, "articlequality");
    append("outlink/model_server/model.py", "# staged\n");
    git.add().addFilepattern("outlink/model_server/model.py").call();
    Files.writeString(repo.resolve("revertrisk/model_server/features.py"), "# untracked\n");
    Files.writeString(repo.resolve("revertrisk/model_server/scratch.pyc"), "ignored by git\n");

    AffectedSelection sinceInitial = new AffectedPipelines(repo, SETUP).sinceRevision(config(), initial.name());
    assertEquals(ALL, sinceInitial.names());
    assertEquals(List.of("articlequality/model_server/model.py", "outlink/model_server/model.py",
        "revertrisk/model_server/features.py"), sinceInitial.changes().paths());

    assertEquals(List.of("outlink", "outlink-publish", "revertrisk", "revertrisk-publish"), sinceHead().names());
  }

  @Test
  public void theTriggersCommitAgainstItsParent() throws Exception {
    append("revertrisk/model_server/model.py", "# change under review\n");
    RevCommit change = GitRepos.commitAll(git, "revertrisk");
    append("outlink/model_server/model.py", "# a later commit\n");
    RevCommit later = GitRepos.commitAll(git, "outlink");
    AffectedPipelines pipelines = new AffectedPipelines(repo, SETUP);

    TriggerContext trigger = TriggerContext.builder(TriggerSource.ZUUL).commit(change.name()).build();
    AffectedSelection selection = pipelines.ofTrigger(config(), trigger);
    assertEquals(List.of("revertrisk", "revertrisk-publish"), selection.names());
    assertEquals(java.util.Optional.of(change.name()), selection.changes().headCommit());

    assertEquals("no trigger commit: HEAD against its parent",
        List.of("outlink", "outlink-publish"), pipelines.ofTrigger(config(), TriggerContext.none()).names());

    TriggerContext refUpdate = TriggerContext.builder(TriggerSource.ZUUL)
        .commit(later.name()).oldRevision(initial.name()).newRevision(later.name()).build();
    assertEquals("a ref update: the range from the old revision",
        List.of("outlink", "outlink-publish", "revertrisk", "revertrisk-publish"),
        pipelines.ofTrigger(config(), refUpdate).names());
  }

  @Test
  public void aTriggerCommitThatIsNotInTheRepositoryIsAGitException() throws Exception {
    TriggerContext trigger = TriggerContext.builder(TriggerSource.ZUUL)
        .commit("0123456789abcdef0123456789abcdef01234567").build();
    try {
      new AffectedPipelines(repo, SETUP).ofTrigger(config(), trigger);
      fail();
    } catch (GitException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith(
          "the trigger's commit: revision '0123456789abcdef0123456789abcdef01234567' is not in the repository;"));
    }
  }

  @Test
  public void aSubdirectoryContextClaimsEverythingInIt() throws Exception {
    Files.createDirectories(repo.resolve("svc/app"));
    Files.writeString(repo.resolve("svc/app/main.py"), "print('hi')\n");
    Files.writeString(repo.resolve(".pipeline/config.yaml"), String.join("\n",
        "pipelines:",
        "  svc:",
        "    directory: svc",
        "    blubberfile:",
        "      version: v4",
        "      base: debian",
        "      variants:",
        "        production: {copies: [{from: local, source: app, destination: app}]}",
        "    stages:",
        "      - name: production",
        "  other:",
        "    blubberfile: outlink/blubber.yaml",
        "    stages:",
        "      - name: production",
        "        build: {variant: production, context: outlink}",
        ""));
    GitRepos.commitAll(git, "svc");
    Files.writeString(repo.resolve("svc/NOTES.txt"), "not copied, but in the directory\n");
    append("outlink/README.txt", "in the context of 'other'\n");
    AffectedSelection selection = sinceHead();
    assertEquals(List.of(
        "svc: svc/NOTES.txt is in build context svc/",
        "other: outlink/README.txt is in build context outlink/"), selection.lines());
  }

  @Test
  public void anInvalidBlubberFileThatMustBeReadIsInvalidInput() throws Exception {
    Files.writeString(repo.resolve(".pipeline/outlink/blubber.yaml"),
        "version: v4\nbase: debian\nvariants:\n  production: {lives: {uid: nobody}}\n");
    GitRepos.commitAll(git, "broken");
    append("python/kserve_lite/server.py", "# which images copy this? outlink's Blubber file cannot say\n");
    try {
      sinceHead();
      fail();
    } catch (InvalidInputException e) {
      assertEquals(".pipeline/outlink/blubber.yaml:4:29: variants.production.lives.uid: expected an integer, found 'nobody'",
          e.diagnostics().get(0).format());
    }
  }

  private AffectedSelection sinceHead() {
    return new AffectedPipelines(repo, SETUP).sinceRevision(config(), "HEAD");
  }

  private io.modelpipe.config.PipelineConfig config() {
    return PipelineConfigReader.read(repo);
  }

  private static Map<String, List<String>> reasonsByPipeline(AffectedSelection selection) {
    return selection.affected().stream().collect(Collectors.toMap(AffectedPipeline::name,
        p -> p.reasons().stream().map(AffectedPipeline.Reason::description).toList(),
        (a, b) -> a, java.util.LinkedHashMap::new));
  }

  private void append(String path, String text) throws Exception {
    FileTrees.append(repo.resolve(path), text);
  }

  private void replace(String path, String from, String to) throws Exception {
    FileTrees.replace(repo.resolve(path), from, to);
  }
}
