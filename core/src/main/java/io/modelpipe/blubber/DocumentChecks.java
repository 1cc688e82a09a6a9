package io.modelpipe.blubber;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.EditDistance;
import io.modelpipe.yaml.KeyPaths;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;

/**
 * The checks of a Blubber document that a JSON Schema cannot express, or that must point at a
 * key rather than at its mapping: names used as keys, references to variants, paths that leave
 * the build context, repeated builders, and keys that only some Blubber versions accept. Each
 * check skips values of the wrong type: the schema reports those.
 */
final class DocumentChecks {

  private static final Pattern VARIANT_NAME = Pattern.compile("[a-zA-Z][a-zA-Z0-9\\-.]+[a-zA-Z0-9]");
  private static final Pattern ENVIRONMENT_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]+");
  private static final Pattern DEBIAN_RELEASE = Pattern.compile("[a-zA-Z](?:[a-zA-Z0-9\\-]*[a-zA-Z0-9]+)?");
  /**
   * An image reference as Blubber's {@code imageref} validator accepts it (the distribution
   * project's reference grammar: optional registry host and port, lowercase path components, tag,
   * digest); separators are written so that a failing match cannot backtrack exponentially.
   */
  static final Pattern IMAGE_REFERENCE = Pattern.compile("(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?/)?[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*(?::[\\w][\\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?");
  private static final Pattern BARE_IMAGE_NAME = Pattern.compile("[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*");
  private static final List<String> SINGLE_BUILDERS = List.of("node", "php", "python", "builder");

  private final SourceLocator locator;
  private final JsonNode root;
  private final Optional<BlubberVersion> frontend;
  private final Set<String> variantNames;
  private static final List<String> ARTIFACT_KEYS = List.of("from", "source", "destination", "exclude");
  private static final List<String> MOUNT_KEYS = List.of("from", "source", "destination");
  private static final List<String> CACHE_KEYS = List.of("destination", "id", "access");
  private static final List<String> PROXY_KEYS = List.of("url", "source");

  private final List<Diagnostic> problems = new ArrayList<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  DocumentChecks(SourceLocator locator, JsonNode root, Optional<BlubberVersion> frontend, Set<String> variantNames) {
    this.locator = locator;
    this.root = root;
    this.frontend = frontend;
    this.variantNames = variantNames;
  }

  /**
   * Keys Blubber ignores without a word: its decoder is strict everywhere except inside the
   * entries of copies, requirements, mounts, caches and apt proxies. Valid only after {@link #run()}.
   */
  List<Diagnostic> warnings() {
    return List.copyOf(warnings);
  }

  List<Diagnostic> run() {
    checkCommon(root, "");
    JsonNode variants = root.get("variants");
    if (variants != null && variants.isObject()) {
      for (Map.Entry<String, JsonNode> entry : variants.properties()) {
        String path = KeyPaths.child("variants", entry.getKey());
        if (!VARIANT_NAME.matcher(entry.getKey()).matches()) {
          problems.add(locator.atKey(path, "'" + entry.getKey() + "' is not a valid variant name: it must start with"
              + " a letter, end with a letter or digit, hold only letters, digits, '-' and '.', and have at least 3 characters"));
        }
        if (entry.getValue().isObject()) {
          checkCommon(entry.getValue(), path);
          checkIncludes(entry.getValue().get("includes"), KeyPaths.child(path, "includes"));
          checkCopies(entry.getValue().get("copies"), KeyPaths.child(path, "copies"));
        }
      }
    }
    return problems;
  }

  /** Checks of the keys a variant shares with the top level. */
  private void checkCommon(JsonNode common, String path) {
    JsonNode base = common.get("base");
    if (base != null && base.isString() && !base.asString().isEmpty()
        && !IMAGE_REFERENCE.matcher(base.asString()).matches()) {
      problems.add(locator.at(KeyPaths.child(path, "base"),
          "'" + base.asString() + "' is not a valid image reference"));
    }
    JsonNode runs = common.get("runs");
    if (runs != null && runs.isObject()) {
      checkNames(runs.get("environment"), KeyPaths.child(KeyPaths.child(path, "runs"), "environment"),
          ENVIRONMENT_NAME, "is not a valid environment variable name: it must start with a letter or '_',"
              + " hold only letters, digits and '_', and have at least 2 characters");
    }
    // Blubber validates argument names with its environment variable rule.
    checkNames(common.get("arguments"), KeyPaths.child(path, "arguments"), ENVIRONMENT_NAME,
        "is not a valid build argument name: it must start with a letter or '_', hold only letters, digits and '_',"
            + " and have at least 2 characters");
    JsonNode apt = common.get("apt");
    if (apt != null && apt.isObject()) {
      JsonNode sources = apt.get("sources");
      if (sources != null && sources.isArray()) {
        BlubberVersion version = frontend.orElse(BlubberVersion.NEWEST_FOLLOWED);
        String pinned = frontend.map(v -> "this file pins " + v).orElse("");
        for (int i = 0; i < sources.size(); i++) {
          String sourcePath = KeyPaths.index(KeyPaths.child(KeyPaths.child(path, "apt"), "sources"), i);
          requireVersion(sources.get(i), sourcePath, "signed-by", BlubberVersion.APT_FILES, version, pinned);
        }
      }
      // Blubber matches release names unanchored: any name holding a letter passes.
      JsonNode packages = apt.get("packages");
      if (packages != null && packages.isObject()) {
        for (String release : packages.propertyNames()) {
          if (!DEBIAN_RELEASE.matcher(release).find()) {
            problems.add(locator.atKey(KeyPaths.child(KeyPaths.child(KeyPaths.child(path, "apt"), "packages"), release),
                "'" + release + "' is not a valid Debian release name"));
          }
        }
      }
      warnIgnoredKeys(apt.get("proxies"), KeyPaths.child(KeyPaths.child(path, "apt"), "proxies"), PROXY_KEYS);
    }
    for (String kind : SINGLE_BUILDERS) {
      checkBuilder(kind.equals("builder") ? "custom" : kind, common.get(kind), KeyPaths.child(path, kind));
    }
    JsonNode builders = common.get("builders");
    if (builders != null && builders.isArray()) {
      Set<String> seen = new HashSet<>();
      for (int i = 0; i < builders.size(); i++) {
        JsonNode entry = builders.get(i);
        if (!entry.isObject() || entry.isEmpty()) {
          continue;
        }
        String kind = VariantMerger.kindOf(entry);
        String entryPath = KeyPaths.index(KeyPaths.child(path, "builders"), i);
        if (entry.size() > 1) {
          warnings.add(locator.atKey(KeyPaths.child(entryPath, kind), "this entry names "
              + String.join(", ", entry.propertyNames()) + "; Blubber uses only '" + kind
              + "' and ignores the others: give each builder an entry of its own"));
        }
        if (!kind.equals("custom") && !seen.add(kind)) {
          problems.add(locator.atKey(KeyPaths.child(entryPath, kind),
              "'" + kind + "' appears more than once in builders; only custom builders may repeat"));
        }
        checkBuilder(kind, entry.get(kind), KeyPaths.child(entryPath, kind));
      }
    }
  }

  private void checkNames(JsonNode mapping, String path, Pattern pattern, String problem) {
    if (mapping == null || !mapping.isObject()) {
      return;
    }
    for (String name : mapping.propertyNames()) {
      if (!pattern.matcher(name).matches()) {
        problems.add(locator.atKey(KeyPaths.child(path, name), "'" + name + "' " + problem));
      }
    }
  }

  private void checkBuilder(String kind, JsonNode builder, String path) {
    if (builder == null || !builder.isObject()) {
      return;
    }
    checkRequirements(builder.get("requirements"), KeyPaths.child(path, "requirements"));
    warnIgnoredKeys(builder.get("requirements"), KeyPaths.child(path, "requirements"), ARTIFACT_KEYS);
    if (kind.equals("custom")) {
      warnIgnoredKeys(builder.get("mounts"), KeyPaths.child(path, "mounts"), MOUNT_KEYS);
      warnIgnoredKeys(builder.get("caches"), KeyPaths.child(path, "caches"), CACHE_KEYS);
    }
    if (kind.equals("custom") && isSet(builder.get("command")) && isSet(builder.get("script"))) {
      problems.add(locator.atKey(KeyPaths.child(path, "script"), "set either 'command' or 'script', not both"));
    }
    if (kind.equals("python")) {
      checkPythonKeys(builder, path);
    }
  }

  /** Blubber's {@code notallowedwith}: an empty string or list counts as not set. */
  private static boolean isSet(JsonNode value) {
    return value != null && !value.isNull() && !(value.isString() && value.asString().isEmpty())
        && !(value.isArray() && value.isEmpty());
  }

  /** Keys that Blubber accepted only before, or only from, a given frontend version. */
  private void checkPythonKeys(JsonNode python, String path) {
    BlubberVersion version = frontend.orElse(BlubberVersion.NEWEST_FOLLOWED);
    String pinned = frontend.map(v -> "this file pins " + v).orElse("this file pins no frontend, so the newest semantics apply");
    // use-system-flag after v0.23.0 is accepted (real files keep it) and ignored with a warning by
    // the compiler, which knows the semantics a compilation follows.
    if (python.has("use-system-site-packages") && version.isBefore(BlubberVersion.PYTHON_VENV)) {
      problems.add(locator.atKey(KeyPaths.child(path, "use-system-site-packages"),
          "unknown key 'use-system-site-packages': it needs Blubber " + BlubberVersion.PYTHON_VENV + " or later (" + pinned + ")"));
    }
    requireVersion(python, path, "tox-version", BlubberVersion.TOX_VERSION, version, pinned);
    requireVersion(python, path, "venv", BlubberVersion.VENV_PATH, version, pinned);
    for (String key : List.of("pip-version", "setuptools-version", "wheel-version")) {
      requireVersion(python, path, key, BlubberVersion.CORE_PACKAGE_VERSIONS, version, pinned);
    }
    JsonNode poetry = python.get("poetry");
    if (poetry != null && poetry.isObject()) {
      for (String key : List.of("only", "without")) {
        requireVersion(poetry, KeyPaths.child(path, "poetry"), key, BlubberVersion.POETRY_GROUPS, version, pinned);
      }
    }
  }

  /** Older Blubber releases decode strictly, so a key added later is unknown to them. */
  private void requireVersion(
      JsonNode parent, String path, String key, BlubberVersion since, BlubberVersion version, String pinned) {
    if (parent.has(key) && version.isBefore(since)) {
      problems.add(locator.atKey(KeyPaths.child(path, key),
          "unknown key '" + key + "': it needs Blubber " + since + " or later (" + pinned + ")"));
    }
  }

  private void checkRequirements(JsonNode requirements, String path) {
    if (requirements == null || !requirements.isArray()) {
      return;
    }
    checkNoRepeats(requirements, path, true);
    for (int i = 0; i < requirements.size(); i++) {
      JsonNode entry = requirements.get(i);
      String entryPath = KeyPaths.index(path, i);
      if (entry.isString()) {
        checkLocalPath(entry.asString(), entryPath);
      } else if (entry.isObject()) {
        checkArtifact(entry, entryPath);
      }
    }
  }

  /**
   * Blubber's {@code uniqueartifacts}: a list of copies or requirements must not hold the same
   * entry twice (same from, source, destination and exclude, shorthand or not).
   */
  private void checkNoRepeats(JsonNode list, String path, boolean requirements) {
    List<List<Object>> seen = new ArrayList<>();
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      List<Object> key;
      if (entry.isString()) {
        key = requirements
            ? List.of(Artifact.LOCAL, entry.asString(), "", List.of())
            : List.of(entry.asString(), "", "", List.of());
      } else if (entry.isObject()) {
        List<String> exclude = new ArrayList<>();
        JsonNode excludes = entry.get("exclude");
        if (excludes != null && excludes.isArray()) {
          excludes.forEach(e -> exclude.add(e.asString()));
        }
        key = List.of(textOf(entry.get("from")), textOf(entry.get("source")), textOf(entry.get("destination")), exclude);
      } else {
        continue;
      }
      int first = seen.indexOf(key);
      if (first >= 0) {
        problems.add(locator.at(KeyPaths.index(path, i),
            "repeats entry " + first + " of this list; Blubber rejects a list that copies the same thing twice"));
      }
      seen.add(key);
    }
  }

  private static String textOf(JsonNode value) {
    return value == null || !value.isString() ? "" : value.asString();
  }

  /** Warns about each key of a list's mapping entries that Blubber's lenient decoding drops. */
  private void warnIgnoredKeys(JsonNode list, String path, List<String> known) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (int i = 0; i < list.size(); i++) {
      JsonNode entry = list.get(i);
      if (!entry.isObject()) {
        continue;
      }
      for (String key : entry.propertyNames()) {
        if (!known.contains(key)) {
          warnings.add(locator.atKey(KeyPaths.child(KeyPaths.index(path, i), key),
              "unknown key '" + key + "' is ignored, as Blubber ignores it here" + EditDistance.suggestion(key, known)));
        }
      }
    }
  }

  private void checkCopies(JsonNode copies, String path) {
    warnIgnoredKeys(copies, path, ARTIFACT_KEYS);
    if (copies == null || !copies.isArray()) {
      return;
    }
    checkNoRepeats(copies, path, false);
    for (int i = 0; i < copies.size(); i++) {
      JsonNode entry = copies.get(i);
      String entryPath = KeyPaths.index(path, i);
      if (entry.isString() && !entry.asString().equals(Artifact.LOCAL)) {
        checkReference(entry.asString(), entryPath, true);
      } else if (entry.isObject()) {
        checkArtifact(entry, entryPath);
      }
    }
  }

  private void checkArtifact(JsonNode entry, String path) {
    JsonNode from = entry.get("from");
    JsonNode source = entry.get("source");
    if (from == null || !from.isString()) {
      return;
    }
    if (from.asString().equals(Artifact.LOCAL)) {
      if (source != null && source.isString()) {
        checkLocalPath(source.asString(), KeyPaths.child(path, "source"));
      }
    } else {
      checkReference(from.asString(), KeyPaths.child(path, "from"), true);
    }
  }

  private void checkLocalPath(String source, String path) {
    if (source.startsWith("/")) {
      problems.add(locator.at(path, "'" + source + "' is an absolute path; files from local are named relative to the build context"));
    } else if (VariantPaths.escapesContext(source)) {
      problems.add(locator.at(path, "'" + source + "' is outside the build context"));
    }
  }

  private void checkIncludes(JsonNode includes, String path) {
    if (includes == null || !includes.isArray()) {
      return;
    }
    for (int i = 0; i < includes.size(); i++) {
      JsonNode entry = includes.get(i);
      if (entry.isString()) {
        checkReference(entry.asString(), KeyPaths.index(path, i), false);
      }
    }
  }

  /**
   * A reference must name a variant. Copies may also name an image: Blubber accepts any image
   * reference there. A name with a registry, tag or digest ({@code /}, {@code :}, {@code @}) is an
   * image; a bare word one or two letters away from a variant is a typo that can only fail to
   * pull, so an error; any other bare word is taken as an image, as Blubber does, with a warning.
   */
  private void checkReference(String name, String path, boolean imagesAllowed) {
    if (variantNames.contains(name)) {
      return;
    }
    if (imagesAllowed && (name.contains("/") || name.contains(":") || name.contains("@"))) {
      if (!IMAGE_REFERENCE.matcher(name).matches()) {
        problems.add(locator.at(path, "'" + name + "' is neither a variant of this file nor a valid image reference"));
      }
      return;
    }
    boolean typo = variantNames.stream().anyMatch(v -> EditDistance.between(v, name) <= 2);
    if (imagesAllowed && !typo && BARE_IMAGE_NAME.matcher(name).matches()) {
      warnings.add(locator.at(path, "'" + name + "' is no variant of this file, so Blubber copies from the image '"
          + name + "' (Docker Hub); " + (variantNames.isEmpty() ? "no variants are defined"
          : "known variants: " + String.join(", ", variantNames))));
      return;
    }
    problems.add(locator.at(path, unknownVariantMessage(name, variantNames)));
  }

  static String unknownVariantMessage(String name, Set<String> variantNames) {
    return "unknown variant '" + name + "'; "
        + (variantNames.isEmpty() ? "none are defined" : "known variants: " + String.join(", ", variantNames));
  }
}
