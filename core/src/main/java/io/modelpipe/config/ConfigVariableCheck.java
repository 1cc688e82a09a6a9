package io.modelpipe.config;

import io.modelpipe.config.TemplateField.Kind;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks the strings of one stage before anything runs: each variable names a setup value, a value
 * the stage binds before the step that uses it, or a value of an ancestor stage; literal image
 * names and tags are valid.
 */
final class ConfigVariableCheck {

  private final String pipeline;
  private final Stage stage;
  private final Map<String, Stage> stages;
  private final ExecutionGraph graph;
  private final ConfigProblems problems;

  /**
   * @param pipeline the pipeline's name, as messages name it
   * @param stages the pipeline's stages by name
   */
  ConfigVariableCheck(
      String pipeline, Stage stage, Map<String, Stage> stages, ExecutionGraph graph, ConfigProblems problems) {
    this.pipeline = pipeline;
    this.stage = stage;
    this.stages = stages;
    this.graph = graph;
    this.problems = problems;
  }

  void run(Iterable<TemplateField> fields) {
    for (TemplateField field : fields) {
      Variables.Template template;
      try {
        template = Variables.parse(field.template());
      } catch (Variables.InvalidVariableException e) {
        problems.add(field.keyPath(), e.getMessage());
        continue;
      }
      Set<String> reported = new LinkedHashSet<>();
      for (Variables.Reference reference : template.references()) {
        check(field, reference).filter(reported::add).ifPresent(message -> problems.add(field.keyPath(), message));
      }
      if (field.kind() != Kind.PLAIN) {
        checkImageText(field, template);
      }
    }
  }

  private Optional<String> check(TemplateField field, Variables.Reference reference) {
    String source = "'" + reference.source() + "'" + (field.defaulted() ? " (the default)" : "");
    boolean hasDefault = reference.defaultValue().isPresent();
    if (reference.isSetup()) {
      if (!Setup.NAMES.contains(reference.name()) && !hasDefault) {
        return Optional.of("unknown setup value " + source + "; setup values are: "
            + String.join(", ", Setup.NAMES));
      }
      return Optional.empty();
    }
    if (reference.isCurrentStage()) {
      return checkOwnValue(field, reference, source, hasDefault);
    }
    String owner = reference.namespace();
    if (owner.equals(stage.name())) {
      return Optional.of(source + " names the current stage; write '${." + reference.name() + "}'");
    }
    Stage other = stages.get(owner);
    if (other == null) {
      return Optional.of("unknown variable namespace '" + owner + "' in " + source
          + ": expected 'setup', a stage of pipeline '" + pipeline + "', or nothing for the current stage");
    }
    if (!graph.contains(stage.name())) {
      return Optional.empty(); // the stage never runs
    }
    if (!graph.ancestors(stage.name()).contains(owner)) {
      return Optional.of(source + " refers to stage '" + owner + "', which is not an ancestor of stage '"
          + stage.name() + "' in the execution graph");
    }
    if (!other.boundNames().contains(reference.name()) && !hasDefault) {
      return Optional.of(source + ": stage '" + owner + "' binds no value '" + reference.name()
          + "' (it binds: " + String.join(", ", other.boundNames()) + ")");
    }
    return Optional.empty();
  }

  /** A {@code ${.NAME}}: bound by this stage, and by a step that runs before the one using it. */
  private Optional<String> checkOwnValue(
      TemplateField field, Variables.Reference reference, String source, boolean hasDefault) {
    if (hasDefault) {
      return Optional.empty();
    }
    String valueName = reference.name();
    Map<String, String> bindings = stage.bindings();
    if (!bindings.containsKey(valueName)) {
      String why = switch (valueName) {
        case "imageID", "imageLocalName" -> "stage '" + stage.name() + "' has no build step";
        case "imageName", "imageFullName", "imageTag", "imageTags", "publishedImage" ->
            "stage '" + stage.name() + "' has no publish.image step";
        case "container", "output" -> "stage '" + stage.name() + "' has no run step";
        case "releaseName" -> "stage '" + stage.name() + "' has no deploy step";
        default -> "stage '" + stage.name() + "' binds no value '" + valueName + "' (it binds: "
            + String.join(", ", bindings.keySet()) + ")";
      };
      return Optional.of(source + " is not bound: " + why);
    }
    String boundBy = bindings.get(valueName);
    if (boundBy.isEmpty() || (boundBy.equals("exports") && field.step().equals("exports"))) {
      return Optional.empty();
    }
    int bound = Stage.STEPS.indexOf(boundBy);
    // notify runs after every step
    int used = field.step().equals("notify") ? Stage.STEPS.size() : Stage.STEPS.indexOf(field.step());
    if (bound >= used) {
      return Optional.of(source + " is not bound yet when the " + field.step() + " step runs: the "
          + boundBy + " step binds it" + (bound == used ? "" : ", and runs later"));
    }
    return Optional.empty();
  }

  /** Literal names and tags are checked now; the rest after resolution, by the planner. */
  private void checkImageText(TemplateField field, Variables.Template template) {
    boolean tag = field.kind() == Kind.IMAGE_TAG;
    StringBuilder literal = new StringBuilder();
    boolean complete = true;
    Set<Character> bad = new LinkedHashSet<>();
    for (Variables.Part part : template.parts()) {
      if (part instanceof Variables.Literal text) {
        literal.append(text.text());
        text.text().chars().filter(c -> !ImageNaming.isTagChar((char) c)).forEach(c -> bad.add((char) c));
      } else {
        Variables.Reference reference = (Variables.Reference) part;
        if (reference.isCurrentStage() && reference.name().equals("stage")) {
          literal.append(stage.name());
        } else {
          complete = false;
        }
      }
    }
    if (complete) {
      String value = literal.toString();
      if (tag && value.isEmpty() && field.keyPath().contains(".tags[")) {
        return; // an empty extra tag is dropped
      }
      ImageNaming.problem(value, tag).ifPresent(message -> problems.add(field.keyPath(), message));
    } else if (!bad.isEmpty()) {
      StringBuilder chars = new StringBuilder();
      bad.forEach(c -> chars.append(chars.isEmpty() ? "" : ", ").append('\'').append(c).append('\''));
      problems.add(field.keyPath(), "'" + field.template() + "' can never be a valid " + (tag ? "image tag" : "image name")
          + ": it contains " + chars + " (" + (tag ? ImageNaming.TAG_RULE : ImageNaming.NAME_RULE) + ")");
    }
  }
}
