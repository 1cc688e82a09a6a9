package io.modelpipe.blubber;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.YamlDocument;

/**
 * Turns key paths inside a Blubber document into located diagnostics, whether the document is a
 * file of its own or a value inside another file (an inline Blubber document in a pipeline
 * config, whose key paths then start with {@code rootPath}).
 */
record SourceLocator(YamlDocument document, String rootPath) {

  /** The key path, in the enclosing file, of a path relative to the Blubber document. */
  String pathOf(String relativePath) {
    if (rootPath.isEmpty()) {
      return relativePath;
    }
    if (relativePath.isEmpty()) {
      return rootPath;
    }
    return relativePath.startsWith("[") ? rootPath + relativePath : rootPath + "." + relativePath;
  }

  Diagnostic at(String relativePath, String message) {
    return document.problemAt(pathOf(relativePath), message);
  }

  Diagnostic atKey(String relativePath, String message) {
    return document.problemAtKey(pathOf(relativePath), message);
  }
}
