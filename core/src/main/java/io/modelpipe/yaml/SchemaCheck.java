package io.modelpipe.yaml;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a {@link YamlDocument} against a JSON Schema shipped in the jar, and turns the
 * validator's findings into located, readable {@link Diagnostic}s.
 *
 * <p>Schemas avoid {@code oneOf}: a value that may be a string or a mapping is declared as
 * {@code "type": ["string", "object"]} with object keywords beside it, so every finding names
 * one clear cause. A schema object may carry {@code "x-error"}: the message to show when one
 * of its own keywords (pattern, enum, ...) fails.
 */
public final class SchemaCheck {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final JsonNode schemaJson;
  private final Schema schema;

  private SchemaCheck(JsonNode schemaJson, Schema schema) {
    this.schemaJson = schemaJson;
    this.schema = schema;
  }

  /** Loads a draft 2020-12 schema from the classpath, e.g. {@code /io/modelpipe/config/pipeline-config.schema.json}. */
  public static SchemaCheck fromResource(String resource) {
    JsonNode json;
    try (InputStream in = SchemaCheck.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException("schema resource missing from the jar: " + resource);
      }
      json = JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    Schema schema = registry.getSchema(SchemaLocation.of("urn:modelpipe:" + resource), json);
    return new SchemaCheck(json, schema);
  }

  /** All problems of the document, in source order; empty when it conforms. */
  public List<Diagnostic> check(YamlDocument document) {
    return check(document, "", document.root());
  }

  /**
   * All problems of one value inside a document (an inline Blubber document inside a config, for
   * one), reported with key paths and positions of the enclosing document.
   *
   * @param rootPath key path of {@code node} inside {@code document}
   */
  public List<Diagnostic> check(YamlDocument document, String rootPath, JsonNode node) {
    List<Error> errors = schema.validate(node);
    Set<Diagnostic> diagnostics = new LinkedHashSet<>();
    for (Error error : errors) {
      diagnostics.add(toDiagnostic(document, rootPath, error));
    }
    return diagnostics.stream().sorted(Diagnostic.IN_SOURCE_ORDER).toList();
  }

  /** Checks and throws all problems at once. */
  public void require(YamlDocument document) {
    List<Diagnostic> problems = check(document);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  private Diagnostic toDiagnostic(YamlDocument document, String rootPath, Error error) {
    String path = keyPath(rootPath, error.getInstanceLocation());
    JsonNode instance = error.getInstanceNode();
    JsonNode owner = schemaObjectOf(error);
    String keyword = error.getKeyword() == null ? "" : error.getKeyword();
    if (owner != null && owner.has("x-error") && !keyword.equals("additionalProperties")
        && !keyword.equals("required") && !keyword.equals("type")) {
      return document.problemAt(path, withFound(instance, owner.get("x-error").asString()));
    }
    switch (keyword) {
      case "additionalProperties":
      case "unevaluatedProperties": {
        String key = error.getProperty();
        String keyPath = KeyPaths.child(path, key);
        return document.problemAtKey(keyPath, "unknown key '" + key + "'" + suggestion(key, owner));
      }
      case "required":
        return document.problemAt(path, "missing required key '" + error.getProperty() + "'");
      case "type":
        return document.problemAt(
            path, "expected " + expectedTypes(error.getSchemaNode()) + ", found " + describe(instance));
      case "enum":
        return document.problemAt(
            path,
            describe(instance) + " is not allowed here; expected one of: "
                + joinValues(error.getSchemaNode()));
      case "const":
        return document.problemAt(path, "expected " + error.getSchemaNode() + ", found " + describe(instance));
      case "minItems":
        return document.problemAt(path, "found an empty list; expected at least one entry");
      case "minLength":
        return document.problemAt(path, "found an empty string; expected a value");
      case "minProperties":
        return document.problemAt(path, "found an empty mapping; expected at least one key");
      case "dependentRequired":
        return document.problemAt(path, "missing required key '" + missingDependent(owner, error.getProperty(), instance)
            + "': it is required when '" + error.getProperty() + "' is set");
      case "pattern":
        return document.problemAt(
            path, describe(instance) + " does not match the pattern " + error.getSchemaNode().asString());
      default:
        return document.problemAt(path, withFound(instance, stripPath(error.getMessage())));
    }
  }

  /**
   * A rule's message preceded by what was found: {@code 'Foo' is not a valid ...} for a message
   * that reads as a statement about the value, else {@code found 'v3'; expected v4}.
   */
  private static String withFound(JsonNode instance, String message) {
    return message.startsWith("is ")
        ? describe(instance) + " " + message
        : "found " + describe(instance) + "; " + message;
  }

  /** The first key that {@code dependentRequired} asks for beside {@code present} and {@code instance} lacks. */
  private static String missingDependent(JsonNode owner, String present, JsonNode instance) {
    JsonNode needed = owner == null || !owner.has("dependentRequired") ? null : owner.get("dependentRequired").get(present);
    if (needed != null) {
      for (JsonNode name : needed) {
        if (instance == null || !instance.has(name.asString())) {
          return name.asString();
        }
      }
    }
    return "?";
  }

  /** The schema object whose keyword failed, found from the error's schema location. */
  private JsonNode schemaObjectOf(Error error) {
    SchemaLocation location = error.getSchemaLocation();
    if (location == null || location.getFragment() == null) {
      return null;
    }
    String pointer = location.getFragment().toString();
    if (!pointer.startsWith("/")) {
      return null;
    }
    int cut = pointer.lastIndexOf('/');
    JsonNode owner = schemaJson.at(pointer.substring(0, cut));
    return owner.isMissingNode() ? null : owner;
  }

  private static String suggestion(String key, JsonNode owner) {
    return owner == null || !owner.has("properties") ? "" : EditDistance.suggestion(key, owner.get("properties").propertyNames());
  }

  private static String keyPath(String rootPath, NodePath location) {
    String path = rootPath;
    if (location == null) {
      return path;
    }
    for (int i = 0; i < location.getNameCount(); i++) {
      Object element = location.getElement(i);
      path = element instanceof Integer index
          ? KeyPaths.index(path, index)
          : KeyPaths.child(path, String.valueOf(element));
    }
    return path;
  }

  private static String expectedTypes(JsonNode typeNode) {
    List<String> types = new ArrayList<>();
    if (typeNode != null && typeNode.isArray()) {
      typeNode.forEach(t -> types.add(article(t.asString())));
    } else if (typeNode != null) {
      types.add(article(typeNode.asString()));
    }
    return types.isEmpty() ? "another type" : String.join(" or ", types);
  }

  private static String article(String type) {
    return switch (type) {
      case "object" -> "a mapping";
      case "array" -> "a list";
      case "string" -> "a string";
      case "boolean" -> "a boolean";
      case "integer" -> "an integer";
      case "number" -> "a number";
      case "null" -> "null";
      default -> type;
    };
  }

  /** How a value is named in messages: its type, and short scalars themselves. */
  public static String describe(JsonNode value) {
    if (value == null || value.isMissingNode()) {
      return "nothing";
    }
    if (value.isNull()) {
      return "null";
    }
    if (value.isObject()) {
      return "a mapping";
    }
    if (value.isArray()) {
      return "a list";
    }
    if (value.isBoolean()) {
      return "boolean " + value.asString();
    }
    if (value.isIntegralNumber()) {
      return "integer " + value.asString();
    }
    if (value.isNumber()) {
      return "number " + value.asString();
    }
    String text = value.asString();
    return "'" + (text.length() > 60 ? text.substring(0, 57) + "..." : text) + "'";
  }

  private static String joinValues(JsonNode values) {
    List<String> names = new ArrayList<>();
    values.forEach(v -> names.add(v.isString() ? v.asString() : v.toString()));
    return names.stream().sorted(Comparator.naturalOrder()).collect(Collectors.joining(", "));
  }

  private static String stripPath(String message) {
    // The validator prefixes its messages with the instance path, which the diagnostic already has.
    int colon = message.indexOf(": ");
    return message.startsWith("$") && colon > 0 ? message.substring(colon + 2) : message;
  }
}
