package io.modelpipe.wiring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.pipeline.AffectedPipelines;
import io.modelpipe.pipeline.AffectedSelection;
import io.modelpipe.testing.FileTrees;
import io.modelpipe.testing.GitRepos;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.ObjectReader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Replays the example monorepo's history, commit by commit, then a series of everyday changes on
 * top: at every commit, the pipelines whose filters (of that commit's tree, matched by Python on
 * the commit's files and {@code /COMMIT_MSG}) run are those {@code affected} selects; only an edit
 * of {@code .pipeline/config.yaml} may run more (Zuul sees the path, modelpipe the entry).
 */
public class HistoryReplayTest {

  static final String EXAMPLE_PATH = "examples/inference-services";

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path replay;
  private Git git;
  private int compared;

  @Test
  public void theExampleHistoryThenEverydayChanges() throws Exception {
    PythonRe.assumeInstalled();
    replay = temp.newFolder("replay").toPath();
    git = GitRepos.init(replay);
    try {
      int snapshots = replayHistory();
      Assume.assumeTrue("skipped: this clone has no history of " + EXAMPLE_PATH + " (shallow?)", snapshots > 0);
      // the working tree is now the example as committed; everyday changes on top of it
      Path example = Path.of("..", EXAMPLE_PATH);
      clear(replay);
      FileTrees.copy(example, replay);
      commitAndCompare("the example as it is now");
      edit("outlink/model_server/model.py", "# tuned\n");
      edit("outlink/tests/test_model.py", "# one more case\n");
      edit("tox.ini", "# comment\n");
      edit("python/kserve_lite/server.py", "# shared\n");
      edit("python/requirements.txt", "# pinned\n");
      edit("revertrisk/model_server/requirements.txt", "# pinned\n");
      edit(".pipeline/articlequality/blubber.yaml", "# a comment\n");
      edit("README.md", "more docs\n");
      edit("python/kserve_lite/new_module.py", "X = 1\n");
      edit("docs/notes.md", "new directory\n");
      edit(".dockerignore", "*.swp\n");
      FileTrees.replace(replay.resolve(".pipeline/config.yaml"), "tags: [stable]", "tags: [stable, latest]");
      commitAndCompare("config entry");
      FileTrees.replace(replay.resolve(".pipeline/config.yaml"), "pipelines:\n", "# the services\npipelines:\n");
      commitAndCompare("config comment");
      Files.delete(replay.resolve("articlequality/pytest.ini"));
      commitAndCompare("a deletion");
      assertTrue("compared " + compared + " commits", compared >= 15 + 1);
    } finally {
      git.close();
    }
  }

  /** Commits each commit of this repository's history of the example as a snapshot; returns how many. */
  private int replayHistory() throws Exception {
    FileRepositoryBuilder builder = new FileRepositoryBuilder().findGitDir(Path.of("").toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      return 0;
    }
    List<RevCommit> commits = new ArrayList<>();
    try (Repository source = builder.build(); Git sourceGit = new Git(source)) {
      for (RevCommit commit : sourceGit.log().addPath(EXAMPLE_PATH).call()) {
        commits.add(0, commit);
      }
      int snapshots = 0;
      for (RevCommit commit : commits) {
        clear(replay);
        try (ObjectReader reader = source.newObjectReader(); TreeWalk walk = new TreeWalk(source)) {
          walk.addTree(commit.getTree());
          walk.setRecursive(true);
          walk.setFilter(PathFilter.create(EXAMPLE_PATH));
          while (walk.next()) {
            Path file = replay.resolve(walk.getPathString().substring(EXAMPLE_PATH.length() + 1));
            Files.createDirectories(file.getParent());
            Files.write(file, reader.open(walk.getObjectId(0)).getBytes());
          }
        }
        commitAndCompare(commit.getShortMessage());
        snapshots++;
      }
      return snapshots;
    }
  }

  private void edit(String path, String text) throws Exception {
    Files.createDirectories(replay.resolve(path).getParent());
    FileTrees.append(replay.resolve(path), text);
    commitAndCompare(path);
  }

  /** Commits the working tree and compares the filters' run with affected's selection of that commit. */
  private void commitAndCompare(String message) throws Exception {
    boolean first = git.getRepository().resolve("HEAD") == null;
    GitRepos.commitAll(git, message);
    if (first || !Files.isRegularFile(replay.resolve(".pipeline/config.yaml"))) {
      return;
    }
    PipelineConfig config;
    try {
      config = PipelineConfigReader.read(replay);
    } catch (RuntimeException invalid) {
      return; // a commit whose config modelpipe rejects has no filters to compare
    }
    AffectedPipelines affected = new AffectedPipelines(replay, ZuulFiltersExactTest.SETUP);
    AffectedSelection selection;
    ProjectWiring wiring;
    try {
      selection = affected.sinceRevision(config, "HEAD~1");
      wiring = ProjectWiring.of("inference-services", Optional.empty(), config, affected.inputs(config));
    } catch (io.modelpipe.yaml.InvalidInputException invalid) {
      return; // an early commit whose Blubber files today's modelpipe rejects: no filters either
    }
    Map<String, List<String>> filters = new LinkedHashMap<>();
    wiring.pipelines().forEach(p -> filters.put(p.pipeline(), p.files()));
    List<String> paths = new ArrayList<>(selection.changes().paths());
    paths.add("/COMMIT_MSG");
    Map<String, List<String>> byPython = PythonRe.matches(filters, paths);
    List<String> run = config.names().stream()
        .filter(name -> byPython.values().stream().anyMatch(names -> names.contains(name))).toList();
    List<String> runWithoutConfig = config.names().stream()
        .filter(name -> byPython.entrySet().stream()
            .anyMatch(e -> !e.getKey().equals(".pipeline/config.yaml") && e.getValue().contains(name)))
        .toList();
    String what = message + " " + selection.changes().paths();
    assertTrue(what + ": filters run " + run + ", affected " + selection.names(), run.containsAll(selection.names()));
    if (paths.contains(".pipeline/config.yaml")) {
      assertEquals(what, config.names(), run);
    } else {
      assertEquals(what, selection.names(), run);
    }
    assertTrue(what, selection.names().containsAll(runWithoutConfig));
    compared++;
  }

  private static void clear(Path directory) throws IOException {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        if (!path.equals(directory) && !directory.relativize(path).toString().startsWith(".git")) {
          Files.delete(path);
        }
      }
    }
  }
}
