package io.modelpipe.pipeline;

import io.modelpipe.git.Changes;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Shows an {@link AffectedSelection}: one line per reason and a summary, or a JSON document. */
public final class AffectedRenderer {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private AffectedRenderer() {}

  /** One {@code PIPELINE: FILE ...} line per reason, then the summary line. */
  public static String text(AffectedSelection selection) {
    StringBuilder out = new StringBuilder();
    selection.lines().forEach(line -> out.append(line).append('\n'));
    return out.append(selection.summary()).append('\n').toString();
  }

  /**
   * A stable document ({@code "format": 1}): what was compared ({@code base}, {@code baseCommit},
   * {@code head}: a commit id or null for the working tree), {@code changedFiles}, {@code affected}
   * (each with {@code pipeline} and {@code reasons}: {@code file}, {@code kind}, {@code stage},
   * {@code text}) and {@code unaffected}.
   */
  public static String json(AffectedSelection selection) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    Changes changes = selection.changes();
    root.put("base", changes.base());
    root.put("baseCommit", changes.baseCommit());
    if (changes.headCommit().isPresent()) {
      root.put("head", changes.headCommit().get());
    } else {
      root.putNull("head");
    }
    ArrayNode files = root.putArray("changedFiles");
    changes.paths().forEach(files::add);
    ArrayNode affected = root.putArray("affected");
    for (AffectedPipeline pipeline : selection.affected()) {
      ObjectNode node = affected.addObject();
      node.put("pipeline", pipeline.name());
      ArrayNode reasons = node.putArray("reasons");
      for (AffectedPipeline.Reason reason : pipeline.reasons()) {
        ObjectNode r = reasons.addObject();
        r.put("file", reason.file());
        r.put("kind", reason.kind().label());
        if (reason.stage().isEmpty()) {
          r.putNull("stage");
        } else {
          r.put("stage", reason.stage());
        }
        r.put("text", reason.description());
      }
    }
    ArrayNode unaffected = root.putArray("unaffected");
    selection.unaffected().forEach(unaffected::add);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}
