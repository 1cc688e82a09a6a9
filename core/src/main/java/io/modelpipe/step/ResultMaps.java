package io.modelpipe.step;

import io.modelpipe.Durations;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The maps steps return, made from the engine's result JSON; and back: the run result a review
 * posts. Every map holds {@link PlainValues} only.
 */
final class ResultMaps {

  /** The keys of the run result's JSON (run-result-v1.schema.json); a run's map adds convenience keys. */
  private static final List<String> RUN_RESULT_KEYS = List.of("format", "setup", "trigger", "status", "pipelines", "review");

  private ResultMaps() {}

  /**
   * What {@code modelpipeRun} returns: the result document ({@code format}, {@code setup}, {@code review},
   * {@code trigger}, {@code status}, {@code pipelines}) plus {@code stages} (one row per stage) and
   * {@code images} (every image published, with {@code uri}, {@code tags}, {@code digest}).
   */
  @SuppressWarnings("unchecked")
  static Map<String, Object> run(Map<String, Object> document) {
    Map<String, Object> result = new LinkedHashMap<>(document);
    List<Object> stages = new ArrayList<>();
    List<Object> images = new ArrayList<>();
    for (Map<String, Object> pipeline : maps(document.get("pipelines"))) {
      for (Map<String, Object> stage : maps(pipeline.get("stages"))) {
        Map<String, Object> row = new LinkedHashMap<>();
        row.put("pipeline", pipeline.get("name"));
        row.put("stage", stage.get("name"));
        row.put("status", stage.get("status"));
        row.put("durationMs", stage.get("durationMs"));
        if (stage.get("skipReason") != null) {
          row.put("skipReason", stage.get("skipReason"));
        }
        stages.add(row);
        if (stage.get("image") instanceof Map<?, ?> image && Boolean.TRUE.equals(image.get("published"))) {
          Map<String, Object> published = new LinkedHashMap<>();
          published.put("pipeline", pipeline.get("name"));
          published.put("stage", stage.get("name"));
          published.put("uri", imageUri((Map<String, Object>) image));
          published.put("tags", image.get("tags") == null ? new ArrayList<>() : image.get("tags"));
          published.put("digest", image.get("digest") == null ? "" : image.get("digest"));
          published.put("references", image.get("references") == null ? new ArrayList<>() : image.get("references"));
          published.put("id", image.get("id"));
          images.add(published);
        }
      }
    }
    result.put("stages", stages);
    result.put("images", images);
    return result;
  }

  /** The registry URI of a published image: its first reference without the tag, else its name. */
  private static String imageUri(Map<String, Object> image) {
    for (Object reference : list(image.get("references"))) {
      String text = String.valueOf(reference);
      int slash = text.lastIndexOf('/');
      int colon = text.lastIndexOf(':');
      return colon > slash ? text.substring(0, colon) : text;
    }
    return image.get("name") == null ? "" : String.valueOf(image.get("name"));
  }

  /** The JSON of a run result that a {@code modelpipeRun} step returned, without its convenience keys. */
  static String runResultJson(Map<String, Object> runMap) {
    Map<String, Object> document = new LinkedHashMap<>();
    for (String key : RUN_RESULT_KEYS) {
      if (runMap.containsKey(key)) {
        document.put(key, runMap.get(key));
      }
    }
    return PlainValues.json(document);
  }

  /** The stage table, published images and lint counts of a run's map, for the build page. */
  @SuppressWarnings("unchecked")
  static StepSummary summary(Map<String, Object> runMap, Optional<String> gerritUrl) {
    List<StepSummary.StageRow> rows = new ArrayList<>();
    int findings = 0;
    for (Map<String, Object> pipeline : maps(runMap.get("pipelines"))) {
      for (Map<String, Object> stage : maps(pipeline.get("stages"))) {
        rows.add(new StepSummary.StageRow(String.valueOf(pipeline.get("name")), String.valueOf(stage.get("name")),
            String.valueOf(stage.get("status")), durationText(stage.get("durationMs"))));
        if (stage.get("lintFindings") instanceof Number n) {
          findings += n.intValue();
        }
      }
    }
    List<StepSummary.PublishedImage> images = new ArrayList<>();
    for (Map<String, Object> image : maps(runMap.get("images"))) {
      images.add(new StepSummary.PublishedImage(String.valueOf(image.get("uri")), String.valueOf(image.get("digest")),
          list(image.get("tags")).stream().map(String::valueOf).toList()));
    }
    return new StepSummary(rows, images, findings, changeUrl(runMap, gerritUrl));
  }

  /** {@code GERRIT/c/PROJECT/+/CHANGE/PATCHSET}, as Gerrit's web UI addresses a patch set. */
  static Optional<String> changeUrl(Map<String, Object> runMap, Optional<String> gerritUrl) {
    if (gerritUrl.isEmpty() || !(runMap.get("trigger") instanceof Map<?, ?> trigger) || trigger.get("change") == null) {
      return Optional.empty();
    }
    String base = gerritUrl.get().endsWith("/") ? gerritUrl.get() : gerritUrl.get() + "/";
    String project = trigger.get("project") == null ? "" : trigger.get("project") + "/+/";
    String patchSet = trigger.get("patchset") == null ? "" : "/" + trigger.get("patchset");
    return Optional.of(base + "c/" + project + trigger.get("change") + patchSet);
  }

  /** The one written form of a duration ({@link Durations}); the map keeps milliseconds. */
  static String durationText(Object millis) {
    return millis instanceof Number n ? Durations.formatMillis(n.longValue()) : "";
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> maps(Object value) {
    List<Map<String, Object>> maps = new ArrayList<>();
    for (Object item : list(value)) {
      if (item instanceof Map<?, ?> map) {
        maps.add((Map<String, Object>) map);
      }
    }
    return maps;
  }

  static List<?> list(Object value) {
    return value instanceof List<?> list ? list : List.of();
  }
}
