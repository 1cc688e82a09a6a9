package io.modelpipe.lint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The linter on fixture projects with Debian's flake8, black and tox: its findings must equal what
 * the tools print when run directly on the same files.
 */
public class LinterToolsTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final Pattern FLAKE8_LINE = Pattern.compile("^\\./(.+):(\\d+):(\\d+): (\\S+) (.*)$");
  private static final Pattern WOULD_REFORMAT = Pattern.compile("^would reformat (.+)$");

  private static LintResult lint(Path project, String... envs) throws InterruptedException {
    ToxConfig config = ToxConfigReader.read(project, System.getenv(), List.of());
    return new Linter(new AgentCommandRunner(System.getenv()), LintListener.NONE, 2).run(config, config.select(List.of(envs)));
  }

  private static List<String> locations(List<Finding> findings) {
    List<String> located = new ArrayList<>();
    for (Finding finding : findings) {
      located.add(finding.file() + ":" + finding.line() + ":" + finding.column() + ": " + finding.code() + " " + finding.message());
    }
    return located;
  }

  @Test
  public void flake8FindingsEqualFlake8RunDirectly() throws Exception {
    LintFixtures.assumeInstalled("flake8");
    Path project = LintFixtures.copy("violations", temp.getRoot().toPath());
    List<String> direct = new ArrayList<>();
    for (String line : LintFixtures.direct(project, "python", "-m", "flake8", ".").split("\n")) {
      Matcher m = FLAKE8_LINE.matcher(line);
      if (m.matches()) {
        direct.add(m.group(1) + ":" + m.group(2) + ":" + m.group(3) + ": " + m.group(4) + " " + m.group(5));
      }
    }
    assertEquals(6, direct.size()); // the fixture's known violations: guards against an empty comparison
    LintResult result = lint(project, "flake8");
    assertEquals(direct, locations(result.findings()));
    assertTrue(result.findings().stream().anyMatch(f -> f.file().equals("app/modèle.py") && f.code().equals("E201")));
    assertFalse(result.passed());
    assertEquals(List.of(), result.envs().get(0).unrecognised());

    LintResult pylint = lint(project, "pylint-format");
    assertEquals(direct.stream().map(d -> d.replaceFirst(":\\d+: ", ":0: ")).toList(), locations(pylint.findings()));
  }

  @Test
  public void blackFindingsEqualBlackRunDirectly() throws Exception {
    LintFixtures.assumeInstalled("black");
    Path project = LintFixtures.copy("violations", temp.getRoot().toPath());
    TreeSet<String> direct = new TreeSet<>();
    for (String line : LintFixtures.direct(project, "python", "-m", "black", "--check", ".").split("\n")) {
      Matcher m = WOULD_REFORMAT.matcher(line);
      if (m.matches()) {
        direct.add(project.relativize(Path.of(m.group(1))).toString());
      }
    }
    assertEquals(new TreeSet<>(List.of("app/model.py", "app/modèle.py")), direct);
    LintResult check = lint(project, "black");
    assertEquals(direct, new TreeSet<>(check.findings().stream().map(Finding::file).toList()));
    assertEquals(direct.size(), check.findings().size());
    assertTrue(check.findings().stream().allMatch(f -> f.line() == 0 && f.message().equals("would reformat")));
    assertEquals(List.of(), check.envs().get(0).unrecognised());

    String diff = LintFixtures.direct(project, "python", "-m", "black", "--check", "--diff", ".");
    long hunks = diff.lines().filter(l -> l.startsWith("@@ ")).count();
    LintResult withDiff = lint(project, "black-diff");
    assertEquals(hunks, withDiff.findings().size());
    assertEquals(direct, new TreeSet<>(withDiff.findings().stream().map(Finding::file).toList()));
    for (Finding hunk : withDiff.findings()) {
      assertTrue(hunk.detail(), hunk.detail().startsWith("@@ -"));
      assertTrue(diff.contains(hunk.detail()));
      assertTrue(hunk.line() > 0);
    }
  }

  @Test
  public void envsRunInParallelComeBackInTheOrderAsked() throws Exception {
    LintFixtures.assumeInstalled("flake8");
    LintFixtures.assumeInstalled("black");
    Path project = LintFixtures.copy("violations", temp.getRoot().toPath());
    LintResult result = lint(project, "black", "flake8");
    assertEquals(List.of("black", "flake8"), result.envs().stream().map(EnvResult::name).toList());
    assertEquals(8, result.findings().size());
  }

  @Test
  public void toxItselfGivesTheSameFindingsAsTheAgentRunner() throws Exception {
    LintFixtures.assumeInstalled("tox");
    LintFixtures.assumeInstalled("flake8");
    LintFixtures.assumeInstalled("black");
    Path project = LintFixtures.copy("violations", temp.getRoot().toPath());
    ToxConfig config = ToxConfigReader.read(project, System.getenv(), List.of());
    List<ToxEnv> envs = config.select(List.of("flake8", "black-diff"));
    Linter linter = new Linter(new AgentCommandRunner(System.getenv()), LintListener.NONE, 1);
    LintResult viaTox = linter.runTox(config, envs);
    LintResult agent = linter.run(config, envs);
    assertEquals(locations(agent.findings()), locations(viaTox.findings()));
    assertFalse(viaTox.envs().get(0).passed());
    assertEquals(List.of(), viaTox.envs().get(0).unrecognised());
  }

  @Test
  public void missingProgramOrModuleNamesTheToolAndItsPackage() throws Exception {
    for (String fixture : List.of("missing-tool", "missing-module")) {
      Path project = LintFixtures.copy(fixture, temp.newFolder(fixture).toPath());
      try {
        lint(project);
        fail("expected ToolNotInstalledException for " + fixture);
      } catch (ToolNotInstalledException e) {
        assertTrue(e.getMessage(), e.getMessage().contains(fixture.equals("missing-tool") ? "nosuch-linter-modelpipe" : "nosuch_linter_modelpipe"));
        assertTrue(e.getMessage(), e.getMessage().contains("not installed"));
      }
    }
    ToolNotInstalledException flake8 = new ToolNotInstalledException("flake8", "x");
    assertEquals("flake8: not installed: x; install Debian's package flake8 (apt-get install flake8)", flake8.getMessage());
  }

  @Test
  public void agentRunnerPrefersDebiansTools() {
    AgentCommandRunner runner = new AgentCommandRunner(Map.of("PATH", "/opt/elsewhere/bin:/usr/bin"));
    assertEquals(Path.of("/usr/bin"), runner.searchPath().get(0));
    assertEquals("/opt/py/bin/python3",
        new AgentCommandRunner(Map.of("MODELPIPE_PYTHON", "/opt/py/bin/python3")).python());
    assertEquals(List.of(Path.of("/a"), Path.of("/b")),
        new AgentCommandRunner(Map.of("MODELPIPE_TOOL_PATH", "/a:/b", "PATH", "/usr/bin")).searchPath());
  }
}
