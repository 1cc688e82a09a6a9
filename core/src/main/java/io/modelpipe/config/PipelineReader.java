package io.modelpipe.config;

import static io.modelpipe.config.ConfigNodes.text;
import static io.modelpipe.config.ConfigNodes.textOr;
import static io.modelpipe.config.PipelineConfigReader.RESERVED_STAGE_NAMES;

import io.modelpipe.yaml.EditDistance;
import io.modelpipe.yaml.KeyPaths;
import io.modelpipe.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads one pipeline: its settings with PipelineLib's defaults, its stages and execution graph;
 * then checks the variables of its stages, which needs all of them and the graph.
 */
final class PipelineReader {

  private final YamlDocument document;
  private final String name;
  private final JsonNode node;
  private final String path;
  private final ConfigProblems problems;

  private PipelineReader(YamlDocument document, String name, JsonNode node, ConfigProblems problems) {
    this.document = document;
    this.name = name;
    this.node = node;
    this.path = KeyPaths.child("pipelines", name);
    this.problems = problems;
  }

  /** @param node the pipeline's mapping */
  static Pipeline read(YamlDocument document, String name, JsonNode node, ConfigProblems problems) {
    return new PipelineReader(document, name, node, problems).read();
  }

  /** The keys of a pipeline PipelineLib reads; its schema lets others through, and it ignores them. */
  static final List<String> KEYS = List.of("blubberfile", "directory", "fetch", "execution", "stages", "notify");

  private Pipeline read() {
    for (String key : node.propertyNames()) {
      if (!KEYS.contains(key)) {
        problems.warnAtKey(KeyPaths.child(path, key),
            "unknown key '" + key + "'" + EditDistance.suggestion(key, KEYS) + "; PipelineLib ignores it");
      }
    }
    JsonNode stagesValue = node.get("stages");
    if (stagesValue != null && stagesValue.isArray() && stagesValue.isEmpty()) {
      problems.warn(KeyPaths.child(path, "stages"), "no stages are defined: PipelineLib runs nothing in this pipeline");
    }
    BlubberSource blubber = BlubberfileReader.read(node.get("blubberfile"), KeyPaths.child(path, "blubberfile"),
        name, problems);
    String writtenDirectory = textOr(node.get("directory"), ".");
    String directoryRule = "directory is relative to the repository root";
    Optional<String> resolvedDirectory = RepoPaths.resolveWritten(
        "", writtenDirectory, KeyPaths.child(path, "directory"), directoryRule, directoryRule, problems);
    String directory = resolvedDirectory.orElse(writtenDirectory);
    // An invalid directory was reported; build contexts are not checked against it.
    String contextBase = resolvedDirectory.orElse(null);
    Fetch fetch = fetch(node.get("fetch"));

    List<StageReader.Result> read = readStages(contextBase);
    List<Stage> stages = read.stream().map(StageReader.Result::stage).toList();
    List<String> stageNames = stages.stream().map(Stage::name).toList();

    // PipelineLib's `execution ?: [all stages]`: an empty list also runs the stages in order.
    boolean executionDefaulted = !ConfigNodes.truthy(node.get("execution"));
    ExecutionGraph graph = executionDefaulted
        ? ExecutionGraph.sequential(stageNames)
        : ExecutionReader.read(node.get("execution"), KeyPaths.child(path, "execution"), name, stageNames, problems);

    Map<String, Stage> byName = new LinkedHashMap<>();
    stages.forEach(s -> byName.put(s.name(), s));
    for (StageReader.Result stage : read) {
      new ConfigVariableCheck(name, stage.stage(), byName, graph, problems).run(stage.fields());
    }
    return new Pipeline(name, path, blubber, directory, fetch, stages, graph, executionDefaulted, document);
  }

  /** The stages with a usable name, in config order; reserved and duplicate names are reported. */
  private List<StageReader.Result> readStages(String contextBase) {
    List<StageReader.Result> stages = new ArrayList<>();
    Map<String, String> firstPaths = new LinkedHashMap<>();
    JsonNode stagesNode = node.get("stages");
    if (stagesNode == null || !stagesNode.isArray()) {
      return stages;
    }
    for (int i = 0; i < stagesNode.size(); i++) {
      String stagePath = KeyPaths.index(KeyPaths.child(path, "stages"), i);
      JsonNode stageNode = stagesNode.get(i);
      if (!stageNode.isObject() || text(stageNode.get("name")) == null) {
        continue; // the schema reported it
      }
      String stageName = stageNode.get("name").asString();
      String namePath = KeyPaths.child(stagePath, "name");
      if (RESERVED_STAGE_NAMES.contains(stageName)) {
        problems.add(namePath, "'" + stageName + "' is a reserved stage name (PipelineLib runs its own '"
            + stageName + "' stage)");
      }
      if (firstPaths.containsKey(stageName)) {
        problems.add(namePath, "duplicate stage name '" + stageName + "'; it is already defined at line "
            + document.locate(firstPaths.get(stageName)).line());
        continue;
      }
      firstPaths.put(stageName, namePath);
      stages.add(StageReader.read(stageNode, stagePath, name, contextBase, problems));
    }
    return stages;
  }

  private static Fetch fetch(JsonNode value) {
    if (value == null || !value.isObject()) {
      return Fetch.DEFAULTS;
    }
    return new Fetch(
        bool(value.get("shallow")),
        value.has("depth") && value.get("depth").isIntegralNumber()
            ? Optional.of(value.get("depth").asInt()) : Optional.empty(),
        bool(value.get("submodules")),
        bool(value.get("tags")));
  }

  private static Optional<Boolean> bool(JsonNode value) {
    return value != null && value.isBoolean() ? Optional.of(value.asBoolean()) : Optional.empty();
  }
}
