package io.modelpipe.step;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A step's parameter values checked against its declaration and normalised: strings, booleans,
 * integers, lists of strings, maps of strings, and results as plain maps. Declared defaults fill
 * what was not set.
 */
final class StepValues {

  private final Map<String, Object> values;

  private StepValues(Map<String, Object> values) {
    this.values = Collections.unmodifiableMap(values);
  }

  Optional<Object> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  static StepValues check(StepSpec spec, Map<String, ?> given) {
    List<String> problems = new ArrayList<>();
    Map<String, Object> values = new LinkedHashMap<>();
    for (String name : given.keySet()) {
      if (spec.parameter(name).isEmpty()) {
        problems.add("unknown parameter '" + name + "'; " + spec.functionName() + " takes " + String.join(", ", spec.parameterNames()));
      }
    }
    for (StepParameter parameter : spec.parameters()) {
      Object raw = given.get(parameter.name());
      if (raw == null) {
        if (parameter.required()) {
          problems.add("parameter '" + parameter.name() + "' is required");
        } else if (parameter.defaultValue() != null) {
          values.put(parameter.name(), parameter.defaultValue());
        }
        continue;
      }
      if (raw instanceof CharSequence text && text.toString().isBlank() && parameter.defaultValue() == null) {
        // a form field left empty: not set (a parameter with a default, such as junit, takes '' as "none")
        if (parameter.required()) {
          problems.add("parameter '" + parameter.name() + "' is required, and is empty");
        }
        continue;
      }
      try {
        Object value = normalise(parameter.type(), raw);
        if (value != null) {
          values.put(parameter.name(), value);
        } else if (parameter.required()) {
          problems.add("parameter '" + parameter.name() + "' is required, and is empty");
        }
      } catch (IllegalArgumentException e) {
        problems.add("parameter '" + parameter.name() + "': " + e.getMessage() + ", found " + describe(raw));
      }
    }
    if (!problems.isEmpty()) {
      throw new StepParameterException(spec.functionName() + ": " + String.join("; ", problems));
    }
    return new StepValues(values);
  }

  /** The value in its normal form; null when it is empty and so counts as not set. */
  private static Object normalise(ParameterType type, Object raw) {
    return switch (type) {
      case STRING, CREDENTIALS_ID -> {
        if (!(raw instanceof CharSequence text)) {
          throw new IllegalArgumentException("expected a string");
        }
        String value = text.toString().strip();
        yield type == ParameterType.CREDENTIALS_ID && value.isEmpty() ? null : value;
      }
      case BOOLEAN -> {
        if (raw instanceof Boolean b) {
          yield b;
        }
        if (raw instanceof CharSequence text && (text.toString().equals("true") || text.toString().equals("false"))) {
          yield Boolean.valueOf(text.toString());
        }
        throw new IllegalArgumentException("expected true or false");
      }
      case INTEGER -> {
        if (raw instanceof Integer || raw instanceof Long || raw instanceof Short || raw instanceof Byte) {
          long value = ((Number) raw).longValue();
          if (value < Integer.MIN_VALUE || value > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("expected a whole number that fits 32 bits");
          }
          yield (int) value;
        }
        if (raw instanceof CharSequence text && text.toString().strip().matches("-?[0-9]{1,9}")) {
          yield Integer.valueOf(text.toString().strip());
        }
        throw new IllegalArgumentException("expected a whole number");
      }
      case STRING_LIST -> {
        List<String> items = new ArrayList<>();
        if (raw instanceof CharSequence text) {
          // 'flake8,black' is a list of two, as the CLI's comma-separated flags take it
          for (String item : text.toString().split(",")) {
            if (!item.isBlank()) {
              items.add(item.strip());
            }
          }
        } else if (raw instanceof Iterable<?> iterable) {
          for (Object item : iterable) {
            if (!(item instanceof CharSequence text)) {
              throw new IllegalArgumentException("expected a list of strings, and an item is " + describe(item));
            }
            if (!text.toString().isBlank()) {
              items.add(text.toString().strip());
            }
          }
        } else {
          throw new IllegalArgumentException("expected a list of strings");
        }
        yield List.copyOf(items);
      }
      case STRING_MAP -> {
        if (!(raw instanceof Map<?, ?> map)) {
          throw new IllegalArgumentException("expected a map such as [key: 'value']");
        }
        Map<String, String> result = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : map.entrySet()) {
          Object value = entry.getValue();
          if (!(entry.getKey() instanceof CharSequence) || entry.getKey().toString().isBlank()) {
            throw new IllegalArgumentException("expected string keys, and a key is " + describe(entry.getKey()));
          }
          if (!(value instanceof CharSequence || value instanceof Number || value instanceof Boolean)) {
            throw new IllegalArgumentException("expected strings or numbers as values, and the value of '" + entry.getKey()
                + "' is " + describe(value));
          }
          result.put(entry.getKey().toString().strip(), value.toString().strip());
        }
        yield Collections.unmodifiableMap(result);
      }
      case RESULT -> {
        if (!(raw instanceof Map<?, ?> map) || !map.containsKey("format") || !map.containsKey("pipelines")) {
          throw new IllegalArgumentException("expected the map a modelpipeRun step returned");
        }
        yield PlainValues.copy(map);
      }
    };
  }

  static String describe(Object value) {
    if (value == null) {
      return "nothing";
    }
    String text = String.valueOf(value);
    if (text.length() > 60) {
      text = text.substring(0, 57) + "...";
    }
    String kind = value instanceof CharSequence ? "a string" : value instanceof Map<?, ?> ? "a map"
        : value instanceof Iterable<?> ? "a list" : value instanceof Boolean ? "a boolean"
        : value instanceof Number ? "a number" : value.getClass().getSimpleName();
    return "'" + text + "' (" + kind + ")";
  }
}
