package io.modelpipe.lint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** {@code modelpipe lint} through the real command line. */
public class LintCommandTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private record Result(int code, String out, String err) {}

  private static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err));
    return new Result(code, out.toString(), err.toString());
  }

  private static Document xml(Path file) throws Exception {
    return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(file.toFile());
  }

  @Test
  public void exampleMonorepoLintsClean() {
    LintFixtures.assumeInstalled("flake8");
    LintFixtures.assumeInstalled("black");
    Result result = run("lint", "../examples/inference-services");
    assertEquals(result.out() + result.err(), 0, result.code());
    assertTrue(result.out(), result.out().endsWith("lint passed: 2 envs, no findings\n"));
    assertTrue(result.err(), result.err().contains("lint: flake8: started: python -m flake8 ."));
    assertTrue(result.err(), result.err().contains("lint: black: ok in ")); // however long it took
  }

  @Test
  public void findingsExitOneWithEveryReport() throws Exception {
    LintFixtures.assumeInstalled("flake8");
    LintFixtures.assumeInstalled("black");
    Path project = LintFixtures.copy("violations", temp.getRoot().toPath());
    Path reports = temp.getRoot().toPath().resolve("réports dir");
    Result result = run("lint", project.toString(), "--env", "flake8,black-diff", "-q",
        "--junit", reports.resolve("junit.xml").toString(),
        "--checkstyle", reports.resolve("checkstyle.xml").toString(),
        "--json", reports.resolve("lint.json").toString(),
        "--gerrit", reports.resolve("gerrit.txt").toString());
    assertEquals(result.err(), 1, result.code());
    assertEquals("", result.err());
    assertTrue(result.out(), result.out().startsWith("app/model.py\n  1:1      F401   'os' imported but unused [flake8]\n"));
    assertTrue(result.out(), result.out().contains("app/modèle.py\n  1        "));
    assertTrue(result.out(), result.out().contains("flake8       FAILED: 6 findings"));
    assertTrue(result.out(), result.out().endsWith("lint failed: 8 findings in 2 files\n"));

    Document junit = xml(reports.resolve("junit.xml"));
    Element suite = (Element) junit.getElementsByTagName("testsuite").item(0);
    assertEquals("2", suite.getAttribute("tests"));
    assertEquals("2", suite.getAttribute("failures"));
    NodeList cases = junit.getElementsByTagName("testcase");
    assertEquals("flake8", ((Element) cases.item(0)).getAttribute("name"));
    Element failure = (Element) ((Element) cases.item(0)).getElementsByTagName("failure").item(0);
    assertEquals("6 findings", failure.getAttribute("message"));
    assertTrue(failure.getTextContent(), failure.getTextContent().contains("app/modèle.py:1:11: E201 whitespace after '(' [flake8]"));

    Document checkstyle = xml(reports.resolve("checkstyle.xml"));
    NodeList files = checkstyle.getElementsByTagName("file");
    assertEquals(2, files.getLength());
    assertEquals("app/model.py", ((Element) files.item(0)).getAttribute("name"));
    Element first = (Element) ((Element) files.item(0)).getElementsByTagName("error").item(0);
    assertEquals("1", first.getAttribute("line"));
    assertEquals("1", first.getAttribute("column"));
    assertEquals("warning", first.getAttribute("severity"));
    assertEquals("flake8.F401", first.getAttribute("source"));
    assertEquals("F401 'os' imported but unused", first.getAttribute("message"));
    assertEquals(8, checkstyle.getElementsByTagName("error").getLength());

    JsonNode json = JsonMapper.builder().build().readTree(Files.readString(reports.resolve("lint.json")));
    assertFalse(json.get("passed").asBoolean());
    assertEquals(8, json.get("findings").asInt());
    JsonNode e201 = json.get("envs").get(0).get("findings").get(4);
    assertEquals("app/modèle.py", e201.get("file").asString());
    assertEquals(11, e201.get("column").asInt());
    assertTrue(json.get("envs").get(1).get("findings").get(0).get("detail").asString().startsWith("@@ -"));

    String gerrit = Files.readString(reports.resolve("gerrit.txt"));
    assertTrue(gerrit, gerrit.startsWith("Lint failed: flake8 6 findings; black-diff 2 findings.\n\n  app/model.py:"));
  }

  @Test
  public void jsonToStandardOutput() {
    LintFixtures.assumeInstalled("flake8");
    Path project = LintFixtures.copy("violations", temp.getRoot().toPath());
    Result result = run("lint", project.toString(), "--env", "flake8", "--json", "-", "-q");
    assertEquals(1, result.code());
    assertTrue(result.out(), result.out().startsWith("{"));
    assertTrue(result.out(), result.out().contains("\"code\" : \"E231\""));
  }

  @Test
  public void commandTypoIsABrokenToxIni() {
    Result result = run("lint", LintFixtures.RESOURCES.resolve("typo").toString());
    assertEquals(2, result.code());
    assertEquals(
        "tox.ini:8:1: testenv:flake8: env 'flake8' has no commands: tox would run nothing and report success\n"
            + "tox.ini:9:1: testenv:flake8.command: unknown key: tox ignores it silently, so this env's commands never"
            + " run; did you mean 'commands'?\n"
            + "2 errors\n",
        result.err());
    assertEquals("", result.out());
  }

  @Test
  public void envWithoutCommandsIsABrokenToxIni() {
    Result result = run("lint", LintFixtures.RESOURCES.resolve("no-commands").toString());
    assertEquals(2, result.code());
    assertEquals("tox.ini:4:1: testenv:lint: env 'lint' has no commands: tox would run nothing and report success\n1 error\n",
        result.err());
  }

  @Test
  public void missingToxIniAndUnknownEnvAreInvalidInput() {
    Result missing = run("lint", LintFixtures.RESOURCES.toString());
    assertEquals(2, missing.code());
    assertTrue(missing.err(), missing.err().startsWith("tox.ini: not found in "));
    Result unknown = run("lint", "../examples/inference-services", "--env", "flake9");
    assertEquals(2, unknown.code());
    assertTrue(unknown.err(), unknown.err().startsWith("tox.ini: no env 'flake9'; defined: flake8, black, outlink"));
  }

  @Test
  public void toolNotInstalledExitsThreeNamingTheTool() {
    Path project = LintFixtures.copy("missing-tool", temp.getRoot().toPath());
    Result result = run("lint", project.toString(), "-q");
    assertEquals(result.err(), 3, result.code());
    assertTrue(result.err(), result.err().startsWith("modelpipe: nosuch-linter-modelpipe: not installed: env lint runs"
        + " 'nosuch-linter-modelpipe --check .' and nosuch-linter-modelpipe is not on /usr/bin:/bin"));
    assertTrue(result.err(), result.err().contains("apt-file search nosuch-linter-modelpipe"));

    Result module = run("lint", LintFixtures.RESOURCES.resolve("missing-module").toString(), "-q");
    assertEquals(module.err(), 3, module.code());
    assertTrue(module.err(), module.err().startsWith("modelpipe: nosuch_linter_modelpipe: not installed: env lint runs"
        + " 'python -m nosuch_linter_modelpipe .' and "));
  }

  @Test
  public void inImageNeedsAChoiceAmongThePipelinesBuildingTest() {
    // the image runs themselves are LintInImageTest's (on a real engine)
    Result result = run("lint", "../examples/inference-services", "--in-image");
    assertEquals(result.err(), 2, result.code());
    assertTrue(result.err(), result.err().contains("choose one with --pipeline P"));
  }
}
