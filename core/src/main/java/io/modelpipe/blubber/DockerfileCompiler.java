package io.modelpipe.blubber;

import io.modelpipe.blubber.CompiledDockerfile.LocalRead;
import io.modelpipe.blubber.DockerInstruction.Arg;
import io.modelpipe.blubber.DockerInstruction.Copy;
import io.modelpipe.blubber.DockerInstruction.Entrypoint;
import io.modelpipe.blubber.DockerInstruction.Env;
import io.modelpipe.blubber.DockerInstruction.From;
import io.modelpipe.blubber.DockerInstruction.Label;
import io.modelpipe.blubber.DockerInstruction.Run;
import io.modelpipe.blubber.DockerInstruction.RunAll;
import io.modelpipe.blubber.DockerInstruction.User;
import io.modelpipe.blubber.DockerInstruction.Workdir;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Compiles a Blubber variant to a Dockerfile for Docker's classic builder (no BuildKit, so no
 * {@code RUN --mount} and no heredocs), following the phases of Blubber's compiler.
 *
 * <p>One {@code FROM base AS variant} stage per variant needed: those the variant copies from
 * (through {@code copies}, {@code requirements} or mounts), deepest first, then the variant itself.
 * Each stage runs Blubber's phases in order:
 *
 * <ol>
 *   <li><b>privileged</b> (as root): build {@code ARG}s; APT sources, proxies and packages in one
 *       {@code RUN} that removes the package lists; builders' system-wide steps (the Python
 *       builder before Blubber v0.23.0); the {@code lives} and {@code runs} accounts, created by
 *       {@code groupadd}/{@code useradd} from {@code LIVES_*}/{@code RUNS_*} build arguments, with
 *       {@code lives.in} and {@code /opt/lib} owned by the {@code lives} account;
 *   <li><b>privilege dropped</b>: {@code USER} the {@code lives} account, {@code WORKDIR lives.in},
 *       {@code runs.environment} as {@code ENV};
 *   <li><b>pre-install</b>: builders in order ({@code builders}, then {@code node}, {@code php},
 *       {@code python}, {@code builder}), each copying only its requirement files
 *       ({@code COPY --chown}) before its install step, so that source edits do not invalidate
 *       dependency layers;
 *   <li><b>install</b>: {@code copies}, owned by the {@code lives} account;
 *   <li><b>post-install</b>: {@code USER} the {@code runs} account (the {@code lives} account with
 *       {@code runs.insecurely}), builders' final {@code ENV}s, {@code WORKDIR runs.in}, then
 *       {@code ENTRYPOINT}.
 * </ol>
 *
 * <p>The last stage ends with {@code LABEL blubber.variant=… blubber.version=…}.
 *
 * <p><b>Python</b>: semantics follow the frontend the file pins in its {@code # syntax=} line
 * (newest when none): see {@link PythonInstructions}.
 *
 * <p><b>What the classic builder cannot express</b>:
 *
 * <ul>
 *   <li>{@code exclude} on a copy or requirement: a {@code COPY} cannot leave files out, so the
 *       files are copied and then deleted by a {@code RUN} right after it ({@code find -path},
 *       where {@code *} also crosses directories; negated {@code !} patterns are not applied). The
 *       resulting filesystem matches; the excluded files still enter the build context, the
 *       {@code COPY} layer and its cache key. A warning says so.
 *   <li>builder {@code caches} (BuildKit cache mounts): the command runs without the cache, with a
 *       warning.
 *   <li>builder {@code mounts}: no equivalent (copying would change what the image contains), so
 *       compiling fails with a located message.
 *   <li>builder {@code script}: BuildKit mounts the script; here it is written to {@code /tmp} from
 *       base64, run and deleted in one {@code RUN}, so it does not stay in the image.
 * </ul>
 *
 * <p>{@code .dockerignore} needs nothing in the Dockerfile: Docker applies it to every
 * {@code COPY} from the build context. {@link CompiledDockerfile#reads(String)} honours it.
 */
public final class DockerfileCompiler {

  private static final String LIVES_OWNER = "$LIVES_UID:$LIVES_GID";
  private static final String RUNS_OWNER = "$RUNS_UID:$RUNS_GID";

  private enum Phase { PRIVILEGED, PRIVILEGE_DROPPED, PRE_INSTALL, INSTALL, POST_INSTALL }

  private final BlubberFile file;
  private final CompileOptions options;
  private final BlubberVersion semantics;
  private final List<Diagnostic> warnings = new ArrayList<>();
  private final List<Diagnostic> errors = new ArrayList<>();
  private final List<LocalRead> localReads = new ArrayList<>();

  private DockerfileCompiler(BlubberFile file, CompileOptions options) {
    this.file = file;
    this.options = options;
    this.semantics = options.frontendVersion()
        .or(file::frontendVersion)
        .orElse(BlubberVersion.NEWEST_FOLLOWED);
    warnings.addAll(file.warnings());
    if (options.frontendVersion().isEmpty() && file.syntaxVersion().isPresent() && file.frontendVersion().isEmpty()) {
      warnings.add(file.problemAtPath("", "the '# syntax=' line pins '" + file.syntaxVersion().get()
          + "', which is no version; following Blubber " + semantics + " semantics"));
    }
  }

  /** Compiles with the {@linkplain CompileOptions#defaults() default options}. */
  public static CompiledDockerfile compile(BlubberFile file, String variant) {
    return compile(file, variant, CompileOptions.defaults());
  }

  /**
   * Compiles {@code variant} to a Dockerfile whose final stage is named after it.
   *
   * @throws InvalidInputException for an unknown variant (naming the known ones) or a construct
   *     the classic builder cannot express
   */
  public static CompiledDockerfile compile(BlubberFile file, String variant, CompileOptions options) {
    return new DockerfileCompiler(file, options).compile(variant);
  }

  private CompiledDockerfile compile(String name) {
    Variant target = file.variant(name);
    Map<String, Variant> variants = new LinkedHashMap<>();
    file.variantNames().forEach(n -> variants.put(n, file.variant(n)));
    List<String> stages = new ArrayList<>(BlubberReader.copiesGraph(variants).dependenciesOf(name));
    stages.add(name);

    StringBuilder text = new StringBuilder();
    for (String stage : stages) {
      List<DockerInstruction> instructions = stage(file.variant(stage));
      if (stage.equals(name)) {
        instructions.add(new Label(Map.of("blubber.variant", name, "blubber.version", options.compilerVersion())));
      }
      if (text.length() > 0) {
        text.append('\n');
      }
      instructions.forEach(i -> text.append(i.render()).append('\n'));
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new CompiledDockerfile(text.toString(), target.name(), warnings,
        CompiledDockerfile.sourcesOf(localReads), localReads, options.dockerIgnore());
  }

  private List<DockerInstruction> stage(Variant variant) {
    List<DockerInstruction> out = new ArrayList<>();
    out.add(new From(variant.base().orElse("scratch"), variant.name()));
    for (Phase phase : Phase.values()) {
      List<DockerInstruction> ins = new ArrayList<>();
      if (!variant.isScratch()) {
        ins.addAll(common(variant, phase));
      }
      if (phase == Phase.POST_INSTALL && !variant.entrypoint().isEmpty()) {
        ins.add(new Entrypoint(variant.entrypoint()));
      }
      if (phase == Phase.INSTALL) {
        for (Artifact copy : variant.copies()) {
          for (Artifact expanded : copy.expand(variant.lives().in())) {
            ins.addAll(copyInstructions(variant, copy, List.of(expanded), List.of(expanded.source().orElseThrow()),
                expanded.destination().orElseThrow(), false));
          }
        }
      }
      if (!variant.isScratch()) {
        ins = asAccountOf(variant, phase, ins);
      }
      out.addAll(ins);
    }
    return out;
  }

  /** Blubber's user switch per phase, and {@code COPY --chown} for copies after privileges drop. */
  private static List<DockerInstruction> asAccountOf(Variant variant, Phase phase, List<DockerInstruction> ins) {
    List<DockerInstruction> out = new ArrayList<>();
    String owner = null;
    switch (phase) {
      case PRIVILEGED -> {
        out.add(new User("root"));
        out.add(new Env(Map.of("HOME", "/root")));
      }
      case PRIVILEGE_DROPPED -> {
        out.add(new User("$LIVES_UID"));
        out.add(new Env(Map.of("HOME", "/home/" + variant.lives().as())));
        owner = LIVES_OWNER;
      }
      case PRE_INSTALL, INSTALL -> owner = LIVES_OWNER;
      case POST_INSTALL -> {
        if (variant.runs().insecurely()) {
          owner = LIVES_OWNER;
        } else {
          out.add(new User("$RUNS_UID"));
          out.add(new Env(Map.of("HOME", "/home/$RUNS_AS")));
          owner = RUNS_OWNER;
        }
      }
    }
    for (DockerInstruction instruction : ins) {
      out.add(owner != null && instruction instanceof Copy copy ? copy.ownedBy(owner) : instruction);
    }
    return out;
  }

  /** The instructions of the keys a variant shares with the top level, in Blubber's order. */
  private List<DockerInstruction> common(Variant variant, Phase phase) {
    List<DockerInstruction> ins = new ArrayList<>();
    if (phase == Phase.PRIVILEGED) {
      variant.arguments().entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .forEach(e -> ins.add(new Arg(e.getKey(), e.getValue(), false)));
      ins.addAll(apt(variant.apt()));
    }
    for (Builder builder : variant.buildersInOrder()) {
      ins.addAll(builderInstructions(variant, builder, phase));
    }
    switch (phase) {
      case PRIVILEGED -> {
        Lives lives = variant.lives();
        Runs runs = variant.runs();
        ins.add(new Arg("LIVES_AS", lives.as(), false));
        ins.add(new Arg("LIVES_UID", Long.toString(lives.uid()), true));
        ins.add(new Arg("LIVES_GID", Long.toString(lives.gid()), true));
        List<Run> livesRuns = new ArrayList<>(createUser("LIVES"));
        livesRuns.add(Run.of("mkdir -p", lives.in()));
        livesRuns.add(Run.of("chown %s:%s", "$LIVES_UID", "$LIVES_GID", lives.in()));
        livesRuns.add(Run.of("mkdir -p", VariantPaths.LOCAL_LIB));
        livesRuns.add(Run.of("chown %s:%s", "$LIVES_UID", "$LIVES_GID", VariantPaths.LOCAL_LIB));
        ins.add(new RunAll(livesRuns));
        ins.add(new Arg("RUNS_AS", runs.as(), false));
        ins.add(new Arg("RUNS_UID", Long.toString(runs.uid()), true));
        ins.add(new Arg("RUNS_GID", Long.toString(runs.gid()), true));
        ins.add(new RunAll(createUser("RUNS")));
      }
      case PRIVILEGE_DROPPED -> {
        ins.add(new Workdir(variant.lives().in()));
        if (!variant.runs().environment().isEmpty()) {
          ins.add(new Env(variant.runs().environment()));
        }
      }
      case POST_INSTALL -> variant.runs().in().ifPresent(dir -> ins.add(new Workdir(dir)));
      default -> {}
    }
    return ins;
  }

  /** Blubber's {@code CreateUser}: reuse an existing group or user id, else create it. */
  private static List<Run> createUser(String prefix) {
    String as = "$" + prefix + "_AS";
    String uid = "$" + prefix + "_UID";
    String gid = "$" + prefix + "_GID";
    return List.of(
        Run.of("(getent group %s || groupadd -o -g %s -r %s)", gid, gid, as),
        Run.of("(getent passwd %s || useradd -l -o -m -d %s -r -g %s -u %s %s)", uid, "/home/" + as, gid, uid, as));
  }

  /**
   * APT, as Blubber's {@code config/apt.go} of the version followed. Before v1.2.0: sources and
   * proxies are echoed into their files, one update, the installs, and both files removed at the
   * end. From v1.2.0: the proxies file and the {@code signed-by} keyrings are written first, and
   * with sources {@code ca-certificates} is installed before the sources file, which stays in the
   * image; the block runs for sources or proxies alone too. Blubber writes files with BuildKit's
   * file operations; the classic builder writes the same bytes with {@code echo} in one {@code RUN}.
   */
  private List<DockerInstruction> apt(Apt apt) {
    boolean files = !semantics.isBefore(BlubberVersion.APT_FILES);
    boolean any = apt.installsPackages() || (files && (!apt.sources().isEmpty() || !apt.proxies().isEmpty()));
    if (!any) {
      return List.of();
    }
    List<Run> runs = new ArrayList<>();
    List<Run> sources = new ArrayList<>();
    List<Run> keyrings = new ArrayList<>();
    for (AptSource source : apt.sources()) {
      String options = "";
      if (source.signedBy().isPresent()) {
        String key = source.signedBy().get();
        String keyring = "/etc/apt/keyrings/" + sha256(key) + ".asc";
        if (keyrings.isEmpty()) {
          keyrings.add(Run.of("mkdir -p", "/etc/apt/keyrings"));
        }
        keyrings.add(Run.of("echo %s | base64 -d > %s", base64(key), keyring));
        options = "[signed-by=" + keyring + "] ";
      }
      List<String> parts = new ArrayList<>(List.of(source.url(), source.distribution()));
      parts.addAll(source.components());
      sources.add(Run.of("echo %s >> /etc/apt/sources.list.d/99blubber.list", "deb " + options + String.join(" ", parts)));
    }
    List<Run> proxies = new ArrayList<>();
    for (AptProxy proxy : apt.proxies()) {
      proxies.add(Run.of("echo %s >> /etc/apt/apt.conf.d/99blubber-proxies", proxy.configuration()));
    }
    if (files) {
      runs.addAll(proxies);
      runs.addAll(keyrings);
      if (!sources.isEmpty()) {
        runs.add(Run.of("apt-get update"));
        runs.add(Run.of("apt-get install -y", "ca-certificates"));
        runs.addAll(sources);
      }
    } else {
      runs.addAll(keyrings);
      runs.addAll(sources);
      runs.addAll(proxies);
    }
    if (!files || apt.installsPackages()) {
      runs.add(Run.of("apt-get update"));
    }
    apt.packages().keySet().stream().sorted().forEach(release -> {
      List<String> packages = apt.packages().get(release);
      if (packages.isEmpty()) {
        return;
      }
      if (release.equals(Apt.DEFAULT_RELEASE)) {
        runs.add(new Run("apt-get install -y", packages));
      } else {
        List<String> args = new ArrayList<>(List.of(release));
        args.addAll(packages);
        runs.add(new Run("apt-get install -y -t", args));
      }
    });
    runs.add(Run.of("rm -rf /var/lib/apt/lists/*"));
    if (!apt.proxies().isEmpty()) {
      runs.add(Run.of("rm -f", "/etc/apt/apt.conf.d/99blubber-proxies"));
    }
    if (!files && !apt.sources().isEmpty()) {
      runs.add(Run.of("rm -f", "/etc/apt/sources.list.d/99blubber.list"));
    }
    return List.of(new Env(Map.of("DEBIAN_FRONTEND", "noninteractive")), new RunAll(runs));
  }

  private List<DockerInstruction> builderInstructions(Variant variant, Builder builder, Phase phase) {
    List<DockerInstruction> ins = new ArrayList<>();
    if (builder instanceof PythonBuilder python) {
        PythonInstructions py = new PythonInstructions(python, semantics);
        switch (phase) {
          case PRIVILEGED -> {
            if (python.useSystemFlag() && !semantics.isBefore(BlubberVersion.PYTHON_VENV)) {
              warnings.add(file.problemAtChild(python, variant.name(), "use-system-flag",
                  "use-system-flag is ignored: Blubber " + BlubberVersion.PYTHON_VENV + " removed it and "
                      + semantics + " semantics apply; pin an older frontend in the '# syntax=' line to keep it"));
            }
            ins.addAll(py.privileged());
          }
          case PRE_INSTALL -> {
            if (py.copiesRequirements()) {
              ins.addAll(requirementCopies(variant, python));
            }
            ins.addAll(py.preInstall());
          }
          case POST_INSTALL -> ins.addAll(py.postInstall());
          default -> {}
        }
    } else if (builder instanceof NodeBuilder node) {
        List<Artifact> requirements = node.requirements().orElse(List.of());
        if (phase == Phase.PRE_INSTALL) {
          ins.addAll(requirementCopies(variant, node));
          if (!requirements.isEmpty()) {
            boolean production = node.env().filter("production"::equals).isPresent();
            List<String> args = production ? List.of("--omit=dev") : List.of();
            ins.add(new Run(node.useNpmCi() ? "npm ci" : "npm install", args));
            if (production) {
              ins.add(node.allowDedupeFailure()
                  ? Run.of("npm dedupe %s || echo %s", "--omit=dev", "WARNING: npm dedupe failed, continuing anyways")
                  : Run.of("npm dedupe", "--omit=dev"));
            }
          }
        } else if (phase == Phase.POST_INSTALL && (node.env().isPresent() || !requirements.isEmpty())) {
          ins.add(new Env(Map.of("NODE_ENV", node.env().orElse(""))));
        }
    } else if (builder instanceof PhpBuilder php) {
        if (phase == Phase.PRE_INSTALL) {
          ins.addAll(requirementCopies(variant, php));
          if (!php.requirements().orElse(List.of()).isEmpty()) {
            List<String> args = new ArrayList<>(List.of("--no-scripts"));
            if (php.production()) {
              args.add("--no-dev");
            }
            ins.add(new RunAll(List.of(new Run("composer install", args))));
          }
        }
    } else if (builder instanceof CustomBuilder custom && phase == Phase.PRE_INSTALL) {
      ins.addAll(requirementCopies(variant, custom));
      ins.addAll(customCommand(variant, custom));
    }
    return ins;
  }

  private List<DockerInstruction> customCommand(Variant variant, CustomBuilder custom) {
    if (!custom.mounts().isEmpty()) {
      errors.add(file.problemAtChild(custom, variant.name(), "mounts", "builder mounts need BuildKit (RUN --mount), which the classic"
          + " builder lacks; copy the files with 'copies' or 'requirements' instead"));
    }
    if (!custom.caches().isEmpty()) {
      warnings.add(file.problemAtChild(custom, variant.name(), "caches", "builder caches need BuildKit (RUN --mount=type=cache);"
          + " the command runs without them"));
    }
    if (custom.script().isPresent()) {
      String script = custom.script().get();
      if (!script.startsWith("#!")) {
        script = "#!/bin/sh\n" + script;
      }
      String path = "/tmp/blubber-script-" + sha256(script).substring(0, 12);
      return List.of(Run.of("echo %s | base64 -d > %s && chmod +x %s && %s && rm -f %s",
          base64(script), path, path, path, path));
    }
    if (custom.command().isEmpty()) {
      return List.of();
    }
    List<String> command = custom.command();
    return List.of(new Run(command.get(0), command.subList(1, command.size())));
  }

  /**
   * A builder's requirement files, grouped as Blubber groups them: one {@code COPY} per source
   * (local or variant) and destination, in the order first declared.
   */
  private List<DockerInstruction> requirementCopies(Variant variant, Builder builder) {
    List<Artifact> requirements = builder.requirements().orElse(List.of());
    Map<String, Map<String, List<Artifact>>> byFromAndDestination = new LinkedHashMap<>();
    for (Artifact requirement : requirements) {
      byFromAndDestination
          .computeIfAbsent(requirement.from(), k -> new LinkedHashMap<>())
          .computeIfAbsent(requirement.normalizedDestination(), k -> new ArrayList<>())
          .add(requirement);
    }
    List<DockerInstruction> ins = new ArrayList<>();
    byFromAndDestination.forEach((from, byDestination) -> byDestination.forEach((destination, group) -> {
      List<String> sources = group.stream().map(Artifact::normalizedSource).toList();
      ins.addAll(copyInstructions(variant, group.get(0), group, sources, destination, true));
    }));
    return ins;
  }

  /**
   * A {@code COPY} of {@code group} (artifacts sharing source and destination), the cleanup that
   * stands in for their {@code exclude}, and the record of the context files it reads.
   */
  private List<DockerInstruction> copyInstructions(
      Variant variant, Artifact declared, List<Artifact> group, List<String> sourceList, String destination,
      boolean requirements) {
    Artifact first = group.get(0);
    List<DockerInstruction> ins = new ArrayList<>();
    Optional<String> from = first.isLocal() ? Optional.empty() : Optional.of(first.from());
    ins.add(new Copy(from, Optional.empty(), sourceList, destination));
    List<String> excludes = new ArrayList<>();
    for (Artifact artifact : group) {
      excludes.addAll(artifact.exclude());
      if (artifact.isLocal()) {
        String source = VariantPaths.clean(artifact.source().orElse("."));
        localReads.add(new LocalRead(variant.name(), requirements, source, DockerIgnore.of(artifact.exclude())));
      }
    }
    if (!excludes.isEmpty()) {
      ins.addAll(excludeCleanup(variant, declared, excludes, destination));
    }
    return ins;
  }

  private List<DockerInstruction> excludeCleanup(Variant variant, Artifact declared, List<String> excludes, String destination) {
    List<String> paths = new ArrayList<>();
    for (String pattern : excludes) {
      if (pattern.strip().startsWith("!")) {
        warnings.add(file.problemAt(declared, variant.name(), "the exception '" + pattern
            + "' in exclude cannot be applied by the classic builder: the files it would keep are deleted too"));
        continue;
      }
      String cleaned = VariantPaths.clean(pattern.strip());
      while (cleaned.startsWith("/")) {
        cleaned = cleaned.substring(1);
      }
      if (cleaned.startsWith("**/")) {
        String rest = cleaned.substring(3).replace("**", "*");
        paths.add("./" + rest);
        paths.add("./*/" + rest);
      } else {
        paths.add("./" + cleaned.replace("**", "*"));
      }
    }
    if (paths.isEmpty()) {
      return List.of();
    }
    warnings.add(file.problemAt(declared, variant.name(), "exclude cannot be expressed by the classic builder's COPY:"
        + " the files are copied, then deleted by the RUN that follows (they still enter the build context and the COPY layer)"));
    StringBuilder command = new StringBuilder("cd %s && find . \\(");
    List<String> args = new ArrayList<>(List.of(destination));
    for (int i = 0; i < paths.size(); i++) {
      command.append(i == 0 ? " -path %s" : " -o -path %s");
      args.add(paths.get(i));
    }
    command.append(" \\) -prune -exec rm -rf {} +");
    return List.of(new Run(command.toString(), args));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }
}
