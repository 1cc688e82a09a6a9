package io.modelpipe.lint;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.EditDistance;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a project's {@code tox.ini} as tox 3.28 (Debian 12's) reads it, and reports what tox
 * would silently get wrong.
 *
 * <p>Supported: {@code [tox]} ({@code envlist}/{@code env_list} with {@code {a,b}} expansion and
 * {@code #} comments, {@code skipsdist}); {@code [testenv]} and {@code [testenv:NAME]}, including
 * generative names ({@code [testenv:{a,b}]}, {@code [testenv:py{310,311}-lint]}); the keys
 * {@code commands}, {@code deps}, {@code setenv}, {@code changedir}, {@code allowlist_externals}
 * ({@code whitelist_externals}), {@code skip_install}, {@code ignore_errors}, {@code description};
 * factor-conditional lines ({@code py3,lint: cmd}, {@code !py3: cmd}); command lines continued with
 * {@code \}, a leading {@code -} to ignore a command's exit code, and a whole line
 * {@code {[section]key}}; substitutions {@code {toxinidir}}, {@code {toxworkdir}}, {@code
 * {envname}}, {@code {envdir}}, {@code {envtmpdir}}, {@code {envlogdir}}, {@code {envpython}},
 * {@code {homedir}}, {@code {posargs}} and {@code {posargs:default}}, {@code {env:X}} and {@code
 * {env:X:default}} (setenv first, then the environment), {@code {[section]key}}, {@code {/}},
 * {@code {:}}, {@code {tty:ON:OFF}}, and {@code \{ \}} escapes. Other keys tox knows are accepted
 * and not used.
 *
 * <p>Errors, each with file, line and column: a key tox does not know in {@code [tox]} or a
 * testenv section (tox ignores it silently, which is how {@code command =} kept flake8 from ever
 * running), an env without commands, INI syntax errors. Substitution problems are reported only
 * for envs that are run, as tox does.
 */
public final class ToxConfigReader {

  /** The file name modelpipe reads; tox's other homes (setup.cfg, pyproject.toml) are not read. */
  public static final String FILE = "tox.ini";

  static final Set<String> TOX_KEYS = Set.of(
      "envlist", "env_list", "skipsdist", "skip_missing_interpreters", "minversion", "min_version",
      "requires", "toxworkdir", "work_dir", "temp_dir", "distdir", "distshare", "sdistsrc", "setupdir",
      "isolated_build", "isolated_build_env", "ignore_basepython_conflict", "provision_tox_env",
      "indexserver", "no_package", "package_root", "labels", "args_are_paths", "interrupt_timeout");

  static final Set<String> TESTENV_KEYS = Set.of(
      // tox 3.28
      "allowlist_externals", "whitelist_externals", "alwayscopy", "args_are_paths", "basepython",
      "changedir", "commands", "commands_post", "commands_pre", "depends", "deps", "description",
      "download", "downloadcache", "envdir", "envlogdir", "envtmpdir", "extras", "ignore_errors",
      "ignore_outcome", "install_command", "interrupt_timeout", "list_dependencies_command",
      "parallel_show_output", "passenv", "pip_pre", "platform", "recreate", "setenv", "sitepackages",
      "skip_install", "suicide_timeout", "terminate_timeout", "usedevelop",
      // tox 4 spellings and additions
      "base", "base_python", "change_dir", "constrain_package_deps", "dependency_groups", "env_dir",
      "env_log_dir", "env_tmp_dir", "fail_fast", "labels", "package", "package_env", "pass_env",
      "runner", "set_env", "system_site_packages", "always_copy", "use_develop",
      "use_frozen_constraints", "wheel_build_env", "virtualenv_spec", "uv_seed", "constraints");

  private static final Pattern FACTOR_LINE = Pattern.compile("^([\\w{}.!,-]+):\\s+(.+)");
  private static final Pattern GROUP = Pattern.compile("\\{([^}]*)\\}");
  private static final Pattern SECTION_REFERENCE = Pattern.compile("\\{\\[([^\\]]+)\\]([^{}:]+)\\}");
  private static final Set<String> PACKAGE_ENVS = Set.of(".package", ".pkg", ".tox");

  private final Path root;
  private final String file;
  private final Map<String, String> environment;
  private final List<String> posargs;
  private IniFile ini;

  private ToxConfigReader(Path root, Map<String, String> environment, List<String> posargs) {
    this.root = root.toAbsolutePath().normalize();
    this.file = FILE;
    this.environment = environment;
    this.posargs = List.copyOf(posargs);
  }

  /**
   * Reads {@code DIR/tox.ini}.
   *
   * @param dir the project directory
   * @param environment the environment {@code {env:X}} reads (normally {@code System.getenv()})
   * @param posargs what {@code {posargs}} stands for; empty uses each default
   * @throws InvalidInputException listing every problem, each located
   */
  public static ToxConfig read(Path dir, Map<String, String> environment, List<String> posargs) {
    ToxConfigReader reader = new ToxConfigReader(dir, environment, posargs);
    String text;
    try {
      text = Files.readString(reader.root.resolve(FILE), StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(FILE), "",
          "not found in " + dir + " (modelpipe reads tox.ini only, not setup.cfg's [tox:tox] or pyproject.toml)"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + reader.root.resolve(FILE), e);
    }
    return reader.parse(text);
  }

  /** Reads tox.ini text; {@code dir} is what {@code {toxinidir}} stands for. */
  public static ToxConfig parse(String text, Path dir, Map<String, String> environment, List<String> posargs) {
    return new ToxConfigReader(dir, environment, posargs).parse(text);
  }

  private ToxConfig parse(String text) {
    ini = IniReader.parse(text, file);
    List<Diagnostic> problems = new ArrayList<>();
    Map<String, IniFile.Section> envSections = new LinkedHashMap<>();
    for (IniFile.Section section : ini.sections()) {
      if (section.name().equals("tox") || section.name().equals("testenv")) {
        checkKeys(section, section.name().equals("tox") ? TOX_KEYS : TESTENV_KEYS, problems);
      } else if (section.name().startsWith("testenv:")) {
        checkKeys(section, TESTENV_KEYS, problems);
        for (String name : expandSectionName(section.name().substring("testenv:".length()))) {
          if (envSections.putIfAbsent(name, section) != null) {
            problems.add(new Diagnostic(new Location(file, section.line(), 1), section.name(),
                "env '" + name + "' is also defined by [" + envSections.get(name).name() + "]"));
          }
        }
      }
    }
    Optional<IniFile.Section> tox = ini.section("tox");
    Optional<IniFile.Section> testenv = ini.section("testenv");
    List<String> envlist = tox.flatMap(s -> s.entry("envlist").or(() -> s.entry("env_list")))
        .map(e -> splitEnvlist(e.value())).orElse(List.of());
    boolean skipsdist = tox.flatMap(s -> s.entry("skipsdist")).map(e -> bool(e, problems)).orElse(false);

    Set<String> names = new LinkedHashSet<>(envlist);
    envSections.keySet().stream().filter(n -> !PACKAGE_ENVS.contains(n)).forEach(names::add);
    if (names.isEmpty()) {
      names.add("python");
    }
    List<ToxEnv> envs = new ArrayList<>();
    for (String name : names) {
      IniFile.Section own = envSections.get(name);
      ToxEnv env = resolveEnv(name, own, testenv.orElse(null), problems);
      envs.add(env);
    }
    Map<String, String> flake8 = new LinkedHashMap<>();
    ini.section("flake8").ifPresent(s -> s.entries().forEach(
        e -> flake8.put(e.key().replace('_', '-').toLowerCase(Locale.ROOT), e.value())));
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new ToxConfig(root, file, envlist, skipsdist, envs, flake8);
  }

  private void checkKeys(IniFile.Section section, Set<String> known, List<Diagnostic> problems) {
    for (IniFile.Entry entry : section.entries()) {
      if (known.contains(entry.key())) {
        continue;
      }
      String suggestion = closest(entry.key(), known);
      String message = "unknown key: tox ignores it silently";
      if ("commands".equals(suggestion)) {
        message += ", so this env's commands never run";
      }
      if (suggestion != null) {
        message += "; did you mean '" + suggestion + "'?";
      }
      problems.add(new Diagnostic(new Location(file, entry.line(), entry.column()),
          section.name() + "." + entry.key(), message));
    }
  }

  private ToxEnv resolveEnv(String name, IniFile.Section own, IniFile.Section base, List<Diagnostic> problems) {
    Set<String> factors = new LinkedHashSet<>(Arrays.asList(name.split("-")));
    IniFile.Section where = own != null ? own : base;
    Location location = where == null ? Location.ofFile(file) : new Location(file, where.line(), 1);
    String keyPrefix = where == null ? "testenv:" + name : where.name();
    List<Diagnostic> deferred = new ArrayList<>();
    Context context = new Context(name, factors, new HashMap<>(), deferred);

    Map<String, String> setenv = new LinkedHashMap<>();
    lookup("setenv", own, base).ifPresent(e -> {
      for (IniFile.ValueLine line : applyFactors(e.lines(), factors)) {
        String text = line.text();
        if (text.startsWith("#") || text.isBlank()) {
          continue;
        }
        int equals = text.indexOf('=');
        if (equals <= 0) {
          problems.add(new Diagnostic(new Location(file, line.line(), line.column()), keyPrefix + ".setenv",
              "expected NAME=VALUE, found '" + text + "'"));
          continue;
        }
        setenv.put(text.substring(0, equals).strip(), text.substring(equals + 1).strip());
      }
    });
    context.setenvRaw.putAll(setenv);
    Map<String, String> setenvResolved = new LinkedHashMap<>();
    for (Map.Entry<String, String> variable : setenv.entrySet()) {
      IniFile.Entry entry = lookup("setenv", own, base).orElseThrow();
      setenvResolved.put(variable.getKey(),
          substitute(variable.getValue(), context, at(entry), keyPrefix + ".setenv"));
    }
    context.setenvResolved.putAll(setenvResolved);

    String description = lookup("description", own, base)
        .map(e -> substitute(join(applyFactors(e.lines(), factors)), context, at(e), keyPrefix + ".description"))
        .orElse("");
    List<String> deps = lookup("deps", own, base)
        .map(e -> applyFactors(e.lines(), factors).stream()
            .map(l -> substitute(l.text().replaceAll("\\s+#.*", ""), context, at(l), keyPrefix + ".deps"))
            .filter(s -> !s.isBlank()).toList())
        .orElse(List.of());
    Path changedir = lookup("changedir", own, base).or(() -> lookup("change_dir", own, base))
        .map(e -> root.resolve(substitute(join(applyFactors(e.lines(), factors)), context, at(e), keyPrefix + ".changedir")).normalize())
        .orElse(root);
    List<String> allowlist = lookup("allowlist_externals", own, base).or(() -> lookup("whitelist_externals", own, base))
        .map(e -> applyFactors(e.lines(), factors).stream()
            .flatMap(l -> Arrays.stream(l.text().split("[,\\s]+")))
            .filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
    boolean skipInstall = lookup("skip_install", own, base).map(e -> bool(e, problems)).orElse(false);
    boolean ignoreErrors = lookup("ignore_errors", own, base).map(e -> bool(e, problems)).orElse(false);

    Optional<IniFile.Entry> commandsEntry = lookup("commands", own, base);
    List<ToxCommand> commands = new ArrayList<>();
    int deferredBefore = deferred.size();
    if (commandsEntry.isPresent()) {
      String key = (own != null && own.entry("commands").isPresent() ? own.name() : "testenv") + ".commands";
      addCommands(applyFactors(commandsEntry.get().lines(), factors), context, key, commands, 0);
    }
    if (commands.isEmpty() && deferred.size() == deferredBefore) {
      Location at = commandsEntry.map(this::at).orElse(location);
      String why = commandsEntry.isPresent()
          ? "env '" + name + "' has no commands (none left for its factors): tox would run nothing and report success"
          : "env '" + name + "' has no commands: tox would run nothing and report success";
      problems.add(new Diagnostic(at, commandsEntry.isPresent() ? keyPrefix + ".commands" : keyPrefix, why));
    }
    return new ToxEnv(name, description, commands, deps, setenvResolved, changedir, allowlist, skipInstall,
        ignoreErrors, location, deferred);
  }

  private void addCommands(List<IniFile.ValueLine> lines, Context context, String key, List<ToxCommand> commands, int depth) {
    StringBuilder current = new StringBuilder();
    IniFile.ValueLine first = null;
    for (IniFile.ValueLine line : lines) {
      if (first == null) {
        first = line;
      }
      String text = line.text();
      if (text.endsWith("\\")) {
        current.append(' ').append(text, 0, text.length() - 1);
        continue;
      }
      current.append(' ').append(text);
      String command = current.toString().strip();
      Location location = at(first);
      current.setLength(0);
      first = null;
      Matcher reference = SECTION_REFERENCE.matcher(command);
      if (reference.matches() && depth < 8) {
        Optional<IniFile.Entry> referenced = ini.section(reference.group(1)).flatMap(s -> s.entry(reference.group(2).strip()));
        if (referenced.isEmpty()) {
          context.deferred.add(new Diagnostic(location, key, "substitution " + command + ": no such key"));
        } else {
          addCommands(applyFactors(referenced.get().lines(), context.factors), context, key, commands, depth + 1);
        }
        continue;
      }
      command(command, location, context, key).ifPresent(commands::add);
    }
    if (first != null) {
      context.deferred.add(new Diagnostic(at(first), key, "line continuation ends nowhere"));
    }
  }

  private Optional<ToxCommand> command(String text, Location location, Context context, String key) {
    List<Words.Word> words;
    try {
      words = Words.split(text);
    } catch (IllegalArgumentException e) {
      context.deferred.add(new Diagnostic(location, key, e.getMessage() + " in '" + text + "'"));
      return Optional.empty();
    }
    List<String> argv = new ArrayList<>();
    for (Words.Word word : words) {
      String w = word.text();
      if (word.bare() && (w.equals("{posargs}") || w.startsWith("{posargs:")) && w.endsWith("}")
          && matchingBrace(w, 0) == w.length() - 1) {
        if (!posargs.isEmpty()) {
          argv.addAll(posargs);
        } else if (w.startsWith("{posargs:")) {
          argv.addAll(Words.splitPlain(substitute(w.substring("{posargs:".length(), w.length() - 1), context, location, key)));
        }
        continue;
      }
      argv.add(substitute(w, context, location, key));
    }
    if (argv.isEmpty()) {
      return Optional.empty();
    }
    boolean ignore = argv.get(0).startsWith("-");
    if (ignore) {
      String program = argv.get(0).replaceFirst("^-+", "");
      argv.remove(0);
      if (!program.isEmpty()) {
        argv.add(0, program);
      }
      if (argv.isEmpty()) {
        return Optional.empty();
      }
    }
    return Optional.of(new ToxCommand(argv, ignore, location));
  }

  // ---- substitutions ----

  private static final class Context {
    final String envname;
    final Set<String> factors;
    final Map<String, String> setenvRaw;
    final Map<String, String> setenvResolved = new HashMap<>();
    final List<Diagnostic> deferred;
    int depth;

    Context(String envname, Set<String> factors, Map<String, String> setenvRaw, List<Diagnostic> deferred) {
      this.envname = envname;
      this.factors = factors;
      this.setenvRaw = setenvRaw;
      this.deferred = deferred;
    }
  }

  private String substitute(String text, Context context, Location location, String key) {
    if (text.indexOf('{') < 0 && text.indexOf('\\') < 0) {
      return text;
    }
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && i + 1 < text.length() && (text.charAt(i + 1) == '{' || text.charAt(i + 1) == '}')) {
        out.append(text.charAt(++i));
      } else if (c == '{') {
        int end = matchingBrace(text, i);
        if (end < 0) {
          out.append(text, i, text.length());
          break;
        }
        out.append(replacement(text.substring(i + 1, end), context, location, key));
        i = end;
      } else {
        out.append(c);
      }
    }
    return out.toString();
  }

  private String replacement(String inner, Context context, Location location, String key) {
    if (++context.depth > 16) {
      context.depth = 0;
      context.deferred.add(new Diagnostic(location, key, "substitution {" + inner + "} is recursive"));
      return "";
    }
    try {
      String toxworkdir = root.resolve(".tox").toString();
      switch (inner) {
        case "toxinidir": return root.toString();
        case "toxworkdir": return toxworkdir;
        case "envname": return context.envname;
        case "envdir": return toxworkdir + "/" + context.envname;
        case "envtmpdir": return toxworkdir + "/" + context.envname + "/tmp";
        case "envlogdir": return toxworkdir + "/" + context.envname + "/log";
        case "envpython": return "python";
        case "homedir": return System.getProperty("user.home");
        case "/": return "/";
        case ":": return ":";
        case "posargs": return Words.join(posargs);
        default: break;
      }
      if (inner.startsWith("posargs:")) {
        return posargs.isEmpty() ? substitute(inner.substring("posargs:".length()), context, location, key) : Words.join(posargs);
      }
      if (inner.startsWith("env:")) {
        String rest = inner.substring(4);
        int colon = rest.indexOf(':');
        String name = colon < 0 ? rest : rest.substring(0, colon);
        if (context.setenvResolved.containsKey(name)) {
          return context.setenvResolved.get(name);
        }
        if (context.setenvRaw.containsKey(name)) {
          return substitute(context.setenvRaw.get(name), context, location, key);
        }
        String value = environment.get(name);
        if (value != null) {
          return value;
        }
        if (colon >= 0) {
          return substitute(rest.substring(colon + 1), context, location, key);
        }
        context.deferred.add(new Diagnostic(location, key,
            "substitution {" + inner + "}: environment variable " + name + " is not set and has no default"));
        return "";
      }
      if (inner.startsWith("tty:")) {
        String[] parts = inner.split(":", 3);
        return parts.length > 2 ? parts[2] : "";
      }
      if (inner.startsWith("[")) {
        int close = inner.indexOf(']');
        if (close > 0) {
          String section = close == 1 ? "testenv:" + context.envname : inner.substring(1, close);
          String name = inner.substring(close + 1).strip();
          Optional<IniFile.Entry> entry = ini.section(section).flatMap(s -> s.entry(name));
          if (entry.isPresent()) {
            return substitute(join(applyFactors(entry.get().lines(), context.factors)), context, location, key);
          }
          context.deferred.add(new Diagnostic(location, key, "substitution {" + inner + "}: no key '" + name + "' in [" + section + "]"));
          return "";
        }
      }
      context.deferred.add(new Diagnostic(location, key, "unknown substitution {" + inner + "}"));
      return "";
    } finally {
      context.depth--;
    }
  }

  private static int matchingBrace(String text, int open) {
    int depth = 0;
    for (int i = open; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '{') {
        depth++;
      } else if (c == '}' && --depth == 0) {
        return i;
      }
    }
    return -1;
  }

  // ---- factors and env names ----

  /** tox 3's {@code _apply_factors}: keeps plain lines and factor lines whose condition holds. */
  static List<IniFile.ValueLine> applyFactors(List<IniFile.ValueLine> lines, Set<String> factors) {
    List<IniFile.ValueLine> kept = new ArrayList<>();
    for (IniFile.ValueLine line : lines) {
      Matcher m = FACTOR_LINE.matcher(line.text());
      if (!m.find()) {
        kept.add(line);
        continue;
      }
      boolean holds = false;
      for (String alternative : expandEnvstr(m.group(1))) {
        boolean all = true;
        for (String factor : alternative.split("-")) {
          boolean negated = factor.startsWith("!");
          String base = negated ? factor.substring(1) : factor;
          if (factors.contains(base) == negated) {
            all = false;
          }
        }
        holds |= all;
      }
      if (holds) {
        kept.add(new IniFile.ValueLine(m.group(2), line.line(), line.column() + m.start(2)));
      }
    }
    return kept;
  }

  /** tox 3's {@code _split_env}: lines (with {@code #} comments cut), commas, brace groups. */
  static List<String> splitEnvlist(String value) {
    List<String> parts = new ArrayList<>();
    for (String line : value.split("\n")) {
      String cut = line.split("#", 2)[0].strip();
      if (!cut.isEmpty()) {
        parts.add(cut);
      }
    }
    return expandEnvstr(String.join(",", parts));
  }

  /** tox 3's {@code _expand_envstr}: {@code py{310,311}-lint, docs} gives three names. */
  static List<String> expandEnvstr(String envstr) {
    List<String> envs = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    int depth = 0;
    for (char c : envstr.toCharArray()) {
      if (c == ',' && depth == 0) {
        envs.add(current.toString().strip());
        current.setLength(0);
        continue;
      }
      if (c == '{') {
        depth++;
      } else if (c == '}') {
        depth = Math.max(0, depth - 1);
      }
      current.append(c);
    }
    envs.add(current.toString().strip());
    List<String> expanded = new ArrayList<>();
    for (String env : envs) {
      if (!env.isEmpty()) {
        expanded.addAll(product(env.replaceAll("\\s+", "")));
      }
    }
    return expanded;
  }

  /** Generative section names: {@code [testenv:{a,b}-lint]} defines {@code a-lint} and {@code b-lint}. */
  static List<String> expandSectionName(String name) {
    return product(name.strip());
  }

  private static List<String> product(String pattern) {
    List<String> results = new ArrayList<>(List.of(""));
    Matcher m = GROUP.matcher(pattern);
    int last = 0;
    while (m.find()) {
      String literal = pattern.substring(last, m.start());
      List<String> next = new ArrayList<>();
      for (String prefix : results) {
        for (String choice : m.group(1).split(",", -1)) {
          next.add(prefix + literal + choice.strip());
        }
      }
      results = next;
      last = m.end();
    }
    String tail = pattern.substring(last);
    return results.stream().map(r -> r + tail).toList();
  }

  // ---- helpers ----

  private static Optional<IniFile.Entry> lookup(String key, IniFile.Section own, IniFile.Section base) {
    Optional<IniFile.Entry> entry = own == null ? Optional.empty() : own.entry(key);
    return entry.isPresent() || base == null ? entry : base.entry(key);
  }

  private boolean bool(IniFile.Entry entry, List<Diagnostic> problems) {
    String value = entry.value().strip().toLowerCase(Locale.ROOT);
    switch (value) {
      case "true", "yes", "on", "1": return true;
      case "false", "no", "off", "0", "": return false;
      default:
        problems.add(new Diagnostic(at(entry), entry.key(), "expected true or false, found '" + entry.value() + "'"));
        return false;
    }
  }

  private Location at(IniFile.Entry entry) {
    return entry.lines().isEmpty() ? new Location(file, entry.line(), entry.column())
        : at(entry.lines().get(0));
  }

  private Location at(IniFile.ValueLine line) {
    return new Location(file, line.line(), line.column());
  }

  private static String join(List<IniFile.ValueLine> lines) {
    return String.join("\n", lines.stream().map(IniFile.ValueLine::text).toList());
  }

  /** The known key nearest to {@code key} (edit distance at most 2, or a plural), or null. */
  static String closest(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    String normalized = key.toLowerCase(Locale.ROOT).replace('-', '_');
    for (String candidate : known) {
      int distance = normalized.equals(candidate) ? 0 : EditDistance.between(normalized, candidate);
      if (distance < bestDistance || distance == bestDistance && best != null && candidate.compareTo(best) < 0) {
        best = candidate;
        bestDistance = distance;
      }
    }
    return bestDistance <= Math.min(2, Math.max(1, key.length() / 3)) ? best : null;
  }

}
