package io.modelpipe.blubber;

import io.modelpipe.yaml.KeyPaths;
import java.util.IdentityHashMap;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Where each mapping, list and string of a Blubber document was written, by node identity. Merging
 * copies nodes between variants by reference, so an inherited {@code copies} entry still knows
 * that it was written under, say, {@code variants.base.copies[1]}.
 */
final class NodeOrigins {

  private final Map<JsonNode, String> paths = new IdentityHashMap<>();

  static NodeOrigins of(JsonNode root) {
    NodeOrigins origins = new NodeOrigins();
    origins.walk(root, "");
    return origins;
  }

  private void walk(JsonNode node, String path) {
    // Booleans, numbers and null may be shared singletons: only containers and strings are recorded.
    if (node.isObject()) {
      paths.put(node, path);
      for (Map.Entry<String, JsonNode> entry : node.properties()) {
        walk(entry.getValue(), KeyPaths.child(path, entry.getKey()));
      }
    } else if (node.isArray()) {
      paths.put(node, path);
      for (int i = 0; i < node.size(); i++) {
        walk(node.get(i), KeyPaths.index(path, i));
      }
    } else if (node.isString()) {
      paths.put(node, path);
    }
  }

  /** The key path where {@code node} (or the node it was merged from) was written; empty if unknown. */
  String pathOf(JsonNode node) {
    return paths.getOrDefault(node, "");
  }

  /** Records that {@code derived} was made from {@code source}. */
  void derive(JsonNode derived, JsonNode source) {
    String path = paths.get(source);
    if (path != null) {
      paths.put(derived, path);
    }
  }
}
