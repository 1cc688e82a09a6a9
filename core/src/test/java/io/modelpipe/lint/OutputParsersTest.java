package io.modelpipe.lint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Each parser on output captured from the real tools (and ruff's documented formats). */
public class OutputParsersTest {

  private static final Path ROOT = Path.of("/srv/app");
  private static final ToolPaths PATHS = new ToolPaths(ROOT, ROOT);

  private static List<String> formatted(ParsedOutput parsed) {
    return parsed.findings().stream().map(Finding::format).toList();
  }

  private static ParsedOutput parse(List<String> argv, String stdout, String stderr) {
    return OutputParsers.forCommand(argv, Map.of()).parse(stdout, stderr, PATHS);
  }

  @Test
  public void toolsAreRecognisedFromTheCommand() {
    assertEquals("flake8", OutputParsers.toolOf(List.of("python", "-m", "flake8", ".")).orElseThrow());
    assertEquals("black", OutputParsers.toolOf(List.of("/usr/bin/python3.11", "-m", "black")).orElseThrow());
    assertEquals("ruff", OutputParsers.toolOf(List.of("/usr/local/bin/ruff", "check")).orElseThrow());
    assertTrue(OutputParsers.toolOf(List.of("python", "-m", "pytest")).isEmpty());
  }

  @Test
  public void flake8DefaultFormatWithUnrecognisedLinesKept() {
    ParsedOutput parsed = parse(List.of("flake8", "."),
        "./app/model.py:1:1: F401 'os' imported but unused\n"
            + "./app/model.py:6:89: E501 line too long (111 > 88 characters)\n"
            + "/srv/app/app/x.py:3:1: E999 SyntaxError: invalid syntax\n"
            + "Traceback (most recent call last):\n",
        "flake8: warning: something\n");
    assertEquals(List.of(
            "app/model.py:1:1: F401 'os' imported but unused [flake8]",
            "app/model.py:6:89: E501 line too long (111 > 88 characters) [flake8]",
            "app/x.py:3:1: E999 SyntaxError: invalid syntax [flake8]"),
        formatted(parsed));
    assertEquals(Severity.ERROR, parsed.findings().get(2).severity());
    assertEquals(Severity.WARNING, parsed.findings().get(0).severity());
    assertEquals(List.of("Traceback (most recent call last):", "flake8: warning: something"), parsed.unrecognised());
  }

  @Test
  public void flake8PylintAndCustomFormats() {
    assertEquals(List.of("app/m.py:4: E231 missing whitespace after ',' [flake8]"),
        formatted(parse(List.of("flake8", "--format=pylint"), "./app/m.py:4: [E231] missing whitespace after ','\n", "")));
    assertEquals(List.of("app/m.py:4:7: E231 missing whitespace [flake8]"),
        formatted(parse(List.of("flake8", "--format", "%(code)s|%(path)s|%(row)d|%(col)d|%(text)s"),
            "E231|app/m.py|4|7|missing whitespace\n", "")));
    // [flake8] format = pylint in tox.ini applies when the command gives none
    ParsedOutput fromSettings = OutputParsers.forCommand(List.of("flake8"), Map.of("format", "pylint"))
        .parse("app/m.py:2: [F401] 'os' imported but unused\n", "", PATHS);
    assertEquals(List.of("app/m.py:2: F401 'os' imported but unused [flake8]"), formatted(fromSettings));
  }

  @Test
  public void flake8ShowSourceCountAndStatistics() {
    ParsedOutput parsed = parse(List.of("flake8", "--show-source", "--count", "--statistics"),
        "./a.py:1:1: F401 'os' imported but unused\nimport os\n^\n2     F401 'os' imported but unused\n2\n", "");
    assertEquals(1, parsed.findings().size());
    assertEquals("import os\n^", parsed.findings().get(0).detail());
    assertEquals(List.of(), parsed.unrecognised());
  }

  @Test
  public void pycodestyleAndPyflakes() {
    assertEquals(List.of("a.py:1:80: E501 line too long (82 > 79 characters) [pycodestyle]"),
        formatted(parse(List.of("pycodestyle", "a.py"), "a.py:1:80: E501 line too long (82 > 79 characters)\n", "")));
    ParsedOutput pyflakes = parse(List.of("python3", "-m", "pyflakes", "."),
        "./a.py:1:1: 'os' imported but unused\n./b.py:2:5: undefined name 'x'\n",
        "./c.py:3:9: invalid syntax\n    def f(:\n        ^\n");
    assertEquals(List.of(
            "a.py:1:1: 'os' imported but unused [pyflakes]",
            "b.py:2:5: undefined name 'x' [pyflakes]",
            "c.py:3:9: invalid syntax [pyflakes]"),
        formatted(pyflakes));
    assertEquals(Severity.ERROR, pyflakes.findings().get(1).severity());
    assertEquals("    def f(:\n        ^", pyflakes.findings().get(2).detail());
  }

  @Test
  public void ruffConciseAndFullFormats() {
    ParsedOutput concise = parse(List.of("ruff", "check", "--output-format=concise"),
        "a.py:1:8: F401 [*] `os` imported but unused\nb.py:2:1: E741 Ambiguous variable name: `l`\n"
            + "Found 2 errors.\n[*] 1 fixable with the `--fix` option.\n", "");
    assertEquals(List.of("a.py:1:8: F401 `os` imported but unused [ruff]", "b.py:2:1: E741 Ambiguous variable name: `l` [ruff]"),
        formatted(concise));
    assertEquals(List.of(), concise.unrecognised());
    ParsedOutput full = parse(List.of("ruff", "check"),
        "F401 [*] `os` imported but unused\n --> a.py:1:8\n  |\n1 | import os\n  |        ^^\n  |\nhelp: Remove unused import: `os`\n\n"
            + "Found 1 error.\n", "");
    assertEquals(List.of("a.py:1:8: F401 `os` imported but unused [ruff]"), formatted(full));
    ParsedOutput format = parse(List.of("ruff", "format", "--check"), "Would reformat: a.py\n1 file would be reformatted\n", "");
    assertEquals(List.of("a.py: would reformat [ruff]"), formatted(format));
  }

  @Test
  public void blackCheckNamesFilesAndCannotParseIsAnError() {
    ParsedOutput parsed = parse(List.of("python", "-m", "black", "--check", "."), "",
        "would reformat /srv/app/app/modèle.py\nwould reformat /srv/app/app/model.py\n"
            + "error: cannot format /srv/app/app/broken.py: Cannot parse: 3:7: def f(:\n"
            + "\nOh no! 💥 💔 💥\n2 files would be reformatted, 1 file would be left unchanged, 1 file would fail to reformat.\n");
    assertEquals(List.of(
            "app/broken.py:3:7: cannot parse: def f(: [black]",
            "app/model.py: would reformat [black]",
            "app/modèle.py: would reformat [black]"),
        formatted(parsed));
    assertEquals(Severity.ERROR, parsed.findings().get(0).severity());
    assertEquals(List.of(), parsed.unrecognised());
  }

  @Test
  public void blackDiffGivesOneFindingPerHunkAtItsFirstChangedLine() {
    String diff = "--- /srv/app/a.py\t2026-01-01 00:00:00.000000 +0000\n"
        + "+++ /srv/app/a.py\t2026-01-01 00:00:01.000000 +0000\n"
        + "@@ -1,4 +1,4 @@\n"
        + " import os\n"
        + " \n"
        + "--x=1\n"
        + "+-x = 1\n"
        + " y = 2\n"
        + "@@ -10,2 +10,4 @@\n"
        + " def f():\n"
        + "+\n"
        + "+\n"
        + "     pass\n";
    ParsedOutput parsed = parse(List.of("black", "--check", "--diff", "."), diff,
        "would reformat /srv/app/a.py\n\nOh no! 💥 💔 💥\n1 file would be reformatted.\n");
    assertEquals(List.of("a.py:3: would reformat line 3 [black]", "a.py:11: would insert 2 lines [black]"),
        formatted(parsed));
    assertTrue(parsed.findings().get(0).detail().startsWith("@@ -1,4 +1,4 @@\n import os"));
    assertEquals(List.of(), parsed.unrecognised());
  }

  @Test
  public void unknownToolsOutputIsKeptVerbatim() {
    ParsedOutput parsed = parse(List.of("python", "-m", "pytest"), "===== 3 passed in 0.1s =====\n", "");
    assertEquals(List.of(), parsed.findings());
    assertEquals(List.of("===== 3 passed in 0.1s ====="), parsed.unrecognised());
  }
}
