package io.modelpipe.yaml;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;
import org.snakeyaml.engine.v2.schema.CoreSchema;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * A parsed YAML document that remembers where every key and value came from.
 *
 * <p>The tree is a Jackson {@link JsonNode} so that it can be checked against a JSON Schema; the
 * positions are kept beside it, by key path, so that every later problem (schema, semantics) can
 * be reported at its line and column. YAML 1.2 core schema: {@code yes}/{@code no} stay strings,
 * unless a reader asks for {@link Booleans#YAML_1_1} as the tool it imitates reads them.
 *
 * <p>A key written twice in one mapping keeps its last value, as Blubber's Go YAML decoding and
 * PipelineLib's SnakeYAML do; each such key is a located {@link #warnings() warning}.
 */
public final class YamlDocument {

  private static final int MAX_ALIASES = 100;

  /** Which plain words are booleans. */
  public enum Booleans {
    /** YAML 1.2's core schema: only {@code true} and {@code false} (any case form). */
    YAML_1_2,
    /**
     * YAML 1.1, as Go's {@code gopkg.in/yaml.v2} (Blubber's parser) reads it: also {@code y},
     * {@code yes}, {@code on}, {@code n}, {@code no}, {@code off}, in lower, capitalised or upper case.
     */
    YAML_1_1
  }

  private static final java.util.Set<String> YAML_1_1_TRUE = java.util.Set.of(
      "y", "Y", "yes", "Yes", "YES", "on", "On", "ON");
  private static final java.util.Set<String> YAML_1_1_FALSE = java.util.Set.of(
      "n", "N", "no", "No", "NO", "off", "Off", "OFF");

  private final String file;
  private final String text;
  private final JsonNode root;
  private final Map<String, Location> valueLocations;
  private final Map<String, Location> keyLocations;
  private final List<Diagnostic> warnings;

  private YamlDocument(
      String file,
      String text,
      JsonNode root,
      Map<String, Location> valueLocations,
      Map<String, Location> keyLocations,
      List<Diagnostic> warnings) {
    this.file = file;
    this.text = text;
    this.root = root;
    this.valueLocations = Map.copyOf(valueLocations);
    this.keyLocations = Map.copyOf(keyLocations);
    this.warnings = List.copyOf(warnings);
  }

  /** Reads and parses a file; {@code displayName} is how diagnostics name it. */
  public static YamlDocument read(Path path, String displayName) {
    return read(path, displayName, Booleans.YAML_1_2);
  }

  /** Reads and parses a file, with the given boolean words. */
  public static YamlDocument read(Path path, String displayName, Booleans booleans) {
    String text;
    try {
      text = Files.readString(path, StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InvalidInputException(
          new Diagnostic(Location.ofFile(displayName), "", "file is not valid UTF-8"));
    } catch (IOException e) {
      throw new InvalidInputException(
          new Diagnostic(Location.ofFile(displayName), "", "cannot read file: " + e.getMessage()));
    }
    return parse(displayName, text, booleans);
  }

  /**
   * Parses YAML text.
   *
   * @throws InvalidInputException for syntax errors and multi-document streams
   */
  public static YamlDocument parse(String displayName, String text) {
    return parse(displayName, text, Booleans.YAML_1_2);
  }

  /**
   * Parses YAML text, with the given boolean words.
   *
   * @throws InvalidInputException for syntax errors and multi-document streams
   */
  public static YamlDocument parse(String displayName, String text, Booleans booleans) {
    Objects.requireNonNull(displayName, "displayName");
    Objects.requireNonNull(booleans, "booleans");
    Objects.requireNonNull(text, "text");
    LoadSettings settings =
        LoadSettings.builder()
            .setLabel(displayName)
            .setSchema(new CoreSchema())
            .setMaxAliasesForCollections(MAX_ALIASES)
            .setAllowRecursiveKeys(false)
            .setUseMarks(true)
            .build();
    List<Node> documents = new ArrayList<>();
    try {
      for (Node node : new Compose(settings).composeAllFromString(text)) {
        documents.add(node);
      }
    } catch (MarkedYamlEngineException e) {
      throw new InvalidInputException(syntaxError(displayName, e));
    } catch (YamlEngineException e) {
      throw new InvalidInputException(
          new Diagnostic(Location.ofFile(displayName), "", "invalid YAML: " + e.getMessage()));
    }
    if (documents.size() > 1) {
      Location second = at(displayName, documents.get(1).getStartMark());
      throw new InvalidInputException(
          new Diagnostic(second, "", "expected one YAML document, found " + documents.size()));
    }
    Converter converter = new Converter(displayName, booleans);
    JsonNode root =
        documents.isEmpty() ? NullNode.getInstance() : converter.convert(documents.get(0), "");
    if (!converter.problems.isEmpty()) {
      throw new InvalidInputException(converter.problems);
    }
    if (documents.isEmpty()) {
      converter.values.put("", new Location(displayName, 1, 1));
    }
    return new YamlDocument(displayName, text, root, converter.values, converter.keys, converter.duplicates);
  }

  /**
   * Remarks about the text that do not make it invalid: each key written twice in one mapping
   * ({@code file:line:col: key: duplicate key, the value at L:C wins}), in source order.
   */
  public List<Diagnostic> warnings() {
    return warnings;
  }

  /** The {@link #warnings()} located at {@code keyPath} or inside it. */
  public List<Diagnostic> warningsUnder(String keyPath) {
    return warnings.stream().filter(w -> KeyPaths.isWithin(w.keyPath(), keyPath)).toList();
  }

  /** The file as diagnostics name it. */
  public String file() {
    return file;
  }

  /** The source text. */
  public String text() {
    return text;
  }

  /** The document's tree; a {@link NullNode} for an empty document. */
  public JsonNode root() {
    return root;
  }

  /** True when the document holds nothing (empty file, only comments, or a bare {@code null}). */
  public boolean isEmpty() {
    return root.isNull() || root.isMissingNode();
  }

  /**
   * Where the value at {@code keyPath} starts, or the nearest enclosing value that exists (so a
   * missing key is reported at the mapping that should hold it).
   */
  public Location locate(String keyPath) {
    String path = keyPath;
    while (true) {
      Location found = valueLocations.get(path);
      if (found != null) {
        return found;
      }
      if (path.isEmpty()) {
        return new Location(file, 1, 1);
      }
      path = parentOf(path);
    }
  }

  /**
   * Where the key of the mapping entry at {@code keyPath} stands (the place to point at for an
   * unknown or misspelt key); falls back to {@link #locate(String)}.
   */
  public Location locateKey(String keyPath) {
    Location key = keyLocations.get(keyPath);
    return key != null ? key : locate(keyPath);
  }

  /** A diagnostic located at the value of {@code keyPath}. */
  public Diagnostic problemAt(String keyPath, String message) {
    return new Diagnostic(locate(keyPath), keyPath, message);
  }

  /** A diagnostic located at the key of {@code keyPath}. */
  public Diagnostic problemAtKey(String keyPath, String message) {
    return new Diagnostic(locateKey(keyPath), keyPath, message);
  }

  static String parentOf(String path) {
    int cut = Math.max(path.lastIndexOf('.'), path.lastIndexOf('['));
    // A quoted key segment ["a.b"] may itself contain dots or brackets.
    if (path.endsWith("\"]")) {
      int open = path.lastIndexOf("[\"");
      cut = open;
    }
    return cut <= 0 ? "" : path.substring(0, cut);
  }

  private static Diagnostic syntaxError(String file, MarkedYamlEngineException e) {
    Optional<Mark> mark = e.getProblemMark().isPresent() ? e.getProblemMark() : e.getContextMark();
    String problem = e.getProblem() == null ? "syntax error" : e.getProblem();
    String context = e.getContext() == null ? "" : " (" + e.getContext() + ")";
    return new Diagnostic(at(file, mark), "", "invalid YAML: " + problem + context);
  }

  private static Location at(String file, Optional<Mark> mark) {
    return mark.map(m -> new Location(file, m.getLine() + 1, m.getColumn() + 1))
        .orElse(Location.ofFile(file));
  }

  /** Turns snakeyaml nodes into Jackson nodes, recording positions and duplicate keys. */
  private static final class Converter {
    private final String file;
    private final Map<String, Location> values = new HashMap<>();
    private final Map<String, Location> keys = new HashMap<>();
    private final List<Diagnostic> problems = new ArrayList<>();
    private final List<Diagnostic> duplicates = new ArrayList<>();
    private final Map<Node, Boolean> onPath = new IdentityHashMap<>();
    private final Booleans booleans;

    Converter(String file, Booleans booleans) {
      this.file = file;
      this.booleans = booleans;
    }

    JsonNode convert(Node node, String path) {
      values.putIfAbsent(path, at(file, node.getStartMark()));
      if (onPath.put(node, Boolean.TRUE) != null) {
        problems.add(new Diagnostic(at(file, node.getStartMark()), path, "recursive YAML alias"));
        return NullNode.getInstance();
      }
      try {
        if (node instanceof MappingNode mapping) {
          return convertMapping(mapping, path);
        }
        if (node instanceof SequenceNode sequence) {
          ArrayNode array = JsonNodeFactory.instance.arrayNode();
          List<Node> items = sequence.getValue();
          for (int i = 0; i < items.size(); i++) {
            array.add(convert(items.get(i), KeyPaths.index(path, i)));
          }
          return array;
        }
        return scalar((ScalarNode) node);
      } finally {
        onPath.remove(node);
      }
    }

    private JsonNode convertMapping(MappingNode mapping, String path) {
      ObjectNode object = JsonNodeFactory.instance.objectNode();
      for (NodeTuple tuple : mapping.getValue()) {
        Node keyNode = tuple.getKeyNode();
        if (!(keyNode instanceof ScalarNode scalarKey)) {
          problems.add(
              new Diagnostic(at(file, keyNode.getStartMark()), path, "a key must be a plain value"));
          continue;
        }
        String key = scalarKey.getValue();
        String childPath = KeyPaths.child(path, key);
        Location keyLocation = at(file, keyNode.getStartMark());
        if (object.has(key)) {
          // Last one wins, as in Blubber (Go YAML) and PipelineLib (SnakeYAML): forget where the
          // earlier value and everything inside it stood.
          Location winner = at(file, tuple.getValueNode().getStartMark());
          duplicates.add(new Diagnostic(keyLocation, childPath, "duplicate key, the value at "
              + winner.line() + ":" + winner.column() + " wins"));
          forget(childPath);
        }
        keys.put(childPath, keyLocation);
        object.set(key, convert(tuple.getValueNode(), childPath));
      }
      return object;
    }

    private void forget(String path) {
      values.keySet().removeIf(p -> KeyPaths.isWithin(p, path));
      keys.keySet().removeIf(p -> KeyPaths.isWithin(p, path));
    }

    private JsonNode scalar(ScalarNode scalar) {
      String value = scalar.getValue();
      Tag tag = scalar.getTag();
      JsonNodeFactory nodes = JsonNodeFactory.instance;
      if (booleans == Booleans.YAML_1_1 && scalar.isPlain() && Tag.STR.equals(tag)) {
        if (YAML_1_1_TRUE.contains(value)) {
          return nodes.booleanNode(true);
        }
        if (YAML_1_1_FALSE.contains(value)) {
          return nodes.booleanNode(false);
        }
      }
      if (Tag.NULL.equals(tag)) {
        return NullNode.getInstance();
      }
      if (Tag.BOOL.equals(tag)) {
        return nodes.booleanNode(Boolean.parseBoolean(value.toLowerCase(java.util.Locale.ROOT)));
      }
      if (Tag.INT.equals(tag)) {
        try {
          BigInteger number = parseInteger(value);
          return number.bitLength() < 63
              ? nodes.numberNode(number.longValue())
              : nodes.numberNode(number);
        } catch (NumberFormatException e) {
          return nodes.stringNode(value);
        }
      }
      if (Tag.FLOAT.equals(tag)) {
        try {
          return nodes.numberNode(new BigDecimal(value));
        } catch (NumberFormatException e) {
          return nodes.stringNode(value); // .inf, .nan: keep the text
        }
      }
      return nodes.stringNode(value);
    }

    private static BigInteger parseInteger(String text) {
      String value = text.replace("_", "");
      boolean negative = value.startsWith("-");
      if (negative || value.startsWith("+")) {
        value = value.substring(1);
      }
      BigInteger parsed;
      if (value.startsWith("0x")) {
        parsed = new BigInteger(value.substring(2), 16);
      } else if (value.startsWith("0o")) {
        parsed = new BigInteger(value.substring(2), 8);
      } else {
        parsed = new BigInteger(value);
      }
      return negative ? parsed.negate() : parsed;
    }
  }
}
