package io.modelpipe.wiring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.pipeline.AffectedPipelines;
import io.modelpipe.testing.FileTrees;
import io.modelpipe.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The filters are exact: for every file of the tree and a new file in every directory, Python's
 * {@code re.match} of a pipeline's filter matches exactly when {@code affected} selects the
 * pipeline for a change to that path. Python (Debian's /usr/bin/python3) is the oracle of the
 * matching, as it is Zuul's.
 */
public class ZuulFiltersExactTest {

  static final Path EXAMPLES = Path.of("../examples/inference-services");
  static final String CONFIG = ".pipeline/config.yaml";
  static final Setup SETUP = Setup.builder().project("machinelearning-liftwing-inference-services")
      .commit("abc").branch("main").timestamp("2026-01-02-030405").build();

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void theExampleMonorepo() throws Exception {
    Path repo = FileTrees.copy(EXAMPLES, temp.newFolder("inference-services").toPath());
    try (Git git = GitRepos.init(repo)) {
      GitRepos.commitAll(git, "initial");
    }
    int checked = assertExact(repo);
    assertTrue(checked > 100);
  }

  @Test
  public void aGeneratedMonorepoOfThirtyServicesSharingCode() throws Exception {
    Path repo = MonorepoFixtures.services(temp.newFolder("monorepo").toPath(), 30);
    try (Git git = GitRepos.init(repo)) {
      GitRepos.commitAll(git, "initial");
    }
    int checked = assertExact(repo);
    assertTrue(checked > 30 * 62);
    // the cases that make filters hard are there: a glob copy, an exclude, a .dockerignore exception
    PipelineConfig config = PipelineConfigReader.read(repo);
    Map<String, List<String>> selected = new AffectedPipelines(repo, SETUP).selectedBy(config,
        List.of("docs/index.md", "docs/api.txt", "python/lib/server_test.py", "python/build/out.bin",
            "python/build/keep.txt", "svc3/notes/draft.md", "standalone/debug.log"));
    assertTrue(selected.toString(), selected.get("docs/index.md").contains("svc1-publish"));
    assertEquals(List.of("pre-commit-check"), selected.get("docs/api.txt"));
    assertTrue(selected.toString(), !selected.get("python/lib/server_test.py").contains("svc0-publish")
        && selected.get("python/lib/server_test.py").contains("svc0"));
    assertEquals(List.of(), selected.get("python/build/out.bin"));
    assertTrue(selected.get("python/build/keep.txt").contains("svc0"));
    assertTrue(!selected.get("svc3/notes/draft.md").contains("svc3"));
    assertEquals(List.of("standalone", "pre-commit-check"), selected.get("standalone/debug.log"));
  }

  /** Asserts the filters of every pipeline against affected's selection; returns the (path, pipeline) pairs checked. */
  static int assertExact(Path repo) throws Exception {
    PythonRe.assumeInstalled();
    PipelineConfig config = PipelineConfigReader.read(repo);
    AffectedPipelines affected = new AffectedPipelines(repo, SETUP);
    ProjectWiring wiring = ProjectWiring.of("inference-services", Optional.empty(), config, affected.inputs(config));
    RepositoryTree tree = RepositoryTree.of(repo);
    List<String> paths = new ArrayList<>(tree.paths());
    paths.add("/COMMIT_MSG");
    Map<String, List<String>> filters = new LinkedHashMap<>();
    wiring.pipelines().forEach(p -> filters.put(p.pipeline(), p.files()));
    Map<String, List<String>> byPython = PythonRe.matches(filters, paths);

    List<String> withoutConfig = paths.stream().filter(p -> !p.equals(CONFIG) && !p.equals("/COMMIT_MSG")).toList();
    Map<String, List<String>> selected = affected.selectedBy(config, withoutConfig);
    List<String> mismatches = new ArrayList<>();
    for (String path : withoutConfig) {
      if (!selected.get(path).equals(byPython.get(path))) {
        mismatches.add(path + ": affected " + selected.get(path) + ", filters " + byPython.get(path));
      }
      List<String> byJava = wiring.pipelines().stream()
          .filter(p -> p.files().stream().anyMatch(r -> ZuulFilters.matches(r, path)))
          .map(ProjectWiring.PipelineWiring::pipeline).toList();
      if (!byJava.equals(byPython.get(path))) {
        mismatches.add(path + ": Java reads the filters as " + byJava + ", Python as " + byPython.get(path));
      }
    }
    assertEquals(String.join("\n", mismatches), 0, mismatches.size());
    // Zuul sees paths, not the entry: every filter names the config, and nothing matches the commit message
    assertEquals(config.names(), byPython.get(CONFIG));
    assertEquals(List.of(), byPython.get("/COMMIT_MSG"));
    return withoutConfig.size() * config.names().size();
  }
}
