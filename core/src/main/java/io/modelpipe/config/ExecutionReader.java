package io.modelpipe.config;

import static io.modelpipe.config.ConfigNodes.text;

import io.modelpipe.yaml.KeyPaths;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/** Reads a pipeline's {@code execution} arcs into its graph; reports unknown stages and a cycle. */
final class ExecutionReader {

  private ExecutionReader() {}

  /**
   * @param value the {@code execution} value
   * @param executionPath its key path
   * @param pipeline the pipeline's name, as messages name it
   * @param stageNames the pipeline's stages, in config order
   */
  static ExecutionGraph read(
      JsonNode value, String executionPath, String pipeline, List<String> stageNames, ConfigProblems problems) {
    List<List<String>> arcs = new ArrayList<>();
    if (value != null && value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        JsonNode arcNode = value.get(i);
        if (!arcNode.isArray()) {
          continue;
        }
        List<String> arc = new ArrayList<>();
        for (int j = 0; j < arcNode.size(); j++) {
          String stage = text(arcNode.get(j));
          if (stage == null) {
            continue;
          }
          if (!stageNames.contains(stage)) {
            problems.add(KeyPaths.index(KeyPaths.index(executionPath, i), j),
                "unknown stage '" + stage + "'; the stages of pipeline '" + pipeline + "' are: "
                    + String.join(", ", stageNames));
          }
          arc.add(stage);
        }
        if (!arc.isEmpty()) {
          arcs.add(arc);
        }
      }
    }
    ExecutionGraph graph = ExecutionGraph.of(arcs);
    graph.findCycle().ifPresent(cycle -> problems.add(
        closingEdgePath(executionPath, value, cycle),
        "the execution graph has a cycle: " + String.join(" -> ", cycle)));
    return graph;
  }

  /** Where the edge that closes a cycle is written: its second stage in the first arc holding it. */
  private static String closingEdgePath(String executionPath, JsonNode value, List<String> cycle) {
    String from = cycle.get(cycle.size() - 2);
    String to = cycle.get(cycle.size() - 1);
    for (int i = 0; i < value.size(); i++) {
      JsonNode arc = value.get(i);
      for (int j = 1; arc.isArray() && j < arc.size(); j++) {
        if (from.equals(text(arc.get(j - 1))) && to.equals(text(arc.get(j)))) {
          return KeyPaths.index(KeyPaths.index(executionPath, i), j);
        }
      }
    }
    return executionPath;
  }
}
