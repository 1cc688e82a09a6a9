package io.modelpipe.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Values a Pipeline can keep: {@link LinkedHashMap}, {@link ArrayList}, {@link String},
 * {@link Integer}, {@link Long}, {@link Boolean} (Jenkins serialises a step's return value with the
 * program's state, and these are what it accepts everywhere).
 */
final class PlainValues {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private PlainValues() {}

  /** A JSON tree as plain values. */
  static Object of(JsonNode node) {
    if (node == null || node.isNull() || node.isMissingNode()) {
      return null;
    }
    if (node.isObject()) {
      Map<String, Object> map = new LinkedHashMap<>();
      for (Map.Entry<String, JsonNode> field : node.properties()) {
        map.put(field.getKey(), of(field.getValue()));
      }
      return map;
    }
    if (node.isArray()) {
      List<Object> list = new ArrayList<>();
      node.forEach(item -> list.add(of(item)));
      return list;
    }
    if (node.isBoolean()) {
      return node.booleanValue();
    }
    if (node.isIntegralNumber()) {
      long value = node.longValue();
      return value >= Integer.MIN_VALUE && value <= Integer.MAX_VALUE ? (Object) (int) value : (Object) value;
    }
    if (node.isNumber()) {
      return node.asText();
    }
    return node.asText();
  }

  /** A JSON text as plain values. */
  static Object parse(String json) {
    return of(JSON.readTree(json));
  }

  /** A deep copy of a map from a Pipeline (Groovy's maps, lists, GStrings) as plain values. */
  static Map<String, Object> copy(Map<?, ?> map) {
    Map<String, Object> copy = new LinkedHashMap<>();
    map.forEach((key, value) -> copy.put(String.valueOf(key), copyValue(value)));
    return copy;
  }

  private static Object copyValue(Object value) {
    if (value instanceof Map<?, ?> map) {
      return copy(map);
    }
    if (value instanceof Iterable<?> items) {
      List<Object> list = new ArrayList<>();
      items.forEach(item -> list.add(copyValue(item)));
      return list;
    }
    if (value instanceof CharSequence text) {
      return text.toString();
    }
    if (value instanceof Integer || value instanceof Long || value instanceof Boolean || value == null) {
      return value;
    }
    if (value instanceof Number number) {
      return number.longValue();
    }
    return String.valueOf(value);
  }

  /** Plain values as JSON text. */
  static String json(Object value) {
    return JSON.writeValueAsString(value);
  }
}
