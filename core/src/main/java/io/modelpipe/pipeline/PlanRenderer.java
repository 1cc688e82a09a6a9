package io.modelpipe.pipeline;

import io.modelpipe.config.Setup;
import io.modelpipe.trigger.Change;
import io.modelpipe.trigger.TriggerContext;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** Shows a {@link Plan} to people (text) or programs (JSON with a stable shape). */
public final class PlanRenderer {

  /** Version of the JSON document's shape; raised when a field changes meaning or goes away. */
  public static final int JSON_FORMAT = 1;

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final String STEP_INDENT = "      ";

  private PlanRenderer() {}

  /** A readable outline: setup values, then each pipeline's frames and stages. */
  public static String text(Plan plan) {
    StringBuilder out = new StringBuilder();
    Setup setup = plan.setup();
    out.append("project ").append(orDash(setup.project()))
        .append("  commit ").append(orDash(setup.commit()))
        .append("  branch ").append(orDash(setup.branch()))
        .append("  tag ").append(orDash(setup.tag()))
        .append("  timestamp ").append(orDash(setup.timestamp())).append('\n');
    out.append("trigger ").append(plan.trigger().describe()).append('\n');
    out.append("publish contexts ").append(plan.publishGate().describe()).append('\n');
    out.append("Values in <angle brackets> are known only when the pipeline runs.\n");
    for (Plan.PipelinePlan pipeline : plan.pipelines()) {
      out.append('\n').append("pipeline ").append(pipeline.name()).append('\n');
      out.append("  blubberfile ").append(pipeline.blubber())
          .append(", directory ").append(pipeline.directory()).append('\n');
      int number = 1;
      for (List<Plan.StagePlan> frame : pipeline.frames()) {
        List<String> names = frame.stream().map(Plan.StagePlan::name).toList();
        out.append("  ").append(number++).append(". ").append(String.join(", ", names))
            .append(frame.size() > 1 ? " (in parallel)" : "").append('\n');
        for (Plan.StagePlan stage : frame) {
          if (frame.size() > 1) {
            out.append("    stage ").append(stage.name()).append('\n');
          }
          stageText(out, stage);
        }
      }
      for (String note : pipeline.notes()) {
        out.append("  note: ").append(note).append('\n');
      }
    }
    return out.toString();
  }

  private static void stageText(StringBuilder out, Plan.StagePlan stage) {
    List<String[]> lines = new ArrayList<>();
    stage.build().ifPresent(b -> lines.add(new String[] {"build",
        "variant " + b.variant() + " of " + b.blubberFile() + ", context " + b.context()
            + (b.excludes().isEmpty() ? "" : ", excluding " + String.join(" ", b.excludes()))
            + b.imagePullPolicy().map(p -> ", pull " + p).orElse("")}));
    stage.run().ifPresent(r -> {
      StringBuilder run = new StringBuilder(r.image());
      if (!r.arguments().isEmpty()) {
        run.append(" ").append(String.join(" ", r.arguments().stream().map(PlanRenderer::quote).toList()));
      }
      lines.add(new String[] {"run", run.toString()});
      r.env().forEach((k, v) -> lines.add(new String[] {"", "env " + k + "=" + quote(v)}));
      r.credentials().forEach((k, v) -> lines.add(new String[] {"", "env " + k + " from credential " + v}));
      if (r.tail() > 0) {
        lines.add(new String[] {"", "keeps the last " + r.tail() + " lines of output"});
      }
    });
    stage.publish().ifPresent(p -> {
      List<String> references = p.references();
      lines.add(new String[] {"publish", p.imageId() + " as " + references.get(0)});
      references.subList(1, references.size()).forEach(r -> lines.add(new String[] {"", "   and " + r}));
      lines.add(new String[] {"", p.decision().line()});
    });
    stage.exports().forEach((k, v) -> lines.add(new String[] {"export", k + " = " + v}));
    stage.notification().ifPresent(n -> lines.add(new String[] {"notify",
        "on failure, email " + String.join(", ", n.emailTo()) + ": " + n.subject()}));
    stage.notExecuted().forEach((step, why) -> lines.add(new String[] {step, "NOT EXECUTED: " + why}));
    stage.notes().forEach(note -> lines.add(new String[] {"note", note}));
    if (lines.isEmpty()) {
      lines.add(new String[] {"", "(nothing to do)"});
    }
    for (String[] line : lines) {
      out.append(STEP_INDENT).append(String.format("%-8s", line[0])).append(line[1]).append('\n');
    }
  }

  /** The plan as a pretty-printed JSON document; every key is always present. */
  public static String json(Plan plan) {
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(jsonTree(plan)) + "\n";
  }

  /** The plan as a JSON tree. */
  public static ObjectNode jsonTree(Plan plan) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", JSON_FORMAT);
    ObjectNode setup = root.putObject("setup");
    plan.setup().asMap().forEach((k, v) -> {
      if (!k.equals("pipeline")) {
        setup.put(k, v);
      }
    });
    triggerJson(root.putObject("trigger"), plan.trigger());
    strings(root.putArray("publishContexts"), plan.publishGate().contexts().stream().map(Object::toString).toList());
    ArrayNode warnings = root.putArray("warnings");
    plan.warnings().forEach(w -> {
      ObjectNode node = warnings.addObject();
      node.put("file", w.location().file());
      node.put("line", w.location().line());
      node.put("column", w.location().column());
      node.put("key", w.keyPath());
      node.put("message", w.message());
      node.put("text", w.format());
    });
    ArrayNode pipelines = root.putArray("pipelines");
    for (Plan.PipelinePlan pipeline : plan.pipelines()) {
      ObjectNode p = pipelines.addObject();
      p.put("name", pipeline.name());
      p.put("blubberfile", pipeline.blubber());
      p.put("directory", pipeline.directory());
      ArrayNode frames = p.putArray("frames");
      pipeline.frames().forEach(f -> {
        ArrayNode frame = frames.addArray();
        f.forEach(s -> frame.add(s.name()));
      });
      ArrayNode stages = p.putArray("stages");
      pipeline.stages().forEach(s -> stages.add(stageJson(s)));
      strings(p.putArray("notes"), pipeline.notes());
    }
    return root;
  }

  private static ObjectNode stageJson(Plan.StagePlan stage) {
    ObjectNode s = JSON.createObjectNode();
    s.put("name", stage.name());
    strings(s.putArray("after"), stage.after());
    if (stage.build().isPresent()) {
      Plan.BuildStep b = stage.build().get();
      ObjectNode build = s.putObject("build");
      build.put("variant", b.variant());
      build.put("blubberfile", b.blubberFile());
      build.put("context", b.context());
      strings(build.putArray("excludes"), b.excludes());
      build.put("imagePullPolicy", b.imagePullPolicy().orElse(null));
    } else {
      s.putNull("build");
    }
    if (stage.run().isPresent()) {
      Plan.RunStep r = stage.run().get();
      ObjectNode run = s.putObject("run");
      run.put("image", r.image());
      strings(run.putArray("arguments"), r.arguments());
      object(run.putObject("env"), r.env());
      object(run.putObject("credentials"), r.credentials());
      run.put("tail", r.tail());
    } else {
      s.putNull("run");
    }
    if (stage.publish().isPresent()) {
      Plan.PublishStep p = stage.publish().get();
      ObjectNode publish = s.putObject("publish");
      publish.put("id", p.imageId());
      publish.put("name", p.name());
      strings(publish.putArray("tags"), p.tags());
      publish.put("publishes", p.decision().allowed());
      publish.put("reason", p.decision().reason());
    } else {
      s.putNull("publish");
    }
    object(s.putObject("exports"), stage.exports());
    if (stage.notification().isPresent()) {
      ObjectNode notify = s.putObject("notify");
      strings(notify.putArray("emailTo"), stage.notification().get().emailTo());
      notify.put("subject", stage.notification().get().subject());
    } else {
      s.putNull("notify");
    }
    object(s.putObject("notExecuted"), stage.notExecuted());
    strings(s.putArray("notes"), stage.notes());
    return s;
  }

  private static void triggerJson(ObjectNode t, TriggerContext trigger) {
    t.put("source", trigger.source().label());
    t.put("kind", trigger.kind().label());
    t.put("kindFromCommandLine", trigger.kindFromCommandLine());
    t.put("description", trigger.describe());
    t.put("zuulPipeline", trigger.zuulPipeline().orElse(null));
    t.put("gerritEvent", trigger.gerritEvent().map(e -> e.getTypeValue()).orElse(null));
    t.put("project", trigger.project().orElse(null));
    t.put("branch", trigger.branch().orElse(null));
    t.put("commit", trigger.commit().orElse(null));
    t.put("tag", trigger.tag().orElse(null));
    t.put("ref", trigger.ref().orElse(null));
    t.put("refDeleted", trigger.refDeleted());
    if (trigger.change().isPresent()) {
      Change c = trigger.change().get();
      ObjectNode change = t.putObject("change");
      change.put("number", c.number());
      if (c.patchSet().isPresent()) {
        change.put("patchSet", c.patchSet().getAsInt());
      } else {
        change.putNull("patchSet");
      }
      change.put("revision", c.revision().orElse(null));
      change.put("changeId", c.changeId().orElse(null));
      change.put("url", c.url().orElse(null));
    } else {
      t.putNull("change");
    }
  }

  private static void strings(ArrayNode array, List<String> values) {
    values.forEach(array::add);
  }

  private static void object(ObjectNode object, Map<String, String> values) {
    values.forEach(object::put);
  }

  private static String orDash(String value) {
    return value.isEmpty() ? "-" : value;
  }

  private static String quote(String value) {
    return value.isEmpty() || value.matches(".*[\\s'\"].*") ? "'" + value.replace("'", "'\\''") + "'" : value;
  }
}
