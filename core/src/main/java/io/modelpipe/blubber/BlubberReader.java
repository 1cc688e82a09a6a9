package io.modelpipe.blubber;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.KeyPaths;
import io.modelpipe.yaml.SchemaCheck;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads Blubber v4 files: checks them against the schema and Blubber's own rules, then merges
 * every variant with the top level and its {@code includes}.
 *
 * <p>Every problem found is reported at once, each at its line and column. Problems of the
 * document's shape (schema) and of its meaning (unknown variants, paths outside the build
 * context, cycles) are collected together; merging happens only once both are clean.
 */
public final class BlubberReader {

  private static final SchemaCheck SCHEMA = SchemaCheck.fromResource("/io/modelpipe/blubber/blubber-v4.schema.json");

  private BlubberReader() {}

  /**
   * Reads a Blubber file.
   *
   * @param displayName how diagnostics name the file, e.g. {@code .pipeline/outlink/blubber.yaml}
   * @throws InvalidInputException with every problem found
   */
  public static BlubberFile read(Path file, String displayName) {
    Objects.requireNonNull(file, "file");
    YamlDocument document = YamlDocument.read(file, displayName, YamlDocument.Booleans.YAML_1_1);
    return readDocument(document, SyntaxDirective.version(document.text()));
  }

  /**
   * Parses Blubber text.
   *
   * @throws InvalidInputException with every problem found
   */
  public static BlubberFile parse(String displayName, String text) {
    YamlDocument document = YamlDocument.parse(displayName, text, YamlDocument.Booleans.YAML_1_1);
    return readDocument(document, SyntaxDirective.version(text));
  }

  /**
   * Reads a Blubber document written inline in another file (a pipeline config); diagnostics name
   * that file and the key paths within it. Inline documents have no {@code # syntax=} line, so
   * the newest Blubber semantics apply.
   *
   * @param rootPath the key path of {@code node} in {@code document}, e.g. {@code pipelines.test.blubberfile}
   * @throws InvalidInputException with every problem found
   */
  public static BlubberFile read(YamlDocument document, String rootPath, JsonNode node) {
    Objects.requireNonNull(document, "document");
    Objects.requireNonNull(rootPath, "rootPath");
    Objects.requireNonNull(node, "node");
    return read(document, new SourceLocator(document, rootPath), node, Optional.empty());
  }

  private static BlubberFile readDocument(YamlDocument document, Optional<String> syntaxVersion) {
    if (document.isEmpty()) {
      throw new InvalidInputException(new Diagnostic(
          new io.modelpipe.yaml.Location(document.file(), 1, 1), "",
          "the file is empty; a Blubber file starts with 'version: v4'"));
    }
    return read(document, new SourceLocator(document, ""), document.root(), syntaxVersion);
  }

  private static BlubberFile read(
      YamlDocument document, SourceLocator locator, JsonNode root, Optional<String> syntaxVersion) {
    List<Diagnostic> problems = new ArrayList<>(SCHEMA.check(document, locator.rootPath(), root));
    if (!root.isObject()) {
      throw new InvalidInputException(problems);
    }
    Optional<BlubberVersion> frontend = syntaxVersion.flatMap(BlubberVersion::parse);
    Map<String, ObjectNode> variants = variantsOf(root);
    Set<String> names = new LinkedHashSet<>(variantNamesOf(root));
    DocumentChecks checks = new DocumentChecks(locator, root, frontend, names);
    problems.addAll(checks.run());

    VariantGraph<String> includes = includesGraph(variants);
    for (VariantGraph.Cycle<String> cycle : includes.cycles()) {
      problems.add(locator.at(cycle.edge(), "include cycle: " + cycle.describe()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }

    NodeOrigins origins = NodeOrigins.of(root);
    VariantMerger merger = new VariantMerger(origins);
    IdentityHashMap<Object, String> valueOrigins = new IdentityHashMap<>();
    VariantDecoder decoder = new VariantDecoder(origins, valueOrigins);
    Map<String, Variant> effective = new LinkedHashMap<>();
    for (Map.Entry<String, ObjectNode> entry : variants.entrySet()) {
      String name = entry.getKey();
      ObjectNode merged = merger.expand((ObjectNode) root, variants, name, includes.dependenciesOf(name));
      problems.addAll(builderConflicts(locator, origins, merged));
      effective.put(name, decoder.decode(name, merged, strings(entry.getValue().get("includes"))));
    }
    BlubberFile file = new BlubberFile(
        locator.document().file(), syntaxVersion, effective, locator, valueOrigins, checks.warnings());
    for (VariantGraph.Cycle<Object> cycle : copiesGraph(effective).cycles()) {
      problems.add(file.problemAt(cycle.edge(), cycle.variants().get(0), "copies cycle: " + cycle.describe()));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return file;
  }

  private static Map<String, ObjectNode> variantsOf(JsonNode root) {
    Map<String, ObjectNode> variants = new LinkedHashMap<>();
    JsonNode node = root.get("variants");
    if (node != null && node.isObject()) {
      node.properties().forEach(e -> {
        if (e.getValue().isObject()) {
          variants.put(e.getKey(), (ObjectNode) e.getValue());
        }
      });
    }
    return variants;
  }

  private static List<String> variantNamesOf(JsonNode root) {
    JsonNode node = root.get("variants");
    List<String> names = new ArrayList<>();
    if (node != null && node.isObject()) {
      node.propertyNames().forEach(names::add);
    }
    return names;
  }

  private static VariantGraph<String> includesGraph(Map<String, ObjectNode> variants) {
    VariantGraph<String> graph = new VariantGraph<>();
    variants.forEach((name, variant) -> {
      graph.addVariant(name);
      JsonNode includes = variant.get("includes");
      if (includes != null && includes.isArray()) {
        for (int i = 0; i < includes.size(); i++) {
          String target = includes.get(i).asString();
          if (variants.containsKey(target)) {
            String path = KeyPaths.index(KeyPaths.child(KeyPaths.child("variants", name), "includes"), i);
            graph.addEdge(name, target, path);
          }
        }
      }
    });
    return graph;
  }

  /** Variants built as stages for another: through copies, requirements and mounts. */
  static VariantGraph<Object> copiesGraph(Map<String, Variant> variants) {
    VariantGraph<Object> graph = new VariantGraph<>();
    variants.forEach((name, variant) -> {
      graph.addVariant(name);
      for (Artifact artifact : artifactsOf(variant)) {
        if (variants.containsKey(artifact.from())) {
          graph.addEdge(name, artifact.from(), artifact);
        }
      }
      for (Builder builder : variant.buildersInOrder()) {
        if (builder instanceof CustomBuilder custom) {
          custom.mounts().stream()
              .filter(m -> variants.containsKey(m.from()))
              .forEach(m -> graph.addEdge(name, m.from(), custom));
        }
      }
    });
    return graph;
  }

  /** A variant's copies and its builders' requirements, in build order. */
  static List<Artifact> artifactsOf(Variant variant) {
    List<Artifact> artifacts = new ArrayList<>();
    for (Builder builder : variant.buildersInOrder()) {
      builder.requirements().ifPresent(artifacts::addAll);
    }
    artifacts.addAll(variant.copies());
    return artifacts;
  }

  /** Blubber allows {@code builders} only without {@code node}, {@code php}, {@code python} and {@code builder}. */
  private static List<Diagnostic> builderConflicts(SourceLocator locator, NodeOrigins origins, ObjectNode merged) {
    List<Diagnostic> conflicts = new ArrayList<>();
    JsonNode builders = merged.get("builders");
    if (builders == null || builders.isEmpty()) {
      return conflicts;
    }
    for (String key : List.of("node", "php", "python", "builder")) {
      JsonNode single = merged.get(key);
      if (single != null && single.isObject() && !single.isEmpty()) {
        conflicts.add(locator.atKey(origins.pathOf(single),
            "'" + key + "' cannot be used together with 'builders' (in this variant or inherited); move it into the builders list"));
      }
    }
    return conflicts;
  }

  private static List<String> strings(JsonNode list) {
    List<String> values = new ArrayList<>();
    if (list != null && list.isArray()) {
      list.forEach(v -> values.add(v.asString()));
    }
    return values;
  }
}
