package io.modelpipe.result;

import io.modelpipe.Durations;
import io.modelpipe.trigger.EventKind;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import io.modelpipe.yaml.SchemaCheck;
import io.modelpipe.yaml.YamlDocument;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The versioned JSON form of a {@link RunResult} ({@code "format": 1}): written by the runner,
 * read by {@code modelpipe gerrit comment}. Optional values are left out, never {@code null}.
 * Additions keep format 1 as long as they are optional: a stage's {@code findings} and the run's
 * {@code review} and {@code warnings} are, so results written before them still read, and readers of format 1 that
 * ignore unknown keys read the new ones.
 *
 * <p>Reading is strict: the document is parsed with positions and checked against
 * {@code run-result-v1.schema.json}, and every problem is reported at its line and column as an
 * {@link InvalidInputException} (exit code 2).
 */
public final class RunResults {

  /** The format this version writes and reads. */
  public static final int FORMAT = 1;

  private static final SchemaCheck SCHEMA = SchemaCheck.fromResource("/io/modelpipe/result/run-result-v1.schema.json");
  private static final JsonMapper JSON = JsonMapper.builder()
      .enable(SerializationFeature.INDENT_OUTPUT)
      .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
      .build();

  private RunResults() {}

  /** Reads a result file; {@code displayName} is how errors name it. */
  public static RunResult read(Path file, String displayName) {
    if (!Files.isRegularFile(file)) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(displayName), "", "no such result file"));
    }
    return parse(displayName, YamlDocument.read(file, displayName));
  }

  /** Parses a result document's text. */
  public static RunResult parse(String displayName, String json) {
    return parse(displayName, YamlDocument.parse(displayName, json));
  }

  private static RunResult parse(String displayName, YamlDocument document) {
    // JSON is YAML 1.2: the YAML reader gives every value its line and column; a JSON-only parse
    // first rejects YAML that is not JSON, so a result is always plain JSON.
    try {
      JSON.readTree(document.text());
    } catch (tools.jackson.core.JacksonException e) {
      tools.jackson.core.TokenStreamLocation at = e.getLocation();
      Location location = at == null || at.getLineNr() < 1
          ? Location.ofFile(displayName)
          : new Location(displayName, at.getLineNr(), Math.max(1, at.getColumnNr()));
      throw new InvalidInputException(new Diagnostic(location, "", "not valid JSON: " + e.getOriginalMessage()));
    }
    if (document.isEmpty()) {
      throw new InvalidInputException(document.problemAt("", "empty result document"));
    }
    SCHEMA.require(document);
    return fromJson(document.root());
  }

  /** The JSON text of a result, pretty-printed, ending in a newline. */
  public static String toJson(RunResult result) {
    return JSON.writeValueAsString(toTree(result)) + "\n";
  }

  /** Writes a result file atomically (a temporary file beside it, then a rename). */
  public static void write(RunResult result, Path file) {
    Path target = file.toAbsolutePath();
    try {
      Files.createDirectories(target.getParent());
      Path temp = Files.createTempFile(target.getParent(), "." + target.getFileName(), ".tmp");
      try {
        Files.writeString(temp, toJson(result), StandardCharsets.UTF_8);
        try {
          Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, target, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  /** The JSON tree of a result. */
  public static ObjectNode toTree(RunResult result) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    ObjectNode setup = root.putObject("setup");
    setup.put("project", result.setup().project());
    setup.put("commit", result.setup().commit());
    setup.put("branch", result.setup().branch());
    setup.put("tag", result.setup().tag());
    setup.put("timestamp", result.setup().timestamp());
    TriggerInfo t = result.trigger();
    ObjectNode trigger = root.putObject("trigger");
    trigger.put("kind", t.kind().label());
    t.project().ifPresent(v -> trigger.put("project", v));
    if (t.change().isPresent()) {
      trigger.put("change", t.change().getAsInt());
    }
    if (t.patchSet().isPresent()) {
      trigger.put("patchset", t.patchSet().getAsInt());
    }
    t.zuulPipeline().ifPresent(v -> trigger.put("zuulPipeline", v));
    t.job().ifPresent(v -> trigger.put("job", v));
    t.build().ifPresent(v -> trigger.put("build", v));
    t.buildUrl().ifPresent(v -> trigger.put("buildUrl", v));
    root.put("status", result.status().name());
    if (!result.warnings().isEmpty()) {
      ArrayNode warnings = root.putArray("warnings");
      result.warnings().forEach(warnings::add);
    }
    ArrayNode pipelines = root.putArray("pipelines");
    for (PipelineResult p : result.pipelines()) {
      ObjectNode pipeline = pipelines.addObject();
      pipeline.put("name", p.name());
      pipeline.put("status", p.status().name());
      ArrayNode stages = pipeline.putArray("stages");
      for (StageResult s : p.stages()) {
        ObjectNode stage = stages.addObject();
        stage.put("name", s.name());
        stage.put("status", s.status().name());
        stage.put("durationMs", s.duration().toMillis());
        stage.put("duration", Durations.format(s.duration()));
        s.image().ifPresent(i -> {
          ObjectNode image = stage.putObject("image");
          image.put("id", i.id());
          if (!i.name().isEmpty()) {
            image.put("name", i.name());
          }
          if (!i.tags().isEmpty()) {
            i.tags().forEach(image.putArray("tags")::add);
          }
          if (!i.references().isEmpty()) {
            i.references().forEach(image.putArray("references")::add);
          }
          i.digest().ifPresent(d -> image.put("digest", d));
          image.put("published", i.published());
        });
        if (s.lintFindings().isPresent()) {
          stage.put("lintFindings", s.lintFindings().getAsInt());
        }
        s.log().ifPresent(v -> stage.put("log", v));
        s.skipReason().ifPresent(v -> stage.put("skipReason", v));
        if (!s.notifyRecipients().isEmpty()) {
          s.notifyRecipients().forEach(stage.putArray("notify")::add);
        }
        if (!s.findings().isEmpty()) {
          ArrayNode findings = stage.putArray("findings");
          s.findings().forEach(f -> findingJson(findings.addObject(), f));
        }
      }
    }
    result.review().ifPresent(r -> root.set("review", toTree(r)));
    return root;
  }

  /** The JSON tree of a review's record, as the result's {@code review} has it. */
  public static ObjectNode toTree(ReviewResult r) {
    ObjectNode review = JSON.createObjectNode();
    review.put("outcome", r.outcome());
    ArrayNode inline = review.putArray("inline");
    r.inline().forEach(f -> findingJson(inline.addObject(), f));
    review.put("inUnchangedFiles", r.inUnchangedFiles());
    review.put("overLimit", r.overLimit());
    if (!r.leftOut().isEmpty()) {
      r.leftOut().forEach(review.putArray("leftOut")::add);
    }
    return review;
  }

  private static void findingJson(ObjectNode node, LintFinding f) {
    node.put("tool", f.tool());
    node.put("file", f.file());
    node.put("line", f.line());
    node.put("column", f.column());
    if (!f.code().isEmpty()) {
      node.put("code", f.code());
    }
    node.put("message", f.message());
    if (!f.detail().isEmpty()) {
      node.put("detail", f.detail());
    }
  }

  private static List<LintFinding> findings(JsonNode array) {
    List<LintFinding> findings = new ArrayList<>();
    if (array != null) {
      for (JsonNode f : array) {
        findings.add(new LintFinding(text(f, "tool"), text(f, "file"), f.get("line").asInt(), f.get("column").asInt(),
            optional(f, "code").orElse(""), text(f, "message"), optional(f, "detail").orElse("")));
      }
    }
    return findings;
  }

  private static RunResult fromJson(JsonNode root) {
    JsonNode s = root.get("setup");
    RunSetup setup = new RunSetup(text(s, "project"), text(s, "commit"), text(s, "branch"), text(s, "tag"),
        text(s, "timestamp"));
    JsonNode t = root.get("trigger");
    TriggerInfo trigger = new TriggerInfo(kindOf(t.get("kind").asString()), optional(t, "project"),
        optionalInt(t, "change"), optionalInt(t, "patchset"), optional(t, "zuulPipeline"), optional(t, "job"),
        optional(t, "build"), optional(t, "buildUrl"));
    List<PipelineResult> pipelines = new ArrayList<>();
    for (JsonNode p : root.get("pipelines")) {
      List<StageResult> stages = new ArrayList<>();
      for (JsonNode st : p.get("stages")) {
        Optional<ImageResult> image = Optional.ofNullable(st.get("image")).map(i -> new ImageResult(
            text(i, "id"), i.has("name") ? text(i, "name") : "", strings(i.get("tags")), strings(i.get("references")),
            optional(i, "digest"), i.get("published").asBoolean()));
        stages.add(new StageResult(text(st, "name"), Status.valueOf(text(st, "status")),
            Duration.ofMillis(st.get("durationMs").asLong()), image, optionalInt(st, "lintFindings"),
            optional(st, "log"), optional(st, "skipReason"), strings(st.get("notify")), findings(st.get("findings"))));
      }
      pipelines.add(new PipelineResult(text(p, "name"), Status.valueOf(text(p, "status")), stages));
    }
    List<String> warnings = new ArrayList<>();
    if (root.has("warnings")) {
      root.get("warnings").forEach(w -> warnings.add(w.asString()));
    }
    Optional<ReviewResult> review = Optional.ofNullable(root.get("review")).map(r -> new ReviewResult(
        text(r, "outcome"), findings(r.get("inline")), r.get("inUnchangedFiles").asInt(), r.get("overLimit").asInt(),
        strings(r.get("leftOut"))));
    return new RunResult(setup, trigger, Status.valueOf(root.get("status").asString()), pipelines, review, warnings);
  }

  private static String text(JsonNode node, String key) {
    return node.get(key).asString();
  }

  /** The schema allows only the labels, so any other text is a bug here, not bad input. */
  private static EventKind kindOf(String label) {
    return EventKind.parse(label).orElseThrow(() -> new IllegalStateException("unknown event kind '" + label + "'"));
  }

  private static Optional<String> optional(JsonNode node, String key) {
    return node.has(key) ? Optional.of(node.get(key).asString()) : Optional.empty();
  }

  private static OptionalInt optionalInt(JsonNode node, String key) {
    return node.has(key) ? OptionalInt.of(node.get(key).asInt()) : OptionalInt.empty();
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    if (array != null) {
      array.forEach(v -> values.add(v.asString()));
    }
    return values;
  }
}
