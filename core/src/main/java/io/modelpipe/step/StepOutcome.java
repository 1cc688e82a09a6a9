package io.modelpipe.step;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * How a step ended, from the engine's exit code, its result file and the end of its output: the
 * status for Jenkins, a one-paragraph message, and the value the step returns.
 *
 * <ul>
 *   <li>0: SUCCESS.
 *   <li>1: FAILURE with the summary as message; UNSTABLE for a lint whose only problems are findings
 *       when {@code unstableOnFindings} is set.
 *   <li>2: FAILURE with the located errors ({@code file:line:col: key: message}).
 *   <li>3: FAILURE naming the service that was unavailable.
 *   <li>anything else (a signal, a crash): FAILURE with the code.
 * </ul>
 */
public final class StepOutcome {

  /** A build result Jenkins knows. */
  public enum Status {
    SUCCESS,
    UNSTABLE,
    FAILURE
  }

  /** A located diagnostic as the CLI prints it: {@code file:line:column: ...}. */
  private static final Pattern LOCATED = Pattern.compile("^\\S[^:\\s]*:\\d+:\\d+: .*");

  private final Status status;
  private final String message;
  private final Object returnValue;
  private final Optional<StepSummary> summary;
  private final int exitCode;

  private StepOutcome(Status status, String message, Object returnValue, Optional<StepSummary> summary, int exitCode) {
    this.status = status;
    this.message = message;
    this.returnValue = returnValue;
    this.summary = summary;
    this.exitCode = exitCode;
  }

  /** As {@link #of(StepInvocation, int, String, String)}, with the step's defaults ({@code unstableOnFindings} off). */
  public static StepOutcome of(StepSpec spec, int exitCode, String resultJson, String outputTail) {
    return of(spec, false, Optional.empty(), Map.of(), exitCode, resultJson, outputTail);
  }

  /**
   * @param call the step's call (for {@code unstableOnFindings} and the Gerrit URL of the change link)
   * @param exitCode the engine's exit code
   * @param resultJson the result file's text; null when the engine wrote none
   * @param outputTail the last lines the engine printed (both streams), already masked
   */
  public static StepOutcome of(StepInvocation call, int exitCode, String resultJson, String outputTail) {
    Map<String, Object> reports = new LinkedHashMap<>();
    if (call.spec() == StepSpecs.LINT && (exitCode == 0 || exitCode == 1) && resultJson != null) {
      call.string("junit").filter(s -> !s.isEmpty()).ifPresent(path -> reports.put("junit", path));
      call.string("checkstyle").filter(s -> !s.isEmpty()).ifPresent(path -> reports.put("checkstyle", path));
    }
    return of(call.spec(), call.flag("unstableOnFindings"), call.gerritUrl(), reports, exitCode, resultJson, outputTail);
  }

  private static StepOutcome of(StepSpec spec, boolean unstableOnFindings, Optional<String> gerritUrl,
      Map<String, Object> reports, int exitCode, String resultJson, String outputTail) {
    Objects.requireNonNull(spec, "spec");
    String tail = outputTail == null ? "" : outputTail;
    Map<String, Object> document = parse(resultJson);
    Object value = returnValue(spec, document, reports, exitCode, tail);
    Optional<StepSummary> summary = summary(spec, value, gerritUrl);
    String name = spec.functionName();
    return switch (exitCode) {
      case 0 -> new StepOutcome(Status.SUCCESS, name + ": " + successText(spec, value), value, summary, exitCode);
      case 1 -> {
        boolean onlyFindings = spec == StepSpecs.LINT && onlyFindings(document);
        Status status = onlyFindings && unstableOnFindings ? Status.UNSTABLE : Status.FAILURE;
        yield new StepOutcome(status, name + ": " + failureText(spec, document, tail), value, summary, exitCode);
      }
      case 2 -> new StepOutcome(Status.FAILURE, name + ": invalid input:\n" + locatedErrors(document, tail), value, summary,
          exitCode);
      case 3 -> new StepOutcome(Status.FAILURE, name + ": " + unavailable(tail), value, summary, exitCode);
      default -> new StepOutcome(Status.FAILURE, name + ": the engine ended with exit code " + exitCode
          + (exitCode == 130 || exitCode == 143 ? " (stopped)" : "") + lastLines(tail, 5), value, summary, exitCode);
    };
  }

  public Status status() {
    return status;
  }

  /** What the build log and the step's error say. */
  public String message() {
    return message;
  }

  /**
   * What the step returns: a map of plain values ({@link java.util.LinkedHashMap}, {@link
   * java.util.ArrayList}, String, Integer, Long, Boolean), or for {@code modelpipeBuild} the image ID
   * (a String; empty when the build failed).
   */
  public Object returnValue() {
    return returnValue;
  }

  /** {@link #returnValue()} as a map; for {@code modelpipeBuild}, {@code [image: ID]}. */
  @SuppressWarnings("unchecked")
  public Map<String, Object> returnMap() {
    if (returnValue instanceof Map<?, ?> map) {
      return (Map<String, Object>) map;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("image", returnValue);
    return map;
  }

  /** What the build page shows; empty for steps without a table (validate, build, review). */
  public Optional<StepSummary> summary() {
    return summary;
  }

  public int exitCode() {
    return exitCode;
  }

  @Override
  public String toString() {
    return "StepOutcome{" + status + ", exit " + exitCode + "}";
  }

  // ---- return values ----

  @SuppressWarnings("unchecked")
  private static Map<String, Object> parse(String json) {
    if (json == null || json.isBlank()) {
      return Map.of();
    }
    try {
      return PlainValues.parse(json) instanceof Map<?, ?> map ? (Map<String, Object>) map : Map.of();
    } catch (RuntimeException e) {
      return Map.of(); // a cut-off file (the process was killed while writing): treated as no result
    }
  }

  private static Object returnValue(StepSpec spec, Map<String, Object> document, Map<String, Object> reports, int exitCode,
      String tail) {
    if (spec == StepSpecs.BUILD) {
      return document.get("image") == null ? "" : String.valueOf(document.get("image"));
    }
    Map<String, Object> value = new LinkedHashMap<>();
    if (spec == StepSpecs.VALIDATE) {
      value.put("valid", exitCode == 0 && !Boolean.FALSE.equals(document.get("valid")));
      List<Object> errors = new ArrayList<>();
      for (Map<String, Object> error : ResultMaps.maps(document.get("errors"))) {
        errors.add(error.get("text"));
      }
      if (errors.isEmpty() && exitCode == 2) {
        errors.addAll(located(tail));
      }
      value.put("errors", errors);
      value.put("warnings", new ArrayList<>(texts(document.get("warnings"))));
      value.put("pipelines", document.get("pipelines") == null ? new ArrayList<>() : document.get("pipelines"));
      return value;
    }
    if (spec == StepSpecs.LINT) {
      int findings = 0;
      List<String> files = new ArrayList<>();
      for (Map<String, Object> env : ResultMaps.maps(document.get("envs"))) {
        for (Map<String, Object> finding : ResultMaps.maps(env.get("findings"))) {
          findings++;
          String file = String.valueOf(finding.get("file"));
          if (!files.contains(file)) {
            files.add(file);
          }
        }
      }
      value.put("passed", exitCode == 0);
      value.put("findings", findings);
      value.put("files", files);
      value.put("reports", new LinkedHashMap<>(reports));
      value.put("envs", document.getOrDefault("envs", new ArrayList<>()));
      return value;
    }
    if (spec == StepSpecs.PUBLISH) {
      value.put("references", document.getOrDefault("references", new ArrayList<>()));
      value.put("digest", document.getOrDefault("digest", ""));
      if (document.get("image") != null) {
        value.put("image", document.get("image"));
      }
      return value;
    }
    if (spec == StepSpecs.RUN) {
      if (document.isEmpty()) {
        value.put("status", exitCode == 2 ? "INVALID" : "FAILURE");
        value.put("stages", new ArrayList<>());
        value.put("images", new ArrayList<>());
        if (exitCode == 2) {
          value.put("errors", new ArrayList<>(located(tail)));
        }
        return value;
      }
      return ResultMaps.run(document);
    }
    // review
    value.putAll(document);
    value.putIfAbsent("outcome", exitCode == 3 ? "queued" : exitCode == 0 ? "delivered" : "failed");
    return value;
  }

  private static Optional<StepSummary> summary(StepSpec spec, Object value, Optional<String> gerritUrl) {
    if (spec == StepSpecs.RUN && value instanceof Map<?, ?> map && map.containsKey("pipelines")) {
      @SuppressWarnings("unchecked")
      Map<String, Object> run = (Map<String, Object>) map;
      return Optional.of(ResultMaps.summary(run, gerritUrl));
    }
    if (spec == StepSpecs.LINT && value instanceof Map<?, ?> map) {
      return Optional.of(new StepSummary(List.of(), List.of(), ((Number) map.get("findings")).intValue(), Optional.empty()));
    }
    return Optional.empty();
  }

  // ---- messages ----

  private static String successText(StepSpec spec, Object value) {
    if (spec == StepSpecs.BUILD) {
      return "built " + value;
    }
    Map<?, ?> map = (Map<?, ?>) value;
    if (spec == StepSpecs.VALIDATE) {
      return "valid";
    }
    if (spec == StepSpecs.LINT) {
      return "no findings";
    }
    if (spec == StepSpecs.PUBLISH) {
      return "published " + map.get("references") + " @ " + map.get("digest");
    }
    if (spec == StepSpecs.RUN) {
      int images = ResultMaps.list(map.get("images")).size();
      return "run " + map.get("status") + ", " + ResultMaps.list(map.get("stages")).size() + " stages, " + images
          + (images == 1 ? " image" : " images") + " published";
    }
    return "review " + map.get("outcome");
  }

  private static String failureText(StepSpec spec, Map<String, Object> document, String tail) {
    if (spec == StepSpecs.LINT && !document.isEmpty()) {
      List<String> envs = new ArrayList<>();
      for (Map<String, Object> env : ResultMaps.maps(document.get("envs"))) {
        if (Boolean.FALSE.equals(env.get("passed"))) {
          envs.add(env.get("name") + ": " + env.get("failure"));
        }
      }
      return "lint failed: " + String.join("; ", envs);
    }
    if (spec == StepSpecs.RUN && !document.isEmpty()) {
      List<String> failed = new ArrayList<>();
      for (Map<String, Object> pipeline : ResultMaps.maps(document.get("pipelines"))) {
        for (Map<String, Object> stage : ResultMaps.maps(pipeline.get("stages"))) {
          String status = String.valueOf(stage.get("status"));
          if (status.equals("FAILURE") || status.equals("ABORTED")) {
            failed.add(pipeline.get("name") + "/" + stage.get("name") + " " + status
                + (stage.get("skipReason") != null ? " (" + stage.get("skipReason") + ")" : ""));
          }
        }
      }
      return "run " + document.get("status") + (failed.isEmpty() ? "" : ": " + String.join(", ", failed))
          + lastLines(tail, 0);
    }
    List<String> said = engineLines(tail);
    return said.isEmpty() ? "failed" + lastLines(tail, 5) : String.join("\n", said);
  }

  private static boolean onlyFindings(Map<String, Object> lint) {
    List<Map<String, Object>> envs = ResultMaps.maps(lint.get("envs"));
    boolean anyFailed = false;
    for (Map<String, Object> env : envs) {
      if (Boolean.FALSE.equals(env.get("passed"))) {
        anyFailed = true;
        if (ResultMaps.list(env.get("findings")).isEmpty()) {
          return false;
        }
      }
    }
    return anyFailed;
  }

  private static String locatedErrors(Map<String, Object> document, String tail) {
    List<String> errors = new ArrayList<>();
    for (Map<String, Object> error : ResultMaps.maps(document.get("errors"))) {
      errors.add(String.valueOf(error.get("text")));
    }
    if (errors.isEmpty()) {
      errors.addAll(located(tail));
    }
    if (errors.isEmpty()) {
      errors.addAll(engineLines(tail));
    }
    return errors.isEmpty() ? lastLines(tail, 5).strip() : String.join("\n", errors);
  }

  private static String unavailable(String tail) {
    List<String> said = engineLines(tail);
    String text = String.join("\n", said).toLowerCase(Locale.ROOT);
    String service = text.contains("gerrit") ? "Gerrit"
        : text.contains("registry") ? "the registry"
        : text.contains("docker") || text.contains("engine") ? "the Docker Engine"
        : text.contains("not installed") || text.contains("apt-get") ? "a lint tool"
        : "a service";
    return service + " is unavailable" + (said.isEmpty() ? lastLines(tail, 5) : ":\n" + String.join("\n", said));
  }

  /** The located diagnostics in the output. */
  private static List<String> located(String tail) {
    return tail.lines().filter(l -> LOCATED.matcher(l).matches()).toList();
  }

  /** What the engine itself said went wrong: its {@code modelpipe...:} lines. */
  private static List<String> engineLines(String tail) {
    return tail.lines().filter(l -> l.startsWith("modelpipe") && l.contains(": ")
        && !l.contains("result written to")).toList();
  }

  private static List<String> texts(Object items) {
    List<String> texts = new ArrayList<>();
    for (Object item : ResultMaps.list(items)) {
      texts.add(item instanceof Map<?, ?> map ? String.valueOf(map.get("text")) : String.valueOf(item));
    }
    return texts;
  }

  private static String lastLines(String tail, int count) {
    if (count == 0 || tail.isBlank()) {
      return "";
    }
    List<String> lines = tail.lines().filter(l -> !l.isBlank()).toList();
    return "\n" + String.join("\n", lines.subList(Math.max(0, lines.size() - count), lines.size()));
  }
}
