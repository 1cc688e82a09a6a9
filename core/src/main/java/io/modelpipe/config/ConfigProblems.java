package io.modelpipe.config;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one config file, located by key path; reported all at once at the end. */
final class ConfigProblems {

  private final YamlDocument document;
  private final List<Diagnostic> found;
  private final List<Diagnostic> warnings = new ArrayList<>();

  /** @param schemaProblems what the schema check found, reported first */
  ConfigProblems(YamlDocument document, List<Diagnostic> schemaProblems) {
    this.document = document;
    this.found = new ArrayList<>(schemaProblems);
  }

  void addAtKey(String keyPath, String message) {
    found.add(document.problemAtKey(keyPath, message));
  }

  void add(String keyPath, String message) {
    found.add(document.problemAt(keyPath, message));
  }

  /** A remark at the key of {@code keyPath} that does not make the config invalid. */
  void warnAtKey(String keyPath, String message) {
    warnings.add(document.problemAtKey(keyPath, message));
  }

  /** A remark at the value of {@code keyPath} that does not make the config invalid. */
  void warn(String keyPath, String message) {
    warnings.add(document.problemAt(keyPath, message));
  }

  List<Diagnostic> warnings() {
    return warnings;
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<Diagnostic> all() {
    return found;
  }
}
