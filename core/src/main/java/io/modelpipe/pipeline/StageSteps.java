package io.modelpipe.pipeline;

import io.modelpipe.config.Build;
import io.modelpipe.config.ImageNaming;
import io.modelpipe.config.Notify;
import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PublishImage;
import io.modelpipe.config.Run;
import io.modelpipe.config.Setup;
import io.modelpipe.config.Stage;
import io.modelpipe.config.VariableResolver;
import io.modelpipe.config.Variables;
import io.modelpipe.trigger.PublishDecision;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.KeyPaths;
import io.modelpipe.yaml.YamlDocument;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Resolves the steps of one stage against the values bound so far, one step at a time, as
 * PipelineLib's {@code context % value} does. The planner resolves all steps at once, and values
 * bound only at run time become placeholders ({@link Plan#placeholder}); the runner resolves each
 * step just before it runs, when the values it needs are bound.
 */
final class StageSteps {

  /** A resolved string and whether it still holds run-time placeholders. */
  record Resolved(String value, boolean complete) {}

  private final Pipeline pipeline;
  private final Stage stage;
  private final Setup setup;
  private final Set<String> ancestors;
  private final Map<String, ? extends Map<String, String>> bound;
  private final List<Diagnostic> problems;
  private final List<Diagnostic> warnings;
  private final boolean strict;

  /**
   * Steps for a plan: values not bound yet become placeholders.
   *
   * @param bound the values bound so far by stage; read afresh by every resolution
   * @param problems where invalid resolved image names and tags are reported
   */
  StageSteps(Pipeline pipeline, Stage stage, Setup setup, Set<String> ancestors,
      Map<String, ? extends Map<String, String>> bound, List<Diagnostic> problems) {
    this(pipeline, stage, setup, ancestors, bound, problems, new ArrayList<>(), false);
  }

  /** As {@link #StageSteps(Pipeline, Stage, Setup, Set, Map, List)}, with where remarks that are not errors go. */
  StageSteps(Pipeline pipeline, Stage stage, Setup setup, Set<String> ancestors,
      Map<String, ? extends Map<String, String>> bound, List<Diagnostic> problems, List<Diagnostic> warnings) {
    this(pipeline, stage, setup, ancestors, bound, problems, warnings, false);
  }

  private StageSteps(Pipeline pipeline, Stage stage, Setup setup, Set<String> ancestors,
      Map<String, ? extends Map<String, String>> bound, List<Diagnostic> problems, List<Diagnostic> warnings,
      boolean strict) {
    this.strict = strict;
    this.warnings = warnings;
    this.pipeline = pipeline;
    this.stage = stage;
    this.setup = setup;
    this.ancestors = Set.copyOf(ancestors);
    this.bound = bound;
    this.problems = problems;
  }

  /**
   * Steps for a run: a value a step needs that is not bound when it runs throws
   * {@link VariableResolver.UnresolvableVariableException} (validation should have said so).
   */
  static StageSteps forRun(Pipeline pipeline, Stage stage, Setup setup, Set<String> ancestors,
      Map<String, ? extends Map<String, String>> bound, List<Diagnostic> problems) {
    return new StageSteps(pipeline, stage, setup, ancestors, bound, problems, new ArrayList<>(), true);
  }

  Stage stage() {
    return stage;
  }

  Optional<Plan.BuildStep> build() {
    return stage.build().map(this::build);
  }

  private Plan.BuildStep build(Build build) {
    String context = build.contextPath().orElseGet(() -> resolve(build.context()).value());
    return new Plan.BuildStep(
        resolve(build.variant()).value(),
        pipeline.blubberFor(stage).displayName(),
        context,
        build.excludes().stream().map(e -> resolve(e).value()).toList(),
        build.imagePullPolicy().map(p -> resolve(p).value()));
  }

  Optional<Plan.RunStep> run() {
    return stage.run().map(this::run);
  }

  private Plan.RunStep run(Run run) {
    Map<String, String> env = new LinkedHashMap<>();
    run.env().forEach((k, v) -> env.put(k, resolve(v).value()));
    Map<String, String> credentials = new LinkedHashMap<>();
    run.credentials().forEach(c -> credentials.put(resolve(c.name()).value(), resolve(c.id()).value()));
    return new Plan.RunStep(
        resolve(run.image()).value(),
        run.arguments().stream().map(a -> resolve(a).value()).toList(),
        env,
        credentials,
        run.tail());
  }

  /**
   * The publish step, its name and tags normalised; names and tags that resolve to invalid values
   * are reported to the problems list.
   */
  Optional<Plan.PublishStep> publish(PublishDecision decision) {
    return stage.publishImage().map(p -> publish(p, decision));
  }

  private Plan.PublishStep publish(PublishImage publish, PublishDecision decision) {
    Resolved name = normalized(resolve(publish.name()));
    String namePath = KeyPaths.child(publish.keyPath(), "name");
    if (name.complete() && check(namePath, publish.name(), name.value(), false)) {
      checkProjectPrefix(namePath, publish.name(), name.value());
    }
    Resolved primary = normalized(resolve(publish.tag()));
    String tagPath = KeyPaths.child(publish.keyPath(), "tag");
    if (primary.complete() && primary.value().isEmpty()) {
      problems.add(problemAt(tagPath, "the primary image tag '" + publish.tag() + "' resolves to nothing"));
    } else if (primary.complete()) {
      check(tagPath, publish.tag(), primary.value(), true);
    }
    Set<String> tags = new LinkedHashSet<>();
    tags.add(primary.value());
    for (int i = 0; i < publish.tags().size(); i++) {
      String template = publish.tags().get(i);
      Resolved tag = normalized(resolve(template));
      if (tag.value().isEmpty()) {
        continue; // PipelineLib drops empty tags, e.g. ${setup.tag} when no tag is built
      }
      if (tag.complete()) {
        check(KeyPaths.index(KeyPaths.child(publish.keyPath(), "tags"), i), template, tag.value(), true);
      }
      tags.add(tag.value());
    }
    return new Plan.PublishStep(resolve(publish.id()).value(), name.value(), List.copyOf(tags), decision);
  }

  /** The stage's exports, resolved in order; each is visible to the exports after it. */
  Map<String, String> exports(Map<String, String> own) {
    Map<String, String> exports = new LinkedHashMap<>();
    stage.exports().forEach((name, template) -> {
      String value = resolve(template).value();
      exports.put(name, value);
      own.putIfAbsent(name, value);
    });
    return exports;
  }

  Optional<Plan.NotifyStep> notification() {
    return stage.notification().map(this::notification);
  }

  /** Placeholders stand for missing values also in a run: a failed stage still records whom it notifies. */
  private Plan.NotifyStep notification(Notify notify) {
    return new Plan.NotifyStep(
        notify.emailTo().stream().map(t -> lenient(t).value()).toList(),
        lenient(notify.subject()).value());
  }

  Resolved resolve(String template) {
    if (strict) {
      return new Resolved(new VariableResolver(setup, stage.name(), ancestors, bound).resolve(template), true);
    }
    return lenient(template);
  }

  private Resolved lenient(String template) {
    boolean[] complete = {true};
    VariableResolver resolver = new VariableResolver(setup, stage.name(), ancestors, bound);
    String value = resolver.resolve(template, reference -> {
      complete[0] = false;
      return placeholder(reference);
    });
    return new Resolved(value, complete[0]);
  }

  private String placeholder(Variables.Reference reference) {
    if (reference.isSetup()) {
      return "<" + reference.name() + " of setup>";
    }
    return Plan.placeholder(reference.name(), reference.isCurrentStage() ? stage.name() : reference.namespace());
  }

  /** Reports an invalid resolved name or tag; returns whether it is valid. */
  private boolean check(String keyPath, String template, String value, boolean tag) {
    boolean valid = tag ? ImageNaming.isValidTag(value) : ImageNaming.isValidName(value);
    if (!valid) {
      String what = tag ? "image tag" : "image name";
      problems.add(problemAt(keyPath,
          "'" + template + "' resolves to '" + value + "', which is not a valid " + what + ": "
              + (tag ? ImageNaming.TAG_RULE : ImageNaming.NAME_RULE)));
    }
    return valid;
  }

  /**
   * PipelineLib's publish step refuses a name that is neither the project's full or short name
   * nor starts with one of them and '-' (both normalised). Against a project that is only guessed
   * from a directory name, a refusal is a warning: the real project may allow the name.
   */
  private void checkProjectPrefix(String keyPath, String template, String value) {
    Optional<String> problem = ImageNaming.projectPrefixProblem(value, setup.project(), setup.projectShortName());
    if (problem.isEmpty()) {
      return;
    }
    String message = "'" + template + "' resolves to '" + value + "': " + problem.get();
    if (setup.projectKnown()) {
      problems.add(problemAt(keyPath, message));
    } else {
      warnings.add(problemAt(keyPath, message + "; not checked as an error: the project '" + setup.project()
          + "' is only the directory's name (give --project, or set ZUUL_PROJECT or GERRIT_PROJECT)"));
    }
  }

  /**
   * A diagnostic at a key path; when the key is not written (a default applies), at the key of
   * the mapping that would hold it, e.g. {@code image:} for a defaulted {@code image.name}.
   */
  private Diagnostic problemAt(String keyPath, String message) {
    YamlDocument document = pipeline.document();
    String parent = keyPath.substring(0, Math.max(keyPath.lastIndexOf('.'), keyPath.lastIndexOf('[')));
    boolean written = !document.locate(keyPath).equals(document.locate(parent));
    return new Diagnostic(written ? document.locate(keyPath) : document.locateKey(parent), keyPath, message);
  }

  private static Resolved normalized(Resolved resolved) {
    return resolved.complete() ? new Resolved(ImageNaming.normalize(resolved.value()), true) : resolved;
  }
}
