package io.modelpipe.blubber;

import io.modelpipe.blubber.DockerInstruction.Env;
import io.modelpipe.blubber.DockerInstruction.Run;
import io.modelpipe.blubber.DockerInstruction.RunAll;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The Python builder's instructions, which depend on the Blubber version followed.
 *
 * <p><b>Before v0.23.0</b> (what files pinning e.g. {@code buildkit:v0.15.0} get; after Blubber's
 * {@code config/python.go} of those releases): pip, setuptools, wheel and tox are upgraded system
 * wide while privileged; requirements are built as wheels into {@code /opt/lib/python} and
 * installed with {@code pip install --target /opt/lib/python/site-packages} ({@code --system} for
 * {@code use-system-flag}); {@code PYTHONPATH} and {@code PATH} point there whenever a Python
 * version is set, even without requirements, which is what lets a production variant copy
 * {@code /opt/lib/python/site-packages} from a build variant; {@code PIP_NO_INDEX} is set
 * afterwards. From v0.19.0 the earlier {@code PYTHONPATH} is appended ("append pythonpath"), from
 * v0.20.0 {@code PIP_BREAK_SYSTEM_PACKAGES=1} is set (both from Blubber's changelog; their exact
 * placement is inferred, see the README).
 *
 * <p><b>From v0.23.0</b> (after Blubber's {@code config/python.go} up to v1.6): the builder runs
 * only with both a version and requirements; it creates a venv at {@code /opt/lib/venv}
 * ({@code --system-site-packages} on request), activates it through {@code VIRTUAL_ENV} and
 * {@code PATH}, upgrades setuptools, wheel, tox and pip inside it, and installs the requirements
 * with {@code pip install -r}. From v1.6.0 Poetry 2's {@code only} and {@code without} select
 * dependency groups; from v1.7.0 {@code venv} moves the venv; from v1.8.0 the versions of pip,
 * setuptools and wheel can be pinned, and a bare version number in any of the core package
 * versions means {@code ==N} (Blubber's {@code config/python.go} at those tags).
 */
final class PythonInstructions {

  static final String LIB = VariantPaths.LOCAL_LIB + "/python";
  static final String SITE_PACKAGES = LIB + "/site-packages";
  static final String VENV = VariantPaths.LOCAL_LIB + "/venv";
  static final String POETRY_VENVS = VariantPaths.LOCAL_LIB + "/poetry";

  private final PythonBuilder python;
  private final BlubberVersion semantics;

  PythonInstructions(PythonBuilder python, BlubberVersion semantics) {
    this.python = python;
    this.semantics = semantics;
  }

  /** True when requirement files are copied in before the install step. */
  boolean copiesRequirements() {
    if (semantics.isBefore(BlubberVersion.PYTHON_VENV)) {
      return python.version().isPresent() && python.requirements().isPresent();
    }
    return venvEnabled();
  }

  private boolean venvEnabled() {
    return python.version().isPresent() && python.requirements().isPresent();
  }

  List<DockerInstruction> privileged() {
    List<DockerInstruction> ins = new ArrayList<>();
    if (!semantics.isBefore(BlubberVersion.PYTHON_VENV) || python.version().isEmpty()) {
      return ins;
    }
    boolean requirements = python.requirements().isPresent();
    if (!requirements && !python.usesPoetry()) {
      return ins;
    }
    if (!semantics.isBefore(BlubberVersion.PIP_BREAK_SYSTEM_PACKAGES)) {
      ins.add(new Env(Map.of("PIP_BREAK_SYSTEM_PACKAGES", "1")));
    }
    if (requirements) {
      ins.add(upgradePip());
    }
    if (python.usesPoetry()) {
      ins.addAll(installPoetry());
    }
    return ins;
  }

  /** After the requirement files are copied in. */
  List<DockerInstruction> preInstall() {
    return semantics.isBefore(BlubberVersion.PYTHON_VENV) ? legacyPreInstall() : venvPreInstall();
  }

  private List<DockerInstruction> legacyPreInstall() {
    List<DockerInstruction> ins = new ArrayList<>();
    if (python.version().isEmpty()) {
      return ins;
    }
    String interpreter = python.interpreter();
    if (python.requirements().isPresent()) {
      if (python.usesPoetry()) {
        ins.add(Run.of("mkdir -p", POETRY_VENVS));
        ins.add(poetryInstall());
      } else {
        ins.add(new Env(Map.of("PIP_WHEEL_DIR", LIB, "PIP_FIND_LINKS", "file://" + LIB)));
        ins.add(Run.of("mkdir -p", LIB));
        List<String> args = requirementArgs();
        if (!args.isEmpty()) {
          List<String> wheel = new ArrayList<>(List.of("-m", "pip", "wheel"));
          wheel.addAll(args);
          List<String> install = new ArrayList<>(List.of("-m", "pip", "install"));
          if (python.useSystemFlag()) {
            install.add("--system");
          }
          if (python.noDeps()) {
            install.add("--no-deps");
          }
          install.addAll(List.of("--target", SITE_PACKAGES));
          install.addAll(args);
          ins.add(new RunAll(List.of(new Run(interpreter, wheel), new Run(interpreter, install))));
        }
      }
    }
    if (!python.usesPoetry()) {
      String pythonPath = semantics.isBefore(BlubberVersion.PYTHONPATH_APPENDED)
          ? SITE_PACKAGES
          : SITE_PACKAGES + ":${PYTHONPATH}";
      ins.add(new Env(Map.of("PYTHONPATH", pythonPath, "PATH", SITE_PACKAGES + "/bin:${PATH}")));
    }
    return ins;
  }

  private List<DockerInstruction> venvPreInstall() {
    List<DockerInstruction> ins = new ArrayList<>();
    if (!venvEnabled()) {
      return ins;
    }
    String interpreter = python.interpreter();
    String venvPath = venvPath();
    List<String> venv = new ArrayList<>(List.of("-m", "venv", venvPath));
    if (python.useSystemSitePackages()) {
      venv.add("--system-site-packages");
    }
    ins.add(new Run(interpreter, venv));
    ins.add(new Env(Map.of("VIRTUAL_ENV", venvPath, "PATH", venvPath + "/bin:$PATH")));
    ins.add(upgradePip());
    if (python.usesPoetry()) {
      ins.addAll(installPoetry());
      ins.add(Run.of("mkdir -p", POETRY_VENVS));
      ins.add(poetryInstall());
    } else {
      List<String> args = requirementArgs();
      if (!args.isEmpty()) {
        List<String> install = new ArrayList<>(List.of("-m", "pip", "install"));
        if (python.noDeps()) {
          install.add("--no-deps");
        }
        install.addAll(args);
        ins.add(new Run(interpreter, install));
      }
    }
    return ins;
  }

  List<DockerInstruction> postInstall() {
    List<DockerInstruction> ins = new ArrayList<>();
    boolean legacy = semantics.isBefore(BlubberVersion.PYTHON_VENV);
    if (legacy ? python.version().isEmpty() : !venvEnabled()) {
      return ins;
    }
    if (python.usesPoetry()) {
      return ins;
    }
    if (legacy && python.requirements().isPresent()) {
      ins.add(new Env(Map.of("PIP_NO_INDEX", "1")));
    }
    if (python.noDeps()) {
      ins.add(Run.of(python.interpreter(), "-m", "pip", "check"));
    }
    return ins;
  }

  /** The venv's path: {@code python.venv} from v1.7.0, else {@code /opt/lib/venv}. */
  String venvPath() {
    return semantics.isBefore(BlubberVersion.VENV_PATH) ? VENV : python.venv().orElse(VENV);
  }

  /** Upgrades the packaging tools from the package index, as Blubber does. */
  private RunAll upgradePip() {
    String interpreter = python.interpreter();
    PythonBuilder.CorePackages versions = python.corePackages();
    boolean pinnable = !semantics.isBefore(BlubberVersion.CORE_PACKAGE_VERSIONS);
    String tox = pinnable
        ? "tox" + specifier(versions.tox())
        : versions.tox().map(v -> "tox==" + v).orElse("tox");
    String pip;
    String setuptools = "setuptools!=60.9.0";
    String wheel = "wheel";
    if (pinnable) {
      pip = versions.pip().isEmpty() && interpreter.startsWith("python2") ? "pip<21" : "pip" + specifier(versions.pip());
      setuptools = versions.setuptools().map(v -> "setuptools" + specifier(Optional.of(v))).orElse(setuptools);
      wheel = "wheel" + specifier(versions.wheel());
    } else {
      pip = interpreter.startsWith("python2") ? "pip<21" : "pip";
    }
    return new RunAll(List.of(
        Run.of(interpreter, "-m", "pip", "install", "-U", setuptools),
        Run.of(interpreter, "-m", "pip", "install", "-U", wheel, tox, pip)));
  }

  /** A version as pip reads it after a package name: a bare number {@code N} as {@code ==N}, anything else as written. */
  private static String specifier(Optional<String> version) {
    return version.map(v -> !v.isEmpty() && Character.isDigit(v.charAt(0)) && v.charAt(0) < 128 ? "==" + v : v).orElse("");
  }

  private List<DockerInstruction> installPoetry() {
    Optional<String> version = python.poetry().flatMap(PythonBuilder.Poetry::version);
    String poetry = semantics.isBefore(BlubberVersion.CORE_PACKAGE_VERSIONS)
        ? "poetry" + version.orElse("")
        : "poetry" + specifier(version);
    return List.of(
        new Env(Map.of("POETRY_VIRTUALENVS_PATH", POETRY_VENVS)),
        Run.of(python.interpreter(), "-m", "pip", "install", "-U", poetry));
  }

  private Run poetryInstall() {
    List<String> args = new ArrayList<>(List.of("install", "--no-root"));
    Optional<PythonBuilder.Poetry> poetry = python.poetry();
    Optional<String> only = Optional.empty();
    Optional<String> without = Optional.empty();
    if (!semantics.isBefore(BlubberVersion.POETRY_GROUPS)) {
      only = poetry.flatMap(PythonBuilder.Poetry::only);
      without = poetry.flatMap(PythonBuilder.Poetry::without);
    }
    only.ifPresent(groups -> args.addAll(List.of("--only", groups)));
    without.ifPresent(groups -> args.addAll(List.of("--without", groups)));
    if (only.isEmpty() && without.isEmpty() && !poetry.map(PythonBuilder.Poetry::devel).orElse(false)) {
      args.add("--no-dev");
    }
    return new Run("poetry", args);
  }

  private List<String> requirementArgs() {
    List<String> args = new ArrayList<>();
    for (Artifact requirement : python.requirements().orElse(List.of())) {
      args.add("-r");
      args.add(requirement.effectiveDestination());
    }
    return args;
  }
}
