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
 * @param toxVersion the tox version to install instead of the newest
 */
public record PythonBuilder(
    Optional<String> version,
    Optional<List<Artifact>> requirements,
    boolean useSystemSitePackages,
    boolean useSystemFlag,
    boolean noDeps,
    Optional<Poetry> poetry,
    Optional<String> toxVersion)
    implements Builder {

  public PythonBuilder {
    Objects.requireNonNull(version, "version");
    requirements = requirements.map(list -> Values.list(list, "requirements"));
    Objects.requireNonNull(poetry, "poetry");
    Objects.requireNonNull(toxVersion, "toxVersion");
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

  /**
   * Poetry settings.
   *
   * @param version a version constraint such as {@code ==1.8.2}
   * @param devel also install development dependencies
   */
  public record Poetry(Optional<String> version, boolean devel) {
    public Poetry {
      Objects.requireNonNull(version, "version");
    }
  }
}
