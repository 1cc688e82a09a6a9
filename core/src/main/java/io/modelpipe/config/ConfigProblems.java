package io.modelpipe.config;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.List;

/** The problems found in one config file, located by key path; reported all at once at the end. */
final class ConfigProblems {

  private final YamlDocument document;
  private final List<Diagnostic> found;

  /** @param schemaProblems what the schema check found, reported first */
  ConfigProblems(YamlDocument document, List<Diagnostic> schemaProblems) {
    this.document = document;
    this.found = new ArrayList<>(schemaProblems);
  }

  void add(String keyPath, String message) {
    found.add(document.problemAt(keyPath, message));
  }

  boolean isEmpty() {
    return found.isEmpty();
  }

  List<Diagnostic> all() {
    return found;
  }
}
