package io.modelpipe.config;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import io.modelpipe.yaml.SchemaCheck;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    Path file = repoRoot.resolve(CONFIG_DIR).resolve("config.yaml");
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(
          new Diagnostic(
              Location.ofFile(CONFIG_FILE), "", "file not found: the repository has no PipelineLib config"));
    }
    return parse(YamlDocument.read(file, CONFIG_FILE));
  }

  /**
   * Validates a parsed config and builds its model.
   *
   * @throws InvalidInputException with every problem found
   */
  public static PipelineConfig parse(YamlDocument document) {
    if (document.isEmpty()) {
      throw new InvalidInputException(
          document.problemAt("", "the file is empty; expected a mapping with the key 'pipelines'"));
    }
    ConfigProblems problems = new ConfigProblems(document, SCHEMA.check(document));
    Map<String, Pipeline> pipelines = new LinkedHashMap<>();
    JsonNode root = document.root();
    JsonNode pipelinesNode = root.isObject() ? root.get("pipelines") : null;
    if (pipelinesNode != null && pipelinesNode.isObject()) {
      for (String name : pipelinesNode.propertyNames()) {
        JsonNode node = pipelinesNode.get(name);
        if (node.isObject()) {
          pipelines.put(name, PipelineReader.read(document, name, node, problems));
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.all());
    }
    return new PipelineConfig(document, pipelines);
  }
}
