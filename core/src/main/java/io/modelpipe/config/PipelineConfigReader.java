package io.modelpipe.config;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.EditDistance;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import io.modelpipe.yaml.SchemaCheck;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import io.modelpipe.yaml.KeyPaths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads {@code .pipeline/config.yaml}: checks its shape against the schema, applies PipelineLib's
 * defaults, and checks what a schema cannot (stage names, the execution graph, variables, paths,
 * image names and tags). Every problem found is reported at once, located in the file.
 */
public final class PipelineConfigReader {

  /** The config file, repo-relative, as diagnostics name it. */
  public static final String CONFIG_FILE = ".pipeline/config.yaml";

  /** The directory {@code blubberfile} paths are relative to. */
  public static final String CONFIG_DIR = ".pipeline";

  /** Stage names PipelineLib reserves for its implicit first and last stages. */
  public static final List<String> RESERVED_STAGE_NAMES = List.of("setup", "teardown");

  private static final SchemaCheck SCHEMA =
      SchemaCheck.fromResource("/io/modelpipe/config/pipeline-config.schema.json");

  private PipelineConfigReader() {}

  /**
   * Reads {@code <repoRoot>/.pipeline/config.yaml}.
   *
   * @throws InvalidInputException with every problem found, including a missing file
   */
  public static PipelineConfig read(Path repoRoot) {
    return read(repoRoot, List.of());
  }

  /**
   * Reads the config for a command that uses only some pipelines (PipelineLib reads only the
   * pipeline a job names): problems inside the entry of a pipeline not in {@code selected} are
   * {@link PipelineConfig#warnings() warnings}, and that pipeline is left out; problems of the
   * selected pipelines and of the file as a whole are errors. All pipelines when {@code selected}
   * is empty.
   *
   * @throws InvalidInputException with every problem found
   */
  public static PipelineConfig read(Path repoRoot, Collection<String> selected) {
    return parse(document(repoRoot), selected);
  }

  /**
   * Reads the config keeping only the pipelines without problems: the problems of the others are
   * {@link PipelineConfig#warnings() warnings}; those of the file as a whole are errors. For
   * {@code affected}, which learns which pipelines matter only from the config.
   *
   * @throws InvalidInputException with the problems of the file as a whole
   */
  public static PipelineConfig readEach(Path repoRoot) {
    return parse(document(repoRoot), name -> false);
  }

  private static YamlDocument document(Path repoRoot) {
    Path file = repoRoot.resolve(CONFIG_DIR).resolve("config.yaml");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          new Diagnostic(
              Location.ofFile(CONFIG_FILE), "", "file not found: the repository has no PipelineLib config"));
    }
    return YamlDocument.read(file, CONFIG_FILE);
  }

  /**
   * Validates a parsed config and builds its model.
   *
   * @throws InvalidInputException with every problem found
   */
  public static PipelineConfig parse(YamlDocument document) {
    return parse(document, List.of());
  }

  /**
   * As {@link #parse(YamlDocument)}, for some pipelines only (see {@link #read(Path, Collection)}).
   *
   * @throws InvalidInputException with every problem of the selected pipelines and of the file
   */
  public static PipelineConfig parse(YamlDocument document, Collection<String> selected) {
    return parse(document, name -> selected.isEmpty() || selected.contains(name));
  }

  private static PipelineConfig parse(YamlDocument document, java.util.function.Predicate<String> selects) {
    if (document.isEmpty()) {
      throw new InvalidInputException(
          document.problemAt("", "the file is empty; expected a mapping with the key 'pipelines'"));
    }
    ConfigProblems problems = new ConfigProblems(document, SCHEMA.check(document));
    Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    JsonNode root = document.root();
    JsonNode pipelinesNode = root.isObject() ? root.get("pipelines") : null;
    if (root.isObject()) {
      for (String key : root.propertyNames()) {
        if (!key.equals("pipelines") && !root.has("pipelines")) {
          // the file is invalid anyway: say which key was probably meant
          problems.addAtKey(key, "unknown key '" + key + "'" + EditDistance.suggestion(key, List.of("pipelines")));
        } else if (!key.equals("pipelines")) {
          problems.warnAtKey(KeyPaths.child("", key), "unknown key '" + key + "'" + EditDistance.suggestion(key,
              List.of("pipelines")) + "; PipelineLib ignores it");
        }
      }
    }
    if (pipelinesNode != null && pipelinesNode.isObject() && pipelinesNode.isEmpty()) {
      problems.warn("pipelines", "no pipelines are defined: PipelineLib runs nothing");
    }
    if (pipelinesNode != null && pipelinesNode.isObject()) {
      for (String name : pipelinesNode.propertyNames()) {
        JsonNode node = pipelinesNode.get(name);
        if (node.isObject()) {
          pipelines.put(name, PipelineReader.read(document, name, node, problems));
        }
      }
    }
    List<Diagnostic> errors = new ArrayList<>();
    List<Diagnostic> warnings = new ArrayList<>(document.warnings());
    warnings.addAll(problems.warnings());
    for (Diagnostic problem : problems.all()) {
      Optional<String> owner = pipelines.keySet().stream()
          .filter(name -> KeyPaths.isWithin(problem.keyPath(), KeyPaths.child("pipelines", name)))
          .findFirst()
          .or(() -> ownerOfBrokenEntry(pipelinesNode, problem.keyPath()));
      if (owner.isEmpty() || selects.test(owner.get())) {
        errors.add(problem);
      } else {
        pipelines.remove(owner.get());
        warnings.add(outOfScope(problem));
      }
    }
    if (!errors.isEmpty()) {
      throw new InvalidInputException(errors);
    }
    return new PipelineConfig(document, pipelines, warnings);
  }

  /** A problem that only pipelines not selected read, as the warning it then is. */
  public static Diagnostic outOfScope(Diagnostic problem) {
    return new Diagnostic(problem.location(), problem.keyPath(),
        problem.message() + " (a warning: no selected pipeline reads this)");
  }

  /** The pipeline whose entry is not a mapping (so was not read) that holds a key path. */
  private static Optional<String> ownerOfBrokenEntry(JsonNode pipelinesNode, String keyPath) {
    if (pipelinesNode == null || !pipelinesNode.isObject()) {
      return Optional.empty();
    }
    for (String name : pipelinesNode.propertyNames()) {
      if (KeyPaths.isWithin(keyPath, KeyPaths.child("pipelines", name))) {
        return Optional.of(name);
      }
    }
    return Optional.empty();
  }
}
