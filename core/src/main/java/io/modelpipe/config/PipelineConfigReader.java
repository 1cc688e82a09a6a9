package io.modelpipe.config;

import static io.modelpipe.config.ConfigNodes.text;
import static io.modelpipe.config.ConfigNodes.textOr;
import static io.modelpipe.config.ConfigNodes.truthy;

import io.modelpipe.config.TemplateField.Kind;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.KeyPaths;
import io.modelpipe.yaml.Location;
import io.modelpipe.yaml.SchemaCheck;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
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
          Pipeline pipeline = new PipelineReader(document, name, node, problems).read();
          pipelines.put(name, pipeline);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems.all());
    }
    return new PipelineConfig(document, pipelines);
  }

  /** Reads one pipeline; adds problems to the shared list. */
  private static final class PipelineReader {
    private final YamlDocument document;
    private final String name;
    private final JsonNode node;
    private final ConfigProblems problems;
    private final String path;
    private final Map<String, List<TemplateField>> fieldsByStage = new LinkedHashMap<>();

    PipelineReader(YamlDocument document, String name, JsonNode node, ConfigProblems problems) {
      this.document = document;
      this.name = name;
      this.node = node;
      this.problems = problems;
      this.path = KeyPaths.child("pipelines", name);
    }

    private void problem(String keyPath, String message) {
      problems.add(keyPath, message);
    }

    Pipeline read() {
      BlubberSource blubber =
          blubberSource(node.get("blubberfile"), KeyPaths.child(path, "blubberfile"), name + "/blubber.yaml");
      String directory = directory();
      // An invalid directory was reported; build contexts are not checked against it.
      String contextBase = directory.startsWith("/") || RepoPaths.resolve("", directory).isEmpty() ? null : directory;
      Fetch fetch = fetch(node.get("fetch"));

      List<Stage> stages = new ArrayList<>();
      Map<String, String> firstPaths = new LinkedHashMap<>();
      JsonNode stagesNode = node.get("stages");
      if (stagesNode != null && stagesNode.isArray()) {
        for (int i = 0; i < stagesNode.size(); i++) {
          String stagePath = KeyPaths.index(KeyPaths.child(path, "stages"), i);
          JsonNode stageNode = stagesNode.get(i);
          if (!stageNode.isObject() || text(stageNode.get("name")) == null) {
            continue; // the schema reported it
          }
          String stageName = stageNode.get("name").asString();
          String namePath = KeyPaths.child(stagePath, "name");
          if (RESERVED_STAGE_NAMES.contains(stageName)) {
            problem(namePath, "'" + stageName + "' is a reserved stage name (PipelineLib runs its own '"
                + stageName + "' stage)");
          }
          if (firstPaths.containsKey(stageName)) {
            problem(namePath, "duplicate stage name '" + stageName + "'; it is already defined at line "
                + document.locate(firstPaths.get(stageName)).line());
            continue;
          }
          firstPaths.put(stageName, namePath);
          stages.add(readStage(stageNode, stagePath, stageName, contextBase));
        }
      }

      boolean executionDefaulted = !node.has("execution");
      ExecutionGraph graph = executionDefaulted
          ? ExecutionGraph.sequential(stages.stream().map(Stage::name).toList())
          : execution(node.get("execution"), firstPaths.keySet());

      Map<String, Stage> byName = new LinkedHashMap<>();
      stages.forEach(s -> byName.put(s.name(), s));
      for (Stage stage : stages) {
        new ConfigVariableCheck(name, stage, byName, graph, problems).run(fieldsByStage.get(stage.name()));
      }
      return new Pipeline(name, path, blubber, directory, fetch, stages, graph, executionDefaulted, document);
    }

    private BlubberSource blubberSource(JsonNode value, String keyPath, String fallback) {
      if (value != null && value.isObject()) {
        return new BlubberSource.Inline(value, keyPath);
      }
      boolean defaulted = value == null || text(value) == null || text(value).isEmpty();
      String written = defaulted ? fallback : value.asString();
      if (written.startsWith("/")) {
        problem(keyPath, "'" + written + "' is an absolute path; blubberfile is a path relative to "
            + CONFIG_DIR + "/ in the repository");
        return new BlubberSource.File(written, written, keyPath, defaulted);
      }
      Optional<String> resolved = RepoPaths.resolve(CONFIG_DIR, written);
      if (resolved.isEmpty()) {
        problem(keyPath, "'" + written + "' is outside the repository (blubberfile is relative to "
            + CONFIG_DIR + "/)");
        return new BlubberSource.File(written, written, keyPath, defaulted);
      }
      return new BlubberSource.File(resolved.get(), written, keyPath, defaulted);
    }

    private String directory() {
      String keyPath = KeyPaths.child(path, "directory");
      String written = textOr(node.get("directory"), ".");
      if (written.startsWith("/")) {
        problem(keyPath, "'" + written + "' is an absolute path; directory is relative to the repository root");
        return written;
      }
      Optional<String> resolved = RepoPaths.resolve("", written);
      if (resolved.isEmpty()) {
        problem(keyPath, "'" + written + "' is outside the repository (directory is relative to the"
            + " repository root)");
        return written;
      }
      return resolved.get();
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

    private ExecutionGraph execution(JsonNode value, Set<String> stageNames) {
      String executionPath = KeyPaths.child(path, "execution");
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
              problem(KeyPaths.index(KeyPaths.index(executionPath, i), j),
                  "unknown stage '" + stage + "'; the stages of pipeline '" + name + "' are: "
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
      graph.findCycle().ifPresent(cycle -> problem(
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

    /** @param directory the pipeline directory, or null when it is invalid */
    private Stage readStage(JsonNode stage, String stagePath, String stageName, String directory) {
      List<TemplateField> fields = new ArrayList<>();
      fieldsByStage.put(stageName, fields);
      List<String> notes = new ArrayList<>();
      boolean shorthand = stage.size() == 1;

      Optional<BlubberSource> blubber = Optional.empty();
      if (stage.has("blubberfile")) {
        blubber = Optional.of(blubberSource(stage.get("blubberfile"), KeyPaths.child(stagePath, "blubberfile"),
            name + "/blubber.yaml"));
      }

      Optional<Build> build = readBuild(stage.get("build"), KeyPaths.child(stagePath, "build"), shorthand,
          directory, fields, notes);
      Optional<Run> run = readRun(stage.get("run"), KeyPaths.child(stagePath, "run"), shorthand, fields, notes);
      Optional<PublishImage> publish = readPublish(stage.get("publish"), KeyPaths.child(stagePath, "publish"),
          fields, notes);

      Map<String, String> exports = new LinkedHashMap<>();
      JsonNode exportsNode = stage.get("exports");
      if (exportsNode != null && exportsNode.isObject()) {
        String exportsPath = KeyPaths.child(stagePath, "exports");
        for (String key : exportsNode.propertyNames()) {
          String value = text(exportsNode.get(key));
          if (value != null) {
            exports.put(key, value);
            fields.add(new TemplateField(KeyPaths.child(exportsPath, key), value, "exports", false, Kind.PLAIN));
          }
        }
      }

      Optional<Notify> notify = readNotify(stage.get("notify"), KeyPaths.child(stagePath, "notify"), fields);

      List<UnexecutedStep> unexecuted = new ArrayList<>();
      for (String step : Stage.STEPS) {
        if (!List.of("copy", "promote", "deploy", "trigger").contains(step)) {
          continue;
        }
        JsonNode value = stage.get(step);
        if (truthy(value)) {
          String stepPath = KeyPaths.child(stagePath, step);
          unexecuted.add(new UnexecutedStep(step, value, stepPath));
          collectStrings(value, stepPath, step, fields);
        }
      }
      return new Stage(stageName, stagePath, blubber, build, run, publish, exports, notify, unexecuted, notes);
    }

    private Optional<Build> readBuild(
        JsonNode value, String buildPath, boolean shorthand, String directory, List<TemplateField> fields,
        List<String> notes) {
      String variant;
      String variantPath = buildPath;
      String context = ".";
      String contextPath = KeyPaths.child(buildPath, "context");
      boolean contextWritten = false;
      List<String> excludes = new ArrayList<>();
      Optional<String> pullPolicy = Optional.empty();
      if (shorthand) {
        variant = "${.stage}";
        fields.add(new TemplateField(buildPath, variant, "build", true, Kind.PLAIN));
      } else if (value == null || value.isBoolean() && !value.asBoolean()) {
        return Optional.empty();
      } else if (value.isString()) {
        if (value.asString().isEmpty()) {
          notes.add("'build' is empty: like PipelineLib, modelpipe builds nothing in this stage");
          return Optional.empty();
        }
        variant = value.asString();
        fields.add(new TemplateField(buildPath, variant, "build", false, Kind.PLAIN));
      } else if (value.isObject()) {
        if (value.isEmpty()) {
          notes.add("'build' is an empty mapping: like PipelineLib, modelpipe builds nothing in this stage");
          return Optional.empty();
        }
        variant = textOr(value.get("variant"), "${.stage}");
        if (value.has("variant")) {
          variantPath = KeyPaths.child(buildPath, "variant");
        }
        fields.add(new TemplateField(KeyPaths.child(buildPath, "variant"), variant, "build",
            !truthy(value.get("variant")), Kind.PLAIN));
        contextWritten = truthy(value.get("context")) && text(value.get("context")) != null;
        context = textOr(value.get("context"), ".");
        if (contextWritten) {
          fields.add(new TemplateField(contextPath, context, "build", false, Kind.PLAIN));
        }
        JsonNode excludesNode = value.get("excludes");
        if (excludesNode != null && excludesNode.isArray()) {
          for (int i = 0; i < excludesNode.size(); i++) {
            String exclude = text(excludesNode.get(i));
            if (exclude != null) {
              excludes.add(exclude);
              fields.add(new TemplateField(KeyPaths.index(KeyPaths.child(buildPath, "excludes"), i), exclude, "build",
                  false, Kind.PLAIN));
            }
          }
        }
        String policy = text(value.get("imagePullPolicy"));
        if (policy != null && !policy.isEmpty()) {
          pullPolicy = Optional.of(policy);
          fields.add(new TemplateField(KeyPaths.child(buildPath, "imagePullPolicy"), policy, "build", false, Kind.PLAIN));
        }
      } else {
        return Optional.empty(); // the schema reported it
      }
      Optional<String> resolvedContext = Optional.empty();
      if (directory != null && !RepoPaths.isUrl(context) && !context.contains("${")) {
        if (context.startsWith("/")) {
          problem(contextPath, "'" + context + "' is an absolute path; a build context is relative to the"
              + " pipeline directory");
        } else {
          resolvedContext = RepoPaths.resolve(directory, context);
          if (resolvedContext.isEmpty()) {
            problem(contextPath, "'" + context + "' is outside the repository (a build context is relative to"
                + " the pipeline directory '" + directory + "')");
          }
        }
      }
      return Optional.of(new Build(variant, context, resolvedContext, excludes, pullPolicy, buildPath, variantPath));
    }

    private Optional<Run> readRun(
        JsonNode value, String runPath, boolean shorthand, List<TemplateField> fields, List<String> notes) {
      String imagePath = KeyPaths.child(runPath, "image");
      if (shorthand || value != null && value.isBoolean() && value.asBoolean()) {
        fields.add(new TemplateField(imagePath, "${.imageID}", "run", true, Kind.PLAIN));
        return Optional.of(new Run("${.imageID}", List.of(), Map.of(), List.of(), 0, runPath));
      }
      if (value == null || !value.isObject()) {
        return Optional.empty(); // absent, false, or reported by the schema
      }
      if (value.isEmpty()) {
        notes.add("'run' is an empty mapping: like PipelineLib, modelpipe runs nothing in this stage");
        return Optional.empty();
      }
      String image = textOr(value.get("image"), "${.imageID}");
      fields.add(new TemplateField(imagePath, image, "run", !truthy(value.get("image")), Kind.PLAIN));
      List<String> arguments = new ArrayList<>();
      JsonNode argumentsNode = value.get("arguments");
      if (argumentsNode != null && argumentsNode.isArray()) {
        for (int i = 0; i < argumentsNode.size(); i++) {
          String argument = text(argumentsNode.get(i));
          if (argument != null) {
            arguments.add(argument);
            fields.add(new TemplateField(KeyPaths.index(KeyPaths.child(runPath, "arguments"), i), argument, "run",
                false, Kind.PLAIN));
          }
        }
      }
      Map<String, String> env = new LinkedHashMap<>();
      JsonNode envNode = value.get("env");
      if (envNode != null && envNode.isObject()) {
        for (String key : envNode.propertyNames()) {
          JsonNode envValue = envNode.get(key);
          if (envValue.isValueNode() && !envValue.isNull()) {
            env.put(key, envValue.asString());
            fields.add(new TemplateField(KeyPaths.child(KeyPaths.child(runPath, "env"), key), envValue.asString(), "run",
                false, Kind.PLAIN));
          }
        }
      }
      List<Run.Credential> credentials = new ArrayList<>();
      JsonNode credentialsNode = value.get("credentials");
      if (credentialsNode != null && credentialsNode.isArray()) {
        for (int i = 0; i < credentialsNode.size(); i++) {
          JsonNode credential = credentialsNode.get(i);
          String id = text(credential.get("id"));
          String credentialName = text(credential.get("name"));
          if (id != null && credentialName != null) {
            credentials.add(new Run.Credential(id, credentialName));
            String credentialPath = KeyPaths.index(KeyPaths.child(runPath, "credentials"), i);
            fields.add(new TemplateField(KeyPaths.child(credentialPath, "id"), id, "run", false, Kind.PLAIN));
            fields.add(new TemplateField(KeyPaths.child(credentialPath, "name"), credentialName, "run", false, Kind.PLAIN));
          }
        }
      }
      JsonNode tailNode = value.get("tail");
      int tail = tailNode != null && tailNode.isIntegralNumber() ? Math.max(0, tailNode.asInt()) : 0;
      return Optional.of(new Run(image, arguments, env, credentials, tail, runPath));
    }

    private Optional<PublishImage> readPublish(
        JsonNode value, String publishPath, List<TemplateField> fields, List<String> notes) {
      if (value == null || !value.isObject()) {
        return Optional.empty();
      }
      if (value.isEmpty()) {
        notes.add("'publish' is an empty mapping: nothing is published");
        return Optional.empty();
      }
      JsonNode image = value.get("image");
      String imagePath = KeyPaths.child(publishPath, "image");
      if (image == null || image.isBoolean() && !image.asBoolean()) {
        return Optional.empty();
      }
      if (image.isObject() && image.isEmpty()) {
        notes.add("'publish.image' is an empty mapping: like PipelineLib, modelpipe publishes nothing;"
            + " write 'image: true' for the defaults");
        return Optional.empty();
      }
      if (!image.isBoolean() && !image.isObject()) {
        return Optional.empty(); // the schema reported it
      }
      JsonNode settings = image.isObject() ? image : null;
      String id = field(settings, imagePath, "id", PublishImage.DEFAULT_ID, "publish", Kind.PLAIN, fields);
      String imageName = field(settings, imagePath, "name", PublishImage.DEFAULT_NAME, "publish",
          Kind.IMAGE_NAME, fields);
      String tag = field(settings, imagePath, "tag", PublishImage.DEFAULT_TAG, "publish", Kind.IMAGE_TAG,
          fields);
      List<String> tags = new ArrayList<>();
      JsonNode tagsNode = settings == null ? null : settings.get("tags");
      String tagsPath = KeyPaths.child(imagePath, "tags");
      if (truthy(tagsNode) && tagsNode.isArray()) {
        for (int i = 0; i < tagsNode.size(); i++) {
          String extra = text(tagsNode.get(i));
          if (extra != null) {
            tags.add(extra);
            fields.add(new TemplateField(KeyPaths.index(tagsPath, i), extra, "publish", false, Kind.IMAGE_TAG));
          }
        }
      } else {
        tags.addAll(PublishImage.DEFAULT_TAGS);
        PublishImage.DEFAULT_TAGS.forEach(t -> fields.add(new TemplateField(tagsPath, t, "publish", true, Kind.IMAGE_TAG)));
      }
      return Optional.of(new PublishImage(id, imageName, tag, tags, imagePath));
    }

    /** A string setting with a default for absent or empty values, recorded as a field. */
    private static String field(
        JsonNode settings, String parentPath, String key, String fallback, String step, Kind kind,
        List<TemplateField> fields) {
      JsonNode value = settings == null ? null : settings.get(key);
      boolean defaulted = !truthy(value) || text(value) == null;
      String result = defaulted ? fallback : value.asString();
      fields.add(new TemplateField(KeyPaths.child(parentPath, key), result, step, defaulted, kind));
      return result;
    }

    private static Optional<Notify> readNotify(JsonNode value, String notifyPath, List<TemplateField> fields) {
      if (value == null || !value.isObject() || value.get("email") == null || !value.get("email").isObject()) {
        return Optional.empty();
      }
      JsonNode email = value.get("email");
      String emailPath = KeyPaths.child(notifyPath, "email");
      List<String> to = new ArrayList<>();
      JsonNode toNode = email.get("to");
      if (toNode != null && toNode.isString()) {
        to.add(toNode.asString());
        fields.add(new TemplateField(KeyPaths.child(emailPath, "to"), toNode.asString(), "notify", false, Kind.PLAIN));
      } else if (toNode != null && toNode.isArray()) {
        for (int i = 0; i < toNode.size(); i++) {
          String recipient = text(toNode.get(i));
          if (recipient != null) {
            to.add(recipient);
            fields.add(new TemplateField(KeyPaths.index(KeyPaths.child(emailPath, "to"), i), recipient, "notify", false,
                Kind.PLAIN));
          }
        }
      }
      String subject = field(email, emailPath, "subject", Notify.DEFAULT_SUBJECT, "notify", Kind.PLAIN, fields);
      Optional<String> body = Optional.ofNullable(text(email.get("body"))).filter(b -> !b.isEmpty());
      body.ifPresent(b -> fields.add(new TemplateField(KeyPaths.child(emailPath, "body"), b, "notify", false, Kind.PLAIN)));
      return Optional.of(new Notify(to, subject, body, notifyPath));
    }

    /** Every string inside a step's value, so that its variables are checked too. */
    private static void collectStrings(JsonNode value, String keyPath, String step, List<TemplateField> fields) {
      if (value.isString()) {
        fields.add(new TemplateField(keyPath, value.asString(), step, false, Kind.PLAIN));
      } else if (value.isArray()) {
        for (int i = 0; i < value.size(); i++) {
          collectStrings(value.get(i), KeyPaths.index(keyPath, i), step, fields);
        }
      } else if (value.isObject()) {
        for (String key : value.propertyNames()) {
          collectStrings(value.get(key), KeyPaths.child(keyPath, key), step, fields);
        }
      }
    }
  }
}
