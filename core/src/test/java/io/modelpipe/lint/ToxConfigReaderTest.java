package io.modelpipe.lint;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class ToxConfigReaderTest {

  private static final Path ROOT = Path.of("/work/my project/ünï");

  private static ToxConfig parse(String... lines) {
    return ToxConfigReader.parse(String.join("\n", lines), ROOT, Map.of("HOME", "/home/u", "LINT_TARGET", "src"), List.of());
  }

  private static List<String> errors(String... lines) {
    try {
      parse(lines);
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
    fail("expected errors");
    return List.of();
  }

  private static List<List<String>> argvs(ToxEnv env) {
    return env.commands().stream().map(ToxCommand::argv).toList();
  }

  @Test
  public void exampleMonorepoToxIni() {
    ToxConfig config = ToxConfigReader.read(Path.of("../examples/inference-services"), Map.of(), List.of());
    assertEquals(List.of("flake8", "black"), config.envlist());
    assertTrue(config.skipsdist());
    assertEquals(List.of("flake8", "black", "outlink", "revertrisk", "articlequality"),
        config.envs().stream().map(ToxEnv::name).toList());
    assertEquals(List.of(List.of("python", "-m", "flake8", ".")), argvs(config.env("flake8").orElseThrow()));
    assertEquals(List.of(List.of("python", "-m", "black", "--check", "--diff", ".")), argvs(config.env("black").orElseThrow()));
    ToxEnv outlink = config.env("revertrisk").orElseThrow();
    assertEquals(config.root().resolve("revertrisk"), outlink.changedir());
    assertEquals(List.of(List.of("python", "-m", "pytest")), argvs(outlink));
    assertTrue(outlink.skipInstall());
    assertEquals("88", config.flake8().get("max-line-length"));
    assertEquals(List.of("flake8", "black"), config.select(List.of()).stream().map(ToxEnv::name).toList());
  }

  @Test
  public void commandTypoIsLocatedAndExplained() {
    assertEquals(List.of(
            "tox.ini:4:1: testenv:flake8: env 'flake8' has no commands: tox would run nothing and report success",
            "tox.ini:5:1: testenv:flake8.command: unknown key: tox ignores it silently, so this env's commands never run;"
                + " did you mean 'commands'?",
            "tox.ini:6:1: testenv:flake8.skip_instal: unknown key: tox ignores it silently; did you mean 'skip_install'?"),
        errors("[tox]",
            "envlist = flake8",
            "",
            "[testenv:flake8]",
            "command = python -m flake8 .",
            "skip_instal = true"));
  }

  @Test
  public void envWithoutCommandsAndUnknownToxKeys() {
    assertEquals(List.of(
            "tox.ini:2:1: tox.envlsit: unknown key: tox ignores it silently; did you mean 'envlist'?",
            "tox.ini:4:1: testenv:docs: env 'docs' has no commands: tox would run nothing and report success",
            "tox.ini:8:12: testenv:lint.commands: env 'lint' has no commands (none left for its factors): tox would run"
                + " nothing and report success"),
        errors("[tox]",
            "envlsit = py3",
            "",
            "[testenv:docs]",
            "deps = sphinx",
            "",
            "[testenv:lint]",
            "commands = py3: flake8 ."));
  }

  @Test
  public void generativeNamesFactorsAndEnvlistExpansion() {
    ToxConfig config = parse(
        "[tox]",
        "envlist = py{310,311}-{lint,fmt}, # comment",
        "  docs",
        "[testenv]",
        "commands =",
        "    lint: flake8 {posargs:src tests}",
        "    fmt,docs: black --check .",
        "    !py310-lint: echo not-310-lint",
        "    py310-lint: -pycodestyle .",
        "[testenv:docs]",
        "commands = {[testenv]commands}");
    assertEquals(List.of("py310-lint", "py310-fmt", "py311-lint", "py311-fmt", "docs"), config.envlist());
    assertEquals(List.of(List.of("flake8", "src", "tests"), List.of("pycodestyle", ".")),
        argvs(config.env("py310-lint").orElseThrow()));
    assertTrue(config.env("py310-lint").orElseThrow().commands().get(1).ignoreExitCode());
    // tox 3: "!py310-lint" is "lint and not py310"
    assertEquals(List.of(List.of("flake8", "src", "tests"), List.of("echo", "not-310-lint")),
        argvs(config.env("py311-lint").orElseThrow()));
    assertEquals(List.of(List.of("black", "--check", ".")), argvs(config.env("py311-fmt").orElseThrow()));
    assertEquals(List.of(List.of("black", "--check", ".")), argvs(config.env("docs").orElseThrow()));
    ToxCommand flake8 = config.env("py311-lint").orElseThrow().commands().get(0);
    assertEquals(6, flake8.location().line());
    assertEquals(11, flake8.location().column());
  }

  @Test
  public void substitutionsKeepPathsWithSpacesInOneWord() {
    ToxConfig config = parse(
        "[testenv:lint]",
        "setenv =",
        "    TARGET = {toxinidir}/{env:LINT_TARGET}",
        "    UNSET_DEFAULT = {env:NOT_SET_ANYWHERE:fallback}",
        "changedir = {toxinidir}/sub",
        "commands =",
        "    flake8 {env:TARGET} {env:UNSET_DEFAULT} --config={toxinidir}{/}setup.cfg \\",
        "        \"quoted arg\" '{envname}' \\{literal\\}",
        "    python -c \"print('a b')\" {posargs}");
    ToxEnv lint = config.env("lint").orElseThrow();
    assertEquals(List.of(
            List.of("flake8", "/work/my project/ünï/src", "fallback", "--config=/work/my project/ünï/setup.cfg",
                "quoted arg", "lint", "{literal}"),
            List.of("python", "-c", "print('a b')")),
        argvs(lint));
    assertEquals(ROOT.resolve("sub"), lint.changedir());
    assertEquals("/work/my project/ünï/src", lint.setenv().get("TARGET"));
    assertEquals(7, lint.commands().get(0).location().line());
  }

  @Test
  public void posargsReplaceDefaults() {
    ToxConfig config = ToxConfigReader.parse("[testenv:lint]\ncommands = flake8 {posargs:.}\n", ROOT, Map.of(),
        List.of("app/model.py", "--select", "F"));
    assertEquals(List.of(List.of("flake8", "app/model.py", "--select", "F")), argvs(config.env("lint").orElseThrow()));
  }

  @Test
  public void substitutionProblemsFailOnlyTheEnvsThatRun() {
    ToxConfig config = parse(
        "[tox]",
        "envlist = ok",
        "[testenv:ok]",
        "commands = flake8 .",
        "[testenv:broken]",
        "commands = flake8 {env:NOT_SET_ANYWHERE} {nosuch} 'unclosed");
    assertEquals(1, config.select(List.of()).size());
    try {
      config.select(List.of("ok", "broken", "absent"));
      fail("expected errors");
    } catch (InvalidInputException e) {
      assertEquals(List.of(
              "tox.ini: no env 'absent'; defined: ok, broken",
              "tox.ini:6:12: testenv:broken.commands: no closing quotation (') in 'flake8 {env:NOT_SET_ANYWHERE} {nosuch}"
                  + " 'unclosed'"),
          e.diagnostics().stream().map(Diagnostic::format).toList());
    }
    ToxConfig unset = parse("[testenv:broken]", "commands = flake8 {env:NOT_SET_ANYWHERE} {nosuch}");
    try {
      unset.select(List.of("broken"));
      fail("expected errors");
    } catch (InvalidInputException e) {
      assertEquals(List.of(
              "tox.ini:2:12: testenv:broken.commands: substitution {env:NOT_SET_ANYWHERE}: environment variable"
                  + " NOT_SET_ANYWHERE is not set and has no default",
              "tox.ini:2:12: testenv:broken.commands: unknown substitution {nosuch}"),
          e.diagnostics().stream().map(Diagnostic::format).toList());
    }
  }

  @Test
  public void missingToxIniSaysWhatIsRead() {
    try {
      ToxConfigReader.read(Path.of("src/test/resources/lint"), Map.of(), List.of());
      fail("expected an error");
    } catch (InvalidInputException e) {
      String message = e.diagnostics().get(0).format();
      assertTrue(message, message.startsWith("tox.ini: not found in src/test/resources/lint"));
      assertTrue(message, message.contains("not setup.cfg"));
    }
  }

  @Test
  public void noEnvsAtAllMeansToxsDefaultEnvWhichHasNoCommands() {
    List<String> errors = errors("[tox]", "skipsdist = true");
    assertEquals(List.of("tox.ini: testenv:python: env 'python' has no commands: tox would run nothing and report success"),
        errors);
    assertFalse(ToxConfigReader.closest("commands", ToxConfigReader.TESTENV_KEYS) == null);
  }
}
