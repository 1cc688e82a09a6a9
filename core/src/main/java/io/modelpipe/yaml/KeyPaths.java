package io.modelpipe.yaml;

import java.util.regex.Pattern;

/** Builds the dotted key paths used in diagnostics: {@code a.b[2].c}, {@code env["X.Y"]}. */
public final class KeyPaths {

  private static final Pattern PLAIN_KEY = Pattern.compile("[A-Za-z0-9_\\-/@$ {}|]+");

  private KeyPaths() {}

  public static String child(String parent, String key) {
    String part = PLAIN_KEY.matcher(key).matches() ? key : "[\"" + key.replace("\"", "\\\"") + "\"]";
    if (parent.isEmpty()) {
      return part;
    }
    return part.startsWith("[") ? parent + part : parent + "." + part;
  }

  public static String index(String parent, int index) {
    return parent + "[" + index + "]";
  }

  /** Whether {@code path} is {@code ancestor} or a path inside it; every path is within {@code ""}. */
  public static boolean isWithin(String path, String ancestor) {
    if (ancestor.isEmpty() || path.equals(ancestor)) {
      return true;
    }
    return path.startsWith(ancestor)
        && (path.charAt(ancestor.length()) == '.' || path.charAt(ancestor.length()) == '[');
  }
}
