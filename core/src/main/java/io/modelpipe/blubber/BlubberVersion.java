package io.modelpipe.blubber;

import java.util.Comparator;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Blubber release, such as {@code v0.21.1}: the version of the BuildKit frontend a file pins in
 * its {@code # syntax=} line, which decides the semantics where Blubber changed them.
 */
public record BlubberVersion(int major, int minor, int patch) implements Comparable<BlubberVersion> {

  /** Python dependencies move from {@code pip install --target} to a venv; {@code use-system-flag} goes. */
  public static final BlubberVersion PYTHON_VENV = new BlubberVersion(0, 23, 0);
  /** {@code PYTHONPATH} keeps what was set before instead of being replaced ("append pythonpath"). */
  public static final BlubberVersion PYTHONPATH_APPENDED = new BlubberVersion(0, 19, 0);
  /** {@code PIP_BREAK_SYSTEM_PACKAGES} is set for the system-wide pip of Debian bookworm and later. */
  public static final BlubberVersion PIP_BREAK_SYSTEM_PACKAGES = new BlubberVersion(0, 20, 0);
  /** {@code python.tox-version} exists. */
  public static final BlubberVersion TOX_VERSION = new BlubberVersion(0, 21, 0);
  /**
   * APT's {@code signed-by} exists; the proxies file and keyrings are written first, sources after
   * installing {@code ca-certificates}, and the sources file stays in the image.
   */
  public static final BlubberVersion APT_FILES = new BlubberVersion(1, 2, 0);
  /** {@code python.poetry.only} and {@code without} exist (Poetry 2). */
  public static final BlubberVersion POETRY_GROUPS = new BlubberVersion(1, 6, 0);
  /** {@code python.venv} sets the venv's path. */
  public static final BlubberVersion VENV_PATH = new BlubberVersion(1, 7, 0);
  /**
   * {@code pip-version}, {@code setuptools-version} and {@code wheel-version} exist, and a bare
   * version number in them, {@code tox-version} or {@code poetry.version} means {@code ==N}
   * while anything else is used as a specifier (before, {@code tox-version} was always {@code ==}).
   */
  public static final BlubberVersion CORE_PACKAGE_VERSIONS = new BlubberVersion(1, 8, 0);
  /** The newest release whose semantics this compiler follows, used when a file pins none. */
  public static final BlubberVersion NEWEST_FOLLOWED = CORE_PACKAGE_VERSIONS;

  private static final Pattern FORM = Pattern.compile("v?(\\d+)\\.(\\d+)(?:\\.(\\d+))?(?:[-+].*)?");
  private static final Comparator<BlubberVersion> ORDER =
      Comparator.comparingInt(BlubberVersion::major)
          .thenComparingInt(BlubberVersion::minor)
          .thenComparingInt(BlubberVersion::patch);

  public BlubberVersion {
    if (major < 0 || minor < 0 || patch < 0) {
      throw new IllegalArgumentException("version numbers must not be negative");
    }
  }

  /** Parses {@code v0.21.1}, {@code 0.21} or {@code v1.0.0-rc1}; empty for anything else ({@code latest}). */
  public static Optional<BlubberVersion> parse(String text) {
    Matcher m = FORM.matcher(text.trim());
    if (!m.matches()) {
      return Optional.empty();
    }
    int patch = m.group(3) == null ? 0 : Integer.parseInt(m.group(3));
    return Optional.of(new BlubberVersion(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), patch));
  }

  public boolean isBefore(BlubberVersion other) {
    return compareTo(other) < 0;
  }

  @Override
  public int compareTo(BlubberVersion other) {
    return ORDER.compare(this, other);
  }

  @Override
  public String toString() {
    return "v" + major + "." + minor + "." + patch;
  }
}
