package io.modelpipe.blubber;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Merges a variant with the top level and its includes, following Blubber's {@code Merge} methods
 * (config/*.go), on the checked YAML tree:
 *
 * <ul>
 *   <li>strings replace when not empty, numbers when not zero, booleans whenever written;
 *   <li>lists replace ({@code entrypoint}, {@code requirements}, {@code command}), except that
 *       {@code apt} packages, sources and proxies and {@code copies} are appended (a copy declared
 *       again moves to the end);
 *   <li>{@code runs.environment} and {@code arguments} are merged key by key;
 *   <li>{@code builders}: a predefined builder present on both sides is merged and takes the later
 *       position; other earlier entries come first;
 *   <li>{@code base: null} does not reset an inherited base; {@code includes} is never inherited.
 * </ul>
 */
final class VariantMerger {

  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

  private final NodeOrigins origins;

  VariantMerger(NodeOrigins origins) {
    this.origins = origins;
  }

  /**
   * The effective configuration of a variant.
   *
   * @param includeOrder the variants it includes, transitively, deepest first
   */
  ObjectNode expand(ObjectNode root, Map<String, ObjectNode> variants, String name, List<String> includeOrder) {
    ObjectNode expanded = defaults();
    mergeCommon(expanded, root);
    for (String include : includeOrder) {
      mergeVariant(expanded, variants.get(include));
    }
    mergeVariant(expanded, variants.get(name));
    return expanded;
  }

  private static ObjectNode defaults() {
    ObjectNode node = NODES.objectNode();
    node.putObject("lives")
        .put("as", Lives.DEFAULT.as())
        .put("uid", Lives.DEFAULT.uid())
        .put("gid", Lives.DEFAULT.gid())
        .put("in", Lives.DEFAULT.in());
    node.putObject("runs")
        .put("as", Runs.DEFAULT.as())
        .put("uid", Runs.DEFAULT.uid())
        .put("gid", Runs.DEFAULT.gid());
    return node;
  }

  private void mergeVariant(ObjectNode target, ObjectNode variant) {
    JsonNode copies = variant.get("copies");
    if (copies != null && copies.isArray()) {
      target.set("copies", mergeCopies(target.get("copies"), copies));
    }
    mergeCommon(target, variant);
  }

  private void mergeCommon(ObjectNode target, ObjectNode source) {
    for (Map.Entry<String, JsonNode> entry : source.properties()) {
      String key = entry.getKey();
      JsonNode value = entry.getValue();
      switch (key) {
        case "version", "variants", "includes", "copies" -> {
          // not part of the common configuration: handled elsewhere or not inherited
        }
        case "apt" -> target.set("apt", mergeApt(target.get("apt"), value));
        case "builders" -> target.set("builders", mergeBuilders(target.get("builders"), value));
        case "arguments" -> target.set("arguments", mergeByKey(target.get("arguments"), value));
        case "runs" -> target.set("runs", mergeRuns(target.get("runs"), value));
        default -> mergeField(target, key, value);
      }
    }
  }

  /** Blubber's field rules for one key of {@code target}. */
  private void mergeField(ObjectNode target, String key, JsonNode value) {
    if (value.isNull()) {
      return;
    }
    if (value.isString() && value.asString().isEmpty()) {
      return;
    }
    if (value.isNumber() && value.asLong() == 0) {
      return;
    }
    if (value.isObject()) {
      target.set(key, mergeFields(target.get(key), value));
      return;
    }
    target.set(key, value);
  }

  /** A new mapping: {@code base}'s fields overridden by {@code override}'s, by the field rules. */
  private ObjectNode mergeFields(JsonNode base, JsonNode override) {
    ObjectNode merged = NODES.objectNode();
    if (base != null && base.isObject()) {
      base.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    }
    override.properties().forEach(e -> mergeField(merged, e.getKey(), e.getValue()));
    origins.derive(merged, override);
    return merged;
  }

  private ObjectNode mergeRuns(JsonNode base, JsonNode override) {
    ObjectNode merged = mergeFields(base, override);
    JsonNode before = base == null ? null : base.get("environment");
    JsonNode added = override.get("environment");
    if (added != null && added.isObject()) {
      merged.set("environment", mergeByKey(before, added));
    }
    return merged;
  }

  private ObjectNode mergeByKey(JsonNode base, JsonNode override) {
    ObjectNode merged = NODES.objectNode();
    if (base != null && base.isObject()) {
      base.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    }
    if (override.isObject()) {
      override.properties().forEach(e -> merged.set(e.getKey(), e.getValue()));
    }
    origins.derive(merged, override);
    return merged;
  }

  private ObjectNode mergeApt(JsonNode base, JsonNode override) {
    ObjectNode merged = NODES.objectNode();
    Map<String, ArrayNode> packages = new LinkedHashMap<>();
    addPackages(packages, base == null ? null : base.get("packages"));
    addPackages(packages, override.get("packages"));
    if (!packages.isEmpty()) {
      ObjectNode byRelease = merged.putObject("packages");
      packages.forEach(byRelease::set);
    }
    for (String list : List.of("sources", "proxies")) {
      ArrayNode all = NODES.arrayNode();
      appendAll(all, base == null ? null : base.get(list));
      appendAll(all, override.get(list));
      if (!all.isEmpty()) {
        merged.set(list, all);
      }
    }
    origins.derive(merged, override);
    return merged;
  }

  private void addPackages(Map<String, ArrayNode> packages, JsonNode declared) {
    if (declared == null) {
      return;
    }
    if (declared.isArray()) {
      appendAll(packages.computeIfAbsent(Apt.DEFAULT_RELEASE, k -> NODES.arrayNode()), declared);
    } else if (declared.isObject()) {
      declared.properties().forEach(e -> appendAll(packages.computeIfAbsent(e.getKey(), k -> NODES.arrayNode()), e.getValue()));
    }
  }

  private static void appendAll(ArrayNode target, JsonNode items) {
    if (items != null && items.isArray()) {
      items.forEach(target::add);
    }
  }

  /** Appends copies; an entry equal to a new one is dropped from its earlier place. */
  private ArrayNode mergeCopies(JsonNode base, JsonNode added) {
    List<JsonNode> newEntries = new ArrayList<>();
    added.forEach(entry -> newEntries.add(longhand(entry)));
    ArrayNode merged = NODES.arrayNode();
    if (base != null) {
      for (JsonNode entry : base) {
        if (newEntries.stream().noneMatch(entry::equals)) {
          merged.add(entry);
        }
      }
    }
    newEntries.forEach(merged::add);
    return merged;
  }

  /** {@code copies: [build]} as {@code {from: build}}, remembering where it was written. */
  private JsonNode longhand(JsonNode entry) {
    if (!entry.isString()) {
      return entry;
    }
    ObjectNode object = NODES.objectNode().put("from", entry.asString());
    origins.derive(object, entry);
    return object;
  }

  private ArrayNode mergeBuilders(JsonNode base, JsonNode override) {
    if (!override.isArray()) {
      return NODES.arrayNode();
    }
    List<JsonNode> later = new ArrayList<>();
    override.forEach(later::add);
    Map<String, Integer> predefinedAt = new LinkedHashMap<>();
    for (int i = 0; i < later.size(); i++) {
      String kind = kindOf(later.get(i));
      if (!kind.equals("custom")) {
        predefinedAt.put(kind, i);
      }
    }
    ArrayNode merged = NODES.arrayNode();
    if (base != null && base.isArray()) {
      for (JsonNode entry : base) {
        String kind = kindOf(entry);
        Integer at = predefinedAt.get(kind);
        if (at != null) {
          JsonNode laterEntry = later.get(at);
          ObjectNode combined = NODES.objectNode();
          combined.set(kind, mergeFields(entry.get(kind), laterEntry.get(kind)));
          origins.derive(combined, laterEntry);
          later.set(at, combined);
        } else {
          merged.add(entry);
        }
      }
    }
    later.forEach(merged::add);
    origins.derive(merged, override);
    return merged;
  }

  /**
   * The builder a {@code builders} entry stands for. An entry naming several is accepted by
   * Blubber, which keeps the last of python, node, php, custom that is set.
   */
  static String kindOf(JsonNode builderEntry) {
    for (String kind : List.of("custom", "php", "node", "python")) {
      if (builderEntry.has(kind)) {
        return kind;
      }
    }
    return builderEntry.propertyNames().iterator().next();
  }
}
