package io.modelpipe.blubber;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** Copies for the immutable value types: lists and maps that keep their order and refuse nulls. */
final class Values {

  private Values() {}

  static <T> List<T> list(List<T> values, String what) {
    Objects.requireNonNull(values, what);
    return List.copyOf(values);
  }

  static <V> Map<String, V> orderedMap(Map<String, V> values, String what) {
    Objects.requireNonNull(values, what);
    Map<String, V> copy = new LinkedHashMap<>();
    values.forEach((key, value) -> copy.put(Objects.requireNonNull(key, what), Objects.requireNonNull(value, what)));
    return Collections.unmodifiableMap(copy);
  }

  static String text(String value, String what) {
    Objects.requireNonNull(value, what);
    if (value.isEmpty()) {
      throw new IllegalArgumentException(what + " must not be empty");
    }
    return value;
  }
}
