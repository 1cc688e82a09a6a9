package io.modelpipe.lint;

import io.modelpipe.ServiceUnavailableException;
import java.util.Map;

/**
 * A lint tool a tox env runs is not installed where the commands run. The command line maps it to
 * exit code 3 (like every missing service: the input is fine, the machine is not ready); the
 * message names the tool and the Debian package that provides it.
 */
public final class ToolNotInstalledException extends ServiceUnavailableException {

  /** Debian 12 packages providing the tools tox.ini files usually run. */
  static final Map<String, String> DEBIAN_PACKAGES = Map.ofEntries(
      Map.entry("flake8", "flake8"),
      Map.entry("black", "black"),
      Map.entry("tox", "tox"),
      Map.entry("pycodestyle", "pycodestyle"),
      Map.entry("pyflakes", "pyflakes3"),
      Map.entry("pyflakes3", "pyflakes3"),
      Map.entry("pytest", "python3-pytest"),
      Map.entry("isort", "isort"),
      Map.entry("mypy", "mypy"),
      Map.entry("pylint", "pylint"),
      Map.entry("bandit", "bandit"),
      Map.entry("coverage", "python3-coverage"),
      Map.entry("python", "python3"),
      Map.entry("python3", "python3"));

  private final String tool;

  /**
   * @param tool the program or Python module that is missing
   * @param how what was looked for and where, one clause
   */
  public ToolNotInstalledException(String tool, String how) {
    super(tool, "not installed: " + how + "; " + advice(tool));
    this.tool = tool;
  }

  public String tool() {
    return tool;
  }

  /** The Debian package providing {@code tool}, if known. */
  public static String debianPackage(String tool) {
    return DEBIAN_PACKAGES.get(tool);
  }

  static String advice(String tool) {
    if (tool.equals("ruff")) {
      return "Debian 12 has no ruff package: install ruff on the agent, or lint --in-image";
    }
    String pkg = DEBIAN_PACKAGES.get(tool);
    return pkg == null
        ? "install the Debian package that provides it (apt-file search " + tool + ")"
        : "install Debian's package " + pkg + " (apt-get install " + pkg + ")";
  }
}
