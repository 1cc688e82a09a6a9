package io.modelpipe.wiring;

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
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code modelpipe wiring --check} and {@code --write} through the command line, on a git copy of
 * the example monorepo and a copy of the integration/config-shaped fixture.
 */
public class WiringCommandTest {

  static final Path FIXTURE = Path.of("src/test/resources/integration-config");
  static final String JJB = IntegrationConfig.JJB_FILE;
  static final String LAYOUT = IntegrationConfig.LAYOUT_FILE;

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path repo;
  private Path integration;

  record Result(int code, String out, String err) {}

  @Before
  public void copies() throws Exception {
    repo = FileTrees.copy(ZuulFiltersExactTest.EXAMPLES, temp.newFolder("inference-services").toPath());
    try (Git git = GitRepos.init(repo)) {
      GitRepos.commitAll(git, "initial");
    }
    integration = FileTrees.copy(FIXTURE, temp.newFolder("integration-config").toPath());
  }

  @Test
  public void theHandKeptFixtureDriftsAndWriteMakesItMatchLeavingOtherProjectsAlone() throws Exception {
    String jjbBefore = read(JJB);
    String layoutBefore = read(LAYOUT);
    Result check = wiring("--check", integration.toString(), "--json");
    assertEquals(check.err(), 1, check.code());
    assertEquals(List.of(
        "jjb-missing articlequality", "jjb-missing articlequality-publish", "jjb-stale editquality",
        "zuul-missing articlequality", "zuul-missing articlequality", "zuul-missing articlequality-publish",
        "zuul-stale editquality", "zuul-stale editquality",
        "zuul-stale editquality",
        "filter-misses outlink", "filter-misses outlink-publish", "filter-extra outlink-publish",
        "filter-misses revertrisk", "filter-misses revertrisk-publish",
        "filter-none articlequality", "filter-none articlequality-publish"), kinds(check.out()));

    Result write = wiring("--write", integration.toString());
    assertEquals(write.out() + write.err(), 0, write.code());
    assertEquals("edited jjb/project-pipelines.yaml\nedited zuul/layout.yaml\nedited 2 of 2 files\n", write.out());
    assertEquals(0, wiring("--check", integration.toString()).code());
    // everything but this project's entries is as it was, byte for byte
    for (String untouched : List.of(block(jjbBefore, "- project:\n    # examples/hello-service", "\n\n"),
        block(jjbBefore, "- project:\n    name: release-tool", null), "# Projects whose CI runs")) {
      assertTrue(untouched, read(JJB).contains(untouched));
    }
    for (String untouched : List.of(block(layoutBefore, "# vim:", "\njobs:\n"),
        block(layoutBefore, "  - name: ^hello-service-.*", "  # machinelearning"),
        block(layoutBefore, "  # End of the inference-services entries", "projects:\n"),
        block(layoutBefore, "  - name: examples/hello-service", "  # When adding"),
        block(layoutBefore, "  - name: tools/release-tool", null))) {
      assertTrue(untouched, read(LAYOUT).contains(untouched));
    }
  }

  @Test
  public void plantedDriftIsReportedExactlyAndWriteUndoesItWithAMinimalDiff() throws Exception {
    assertEquals(0, wiring("--write", integration.toString()).code());
    String cleanJjb = read(JJB);
    String cleanLayout = read(LAYOUT);

    // a missing pipeline, a stale one, a filter missing a shared directory, a dead Blubber path
    replace(JJB, "        - outlink\n        - outlink-publish\n", "        - outlink\n");
    replace(JJB, "        - articlequality-publish\n", "        - articlequality-publish\n        - old-service\n");
    String publishEntry = "  - name: ^trigger-inference-services-pipeline-revertrisk-publish$\n";
    String layout = read(LAYOUT);
    int entry = layout.indexOf(publishEntry);
    int shared = layout.indexOf("|python(?:$|/)", entry);
    Files.writeString(integration.resolve(LAYOUT),
        layout.substring(0, shared) + layout.substring(shared + "|python(?:$|/)".length()));
    String blubberLine = "        - '^\\.pipeline/articlequality/blubber\\.yaml$'\n";
    layout = read(LAYOUT);
    int first = layout.indexOf(blubberLine) + blubberLine.length();
    Files.writeString(integration.resolve(LAYOUT), layout.substring(0, first)
        + "        - '^\\.pipeline/articlequality/old-blubber\\.yaml$'\n" + layout.substring(first));

    Result check = wiring("--check", integration.toString(), "--json");
    assertEquals(1, check.code());
    assertEquals(List.of("jjb-missing outlink-publish", "jjb-stale old-service",
        "filter-misses revertrisk-publish", "dead-blubber articlequality"), kinds(check.out()));
    Result text = wiring("--check", integration.toString());
    List<String> lines = text.out().lines().toList();
    assertEquals(5, lines.size());
    assertTrue(lines.get(2), lines.get(2).matches("zuul/layout\\.yaml:\\d+: revertrisk-publish: the filter of "
        + "trigger-inference-services-pipeline-revertrisk-publish misses python/kserve_lite/__init__\\.py, which feeds "
        + "the pipeline \\(and \\d+ more paths\\)"));
    assertTrue(lines.get(3), lines.get(3).matches("zuul/layout\\.yaml:\\d+: articlequality: the filter of "
        + "trigger-inference-services-pipeline-articlequality names Blubber file "
        + "\\.pipeline/articlequality/old-blubber\\.yaml, which no longer exists"));
    assertEquals("4 problems in " + integration, lines.get(4));

    assertEquals(0, wiring("--write", integration.toString()).code());
    assertEquals(0, wiring("--check", integration.toString()).code());
    // the minimal diff: exactly the planted lines are undone, nothing else moves
    assertEquals(cleanJjb, read(JJB));
    assertEquals(cleanLayout, read(LAYOUT));
  }

  @Test
  public void printsTheZuulEntriesAndTheSameAsJson() throws Exception {
    Result zuul = wiring("--zuul", "--zuul-project", "machinelearning/liftwing/inference-services");
    assertEquals(zuul.err(), 0, zuul.code());
    assertTrue(zuul.out(), zuul.out().startsWith("# zuul/layout.yaml\njobs:\n"
        + "  - name: ^trigger-inference-services-pipeline-outlink$\n    files:\n"
        + "        - '^\\.pipeline/config\\.yaml$'\n        - '^\\.pipeline/outlink/blubber\\.yaml$'\n"));
    assertTrue(zuul.out(), zuul.out().endsWith("projects:\n"
        + "  - name: machinelearning/liftwing/inference-services\n"
        + "    test:\n      - trigger-inference-services-pipeline-outlink\n"
        + "      - trigger-inference-services-pipeline-revertrisk\n"
        + "      - trigger-inference-services-pipeline-articlequality\n"
        + "    gate-and-submit:\n      - trigger-inference-services-pipeline-outlink\n"
        + "      - trigger-inference-services-pipeline-revertrisk\n"
        + "      - trigger-inference-services-pipeline-articlequality\n"
        + "    postmerge:\n      - trigger-inference-services-pipeline-outlink-publish\n"
        + "      - trigger-inference-services-pipeline-revertrisk-publish\n"
        + "      - trigger-inference-services-pipeline-articlequality-publish\n"));
    JsonNode json = JsonMapper.builder().build().readTree(wiring("--json", "--zuul-project", "p/q").out());
    assertEquals("p/q", json.path("zuulProject").asString());
    assertEquals(6, json.path("pipelines").size());
    JsonNode publish = json.path("pipelines").get(1);
    assertEquals("outlink-publish", publish.path("pipeline").asString());
    assertTrue(publish.path("publishes").asBoolean());
    assertEquals("postmerge", publish.path("zuulPipelines").get(0).asString());
    for (JsonNode regex : publish.path("files")) {
      assertTrue(zuul.out(), zuul.out().contains("- '" + regex.asString() + "'"));
    }
  }

  @Test
  public void aTestPipelineInPostmergeIsMisplacedAndWriteMovesItBack() throws Exception {
    assertEquals(0, wiring("--write", integration.toString()).code());
    String clean = read(LAYOUT);
    replace(LAYOUT, "    postmerge:\n      - trigger-inference-services-pipeline-outlink-publish\n",
        "    postmerge:\n      - trigger-inference-services-pipeline-outlink\n");
    Result check = wiring("--check", integration.toString(), "--json");
    assertEquals(1, check.code());
    assertEquals(List.of("zuul-missing outlink-publish", "zuul-misplaced outlink"), kinds(check.out()));
    assertTrue(check.out(), check.out().contains("trigger-inference-services-pipeline-outlink is in Zuul pipeline "
        + "postmerge but belongs in test and gate-and-submit (the pipeline publishes nothing)"));
    assertEquals(0, wiring("--write", integration.toString()).code());
    assertEquals(clean, read(LAYOUT));
  }

  @Test
  public void aGeneratedEntryNamingAFileNotThereYetIsNoDrift() throws Exception {
    Files.delete(repo.resolve(".dockerignore"));
    try (Git git = Git.open(repo.toFile())) {
      GitRepos.commitAll(git, "no .dockerignore");
    }
    assertEquals(0, wiring("--write", integration.toString()).code());
    assertTrue(read(LAYOUT).contains("        - '^\\.dockerignore$'\n"));
    Result check = wiring("--check", integration.toString());
    assertEquals(check.out(), 0, check.code());
  }

  @Test
  public void badInputIsExitTwo() throws Exception {
    Result unknown = wiring("--check", integration.toString(), "--name", "inference-service");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err(), unknown.err().contains("unknown project 'inference-service'"));
    assertTrue(unknown.err(), unknown.err().contains("did you mean 'inference-services'?"));

    Files.delete(integration.resolve(LAYOUT));
    Result missing = wiring("--check", integration.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err(), missing.err().contains("zuul/layout.yaml is missing"));

    Files.writeString(integration.resolve(LAYOUT), "jobs:\n  - name: ^x\n    files: [a\nprojects: []\n");
    Result invalid = wiring("--check", integration.toString());
    assertEquals(2, invalid.code());
    assertTrue(invalid.err(), invalid.err().matches("(?s).*layout\\.yaml:4:\\d+: not valid YAML.*"));
  }

  private Result wiring(String... args) {
    List<String> all = new ArrayList<>(List.of("wiring", repo.toString()));
    all.addAll(List.of(args));
    if (!all.contains("--name")) {
      all.addAll(List.of("--name", "inference-services"));
    }
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(all.toArray(String[]::new), new PrintWriter(out), new PrintWriter(err), Map.of());
    return new Result(code, out.toString(), err.toString());
  }

  private static List<String> kinds(String json) {
    JsonNode root = JsonMapper.builder().build().readTree(json);
    List<String> kinds = new ArrayList<>();
    root.path("drift").forEach(d -> kinds.add(d.path("kind").asString() + " " + d.path("pipeline").asString()));
    return kinds;
  }

  private String read(String file) throws Exception {
    return Files.readString(integration.resolve(file));
  }

  private void replace(String file, String from, String to) throws Exception {
    FileTrees.replace(integration.resolve(file), from, to);
  }

  /** The text from {@code start} up to {@code end} (exclusive; the end of the text when null). */
  private static String block(String text, String start, String end) {
    int from = text.indexOf(start);
    assertTrue(start, from >= 0);
    int to = end == null ? text.length() : text.indexOf(end, from + start.length());
    return text.substring(from, to);
  }
}
