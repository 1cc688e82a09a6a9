package io.modelpipe.blubber;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Installs pip (or Poetry) dependencies ({@code python}).
 *
 * @param version the Python binary, e.g. {@code python3}
 * @param useSystemSitePackages create the venv with {@code --system-site-packages} (Blubber v0.23.0 and later)
 * @param useSystemFlag pass {@code --system} to {@code pip install} (before Blubber v0.23.0)
 * @param noDeps pass {@code --no-deps} and check the result with {@code pip check}
 * @param corePackages versions of pip, setuptools, tox and wheel to install instead of the newest
 * @param venv the venv's path instead of {@code /opt/lib/venv} (Blubber v1.7.0 and later)
 */
public record PythonBuilder(
    Optional<String> version,
    Optional<List<Artifact>> requirements,
    boolean useSystemSitePackages,
    boolean useSystemFlag,
    boolean noDeps,
    Optional<Poetry> poetry,
    CorePackages corePackages,
    Optional<String> venv)
    implements Builder {

  public PythonBuilder {
    Objects.requireNonNull(version, "version");
    requirements = requirements.map(list -> Values.list(list, "requirements"));
    Objects.requireNonNull(poetry, "poetry");
    Objects.requireNonNull(corePackages, "corePackages");
    Objects.requireNonNull(venv, "venv");
  }

  @Override
  public String kind() {
    return "python";
  }

  /** The interpreter command: {@code version}, or {@code python} when none is given. */
  public String interpreter() {
    return version.filter(v -> !v.isEmpty()).orElse("python");
  }

  /** True when Poetry, not pip, installs the dependencies. */
  public boolean usesPoetry() {
    return poetry.flatMap(Poetry::version).isPresent();
  }

  /** The tox version to install instead of the newest ({@code tox-version}). */
  public Optional<String> toxVersion() {
    return corePackages.tox();
  }

  /**
   * Poetry settings.
   *
   * @param version a version constraint such as {@code ==1.8.2}
   * @param devel also install development dependencies (Poetry 1)
   * @param only dependency groups to install, {@code --only} (Poetry 2, Blubber v1.6.0 and later)
   * @param without dependency groups to leave out, {@code --without} (Poetry 2, Blubber v1.6.0 and later)
   */
  public record Poetry(Optional<String> version, boolean devel, Optional<String> only, Optional<String> without) {
    public Poetry {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(only, "only");
      Objects.requireNonNull(without, "without");
    }
  }

  /**
   * Versions of the packages Blubber installs before the requirements ({@code pip-version},
   * {@code setuptools-version}, {@code tox-version}, {@code wheel-version}): a bare number or a
   * Python version specifier such as {@code ~=26.0}.
   */
  public record CorePackages(Optional<String> pip, Optional<String> setuptools, Optional<String> tox, Optional<String> wheel) {
    public static final CorePackages NEWEST = new CorePackages(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());

    public CorePackages {
      Objects.requireNonNull(pip, "pip");
      Objects.requireNonNull(setuptools, "setuptools");
      Objects.requireNonNull(tox, "tox");
      Objects.requireNonNull(wheel, "wheel");
    }
  }
}
