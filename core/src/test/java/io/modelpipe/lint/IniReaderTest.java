package io.modelpipe.lint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.util.List;
import org.junit.Test;

public class IniReaderTest {

  @Test
  public void continuationLinesCommentsAndPositions() {
    IniFile ini = IniReader.parse(String.join("\n",
        "; leading comment",
        "[testenv:a]  # trailing comment on a header",
        "commands =",
        "    python -m flake8 .",
        "    # a comment between continuation lines",
        "",
        "    python -m black --check .",
        "deps: flake8",
        "description = x = y",
        "[other]"), "tox.ini");
    assertEquals(List.of("testenv:a", "other"), ini.sections().stream().map(IniFile.Section::name).toList());
    IniFile.Section section = ini.section("testenv:a").orElseThrow();
    assertEquals(2, section.line());
    IniFile.Entry commands = section.entry("commands").orElseThrow();
    assertEquals("python -m flake8 .\npython -m black --check .", commands.value());
    assertEquals(3, commands.line());
    assertEquals(List.of(4, 7), commands.lines().stream().map(IniFile.ValueLine::line).toList());
    assertEquals(5, commands.lines().get(0).column());
    assertEquals("flake8", section.entry("deps").orElseThrow().value());
    assertEquals(7, section.entry("deps").orElseThrow().lines().get(0).column());
    assertEquals("x = y", section.entry("description").orElseThrow().value());
  }

  @Test
  public void everySyntaxProblemIsReportedWithItsLine() {
    try {
      IniReader.parse(String.join("\n",
          "key = before any section",
          "[a]",
          "x = 1",
          "x = 2",
          "no separator here",
          "[a]",
          "[broken"), "tox.ini");
      fail("expected errors");
    } catch (InvalidInputException e) {
      assertEquals(List.of(
              "tox.ini:1:1: key: key before any [section] header",
              "tox.ini:4:1: a.x: duplicate key: tox refuses the whole file",
              "tox.ini:5:1: a: unexpected line 'no separator here': expected 'key = value', a [section] or an indented continuation",
              "tox.ini:6:1: a: duplicate section: tox refuses the whole file",
              "tox.ini:7:1: section header without a closing ']'"),
          e.diagnostics().stream().map(Diagnostic::format).toList());
    }
  }
}
