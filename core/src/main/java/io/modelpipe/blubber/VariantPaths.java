package io.modelpipe.blubber;

import java.util.ArrayDeque;
import java.util.Deque;

/** Path helpers with the semantics of Go's {@code path} package, which Blubber uses. */
final class VariantPaths {

  /** Blubber's shared directory for installed dependencies. */
  static final String LOCAL_LIB = "/opt/lib";

  private VariantPaths() {}

  /** Go's {@code path.Clean}. */
  static String clean(String path) {
    if (path.isEmpty()) {
      return ".";
    }
    boolean rooted = path.startsWith("/");
    Deque<String> parts = new ArrayDeque<>();
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".")) {
        continue;
      }
      if (part.equals("..")) {
        if (!parts.isEmpty() && !parts.peekLast().equals("..")) {
          parts.removeLast();
        } else if (!rooted) {
          parts.addLast("..");
        }
        continue;
      }
      parts.addLast(part);
    }
    String joined = String.join("/", parts);
    if (rooted) {
      return "/" + joined;
    }
    return joined.isEmpty() ? "." : joined;
  }

  /** Blubber's {@code isDir}: the context root or a path written with a trailing slash. */
  static boolean isDirectory(String path) {
    return clean(path).equals(".") || path.endsWith("/");
  }

  static String dirname(String path) {
    String cleaned = clean(path);
    int cut = cleaned.lastIndexOf('/');
    if (cut < 0) {
      return ".";
    }
    return cut == 0 ? "/" : cleaned.substring(0, cut);
  }

  static String basename(String path) {
    String trimmed = path;
    while (trimmed.length() > 1 && trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    int cut = trimmed.lastIndexOf('/');
    return cut < 0 || trimmed.equals("/") ? trimmed : trimmed.substring(cut + 1);
  }

  /** True when a context-relative path leaves the build context once cleaned ({@code ../x}). */
  static boolean escapesContext(String path) {
    String cleaned = clean(path);
    return cleaned.equals("..") || cleaned.startsWith("../");
  }
}
