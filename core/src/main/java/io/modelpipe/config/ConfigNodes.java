package io.modelpipe.config;

import tools.jackson.databind.JsonNode;

/**
 * Reads values of the config tree as PipelineLib's Groovy does. A value of the wrong type reads
 * as absent: the schema has reported it.
 */
final class ConfigNodes {

  private ConfigNodes() {}

  /** Groovy truth, which PipelineLib's defaults follow: empty strings, lists and maps are false. */
  static boolean truthy(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return false;
    }
    if (node.isBoolean()) {
      return node.asBoolean();
    }
    if (node.isString()) {
      return !node.asString().isEmpty();
    }
    if (node.isContainer()) {
      return !node.isEmpty();
    }
    if (node.isNumber()) {
      return node.asDouble() != 0;
    }
    return true;
  }

  /** The string, or null when the node is absent or not a string. */
  static String text(JsonNode node) {
    return node != null && node.isString() ? node.asString() : null;
  }

  /** A string, or the default when absent or empty (Groovy's {@code ?:}). */
  static String textOr(JsonNode node, String fallback) {
    String value = text(node);
    return value == null || value.isEmpty() ? fallback : value;
  }
}
