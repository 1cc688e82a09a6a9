package io.modelpipe.config;

import static io.modelpipe.config.ConfigNodes.text;
import static io.modelpipe.config.ConfigNodes.textOr;
import static io.modelpipe.config.ConfigNodes.truthy;

import io.modelpipe.config.TemplateField.Kind;
import io.modelpipe.yaml.KeyPaths;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Reads one stage's steps and applies PipelineLib's defaults ({@code PipelineStage.defaultConfig}).
 * Every string PipelineLib interpolates is kept as a {@link TemplateField}, for
 * {@link ConfigVariableCheck} once the whole pipeline is read.
 */
final class StageReader {

  /** A stage and the strings to check in it. */
  record Result(Stage stage, List<TemplateField> fields) {}

  /** Steps modelpipe reads but does not run, in PipelineLib's step order. */
  private static final List<String> UNEXECUTED_STEPS = List.of("copy", "promote", "deploy", "trigger");

  private final JsonNode node;
  private final String keyPath;
  private final String pipeline;
  private final String directory;
  private final ConfigProblems problems;
  private final List<TemplateField> fields = new ArrayList<>();
  private final List<String> notes = new ArrayList<>();

  private StageReader(
      JsonNode node, String keyPath, String pipeline, String directory, ConfigProblems problems) {
    this.node = node;
    this.keyPath = keyPath;
    this.pipeline = pipeline;
    this.directory = directory;
    this.problems = problems;
  }

  /**
   * @param node the stage's mapping, with a string {@code name}
   * @param keyPath its key path
   * @param pipeline the pipeline's name, which names the default Blubber file
   * @param directory the pipeline directory build contexts are relative to, or null when it is
   *     invalid (and reported)
   */
  static Result read(JsonNode node, String keyPath, String pipeline, String directory, ConfigProblems problems) {
    StageReader reader = new StageReader(node, keyPath, pipeline, directory, problems);
    return new Result(reader.read(), List.copyOf(reader.fields));
  }

  private Stage read() {
    // A stage with only a name builds the variant named like it and runs the image.
    boolean nameOnly = node.size() == 1;

    Optional<BlubberSource> blubber = Optional.empty();
    if (node.has("blubberfile")) {
      blubber = Optional.of(BlubberfileReader.read(node.get("blubberfile"), path("blubberfile"), pipeline, problems));
    }
    Optional<Build> build = readBuild(node.get("build"), path("build"), nameOnly);
    Optional<Run> run = readRun(node.get("run"), path("run"), nameOnly);
    Optional<PublishImage> publish = readPublish(node.get("publish"), path("publish"));
    Map<String, String> exports = readExports(node.get("exports"), path("exports"));
    Optional<Notify> notify = readNotify(node.get("notify"), path("notify"));

    List<UnexecutedStep> unexecuted = new ArrayList<>();
    for (String step : UNEXECUTED_STEPS) {
      JsonNode value = node.get(step);
      if (truthy(value)) {
        unexecuted.add(new UnexecutedStep(step, value, path(step)));
        collectStrings(value, path(step), step);
      }
    }
    return new Stage(node.get("name").asString(), keyPath, blubber, build, run, publish, exports, notify,
        unexecuted, notes);
  }

  private String path(String key) {
    return KeyPaths.child(keyPath, key);
  }

  private Optional<Build> readBuild(JsonNode value, String buildPath, boolean nameOnly) {
    String variant;
    String variantPath = buildPath;
    String context = ".";
    String contextPath = KeyPaths.child(buildPath, "context");
    List<String> excludes = List.of();
    Optional<String> pullPolicy = Optional.empty();
    if (nameOnly) {
      variant = "${.stage}";
      keep(buildPath, variant, "build", true, Kind.PLAIN);
    } else if (value == null || value.isBoolean() && !value.asBoolean()) {
      return Optional.empty();
    } else if (value.isString()) {
      if (value.asString().isEmpty()) {
        notes.add("'build' is empty: like PipelineLib, modelpipe builds nothing in this stage");
        return Optional.empty();
      }
      variant = value.asString();
      keepWritten(buildPath, variant, "build");
    } else if (value.isObject()) {
      if (value.isEmpty()) {
        notes.add("'build' is an empty mapping: like PipelineLib, modelpipe builds nothing in this stage");
        return Optional.empty();
      }
      variant = textOr(value.get("variant"), "${.stage}");
      if (value.has("variant")) {
        variantPath = KeyPaths.child(buildPath, "variant");
      }
      keep(KeyPaths.child(buildPath, "variant"), variant, "build",
          !truthy(value.get("variant")), Kind.PLAIN);
      context = textOr(value.get("context"), ".");
      if (truthy(value.get("context")) && text(value.get("context")) != null) {
        keepWritten(contextPath, context, "build");
      }
      excludes = strings(value.get("excludes"), KeyPaths.child(buildPath, "excludes"), "build", Kind.PLAIN);
      String policy = text(value.get("imagePullPolicy"));
      if (policy != null && !policy.isEmpty()) {
        pullPolicy = Optional.of(policy);
        keepWritten(KeyPaths.child(buildPath, "imagePullPolicy"), policy, "build");
      }
    } else {
      return Optional.empty(); // the schema reported it
    }
    Optional<String> resolvedContext = Optional.empty();
    if (directory != null && !RepoPaths.isUrl(context) && !context.contains("${")) {
      resolvedContext = RepoPaths.resolveWritten(directory, context, contextPath,
          "a build context is relative to the pipeline directory",
          "a build context is relative to the pipeline directory '" + directory + "'", problems);
    }
    return Optional.of(new Build(variant, context, resolvedContext, excludes, pullPolicy, buildPath, variantPath));
  }

  private Optional<Run> readRun(JsonNode value, String runPath, boolean nameOnly) {
    String imagePath = KeyPaths.child(runPath, "image");
    if (nameOnly || value != null && value.isBoolean() && value.asBoolean()) {
      keep(imagePath, "${.imageID}", "run", true, Kind.PLAIN);
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
    keep(imagePath, image, "run", !truthy(value.get("image")), Kind.PLAIN);
    List<String> arguments = strings(value.get("arguments"), KeyPaths.child(runPath, "arguments"), "run", Kind.PLAIN);
    Map<String, String> env = new LinkedHashMap<>();
    JsonNode envNode = value.get("env");
    if (envNode != null && envNode.isObject()) {
      for (String key : envNode.propertyNames()) {
        JsonNode envValue = envNode.get(key);
        if (envValue.isValueNode() && !envValue.isNull()) {
          env.put(key, envValue.asString());
          keepWritten(KeyPaths.child(KeyPaths.child(runPath, "env"), key), envValue.asString(), "run");
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
          keepWritten(KeyPaths.child(credentialPath, "id"), id, "run");
          keepWritten(KeyPaths.child(credentialPath, "name"), credentialName, "run");
        }
      }
    }
    JsonNode tailNode = value.get("tail");
    int tail = tailNode != null && tailNode.isIntegralNumber() ? Math.max(0, tailNode.asInt()) : 0;
    return Optional.of(new Run(image, arguments, env, credentials, tail, runPath));
  }

  private Optional<PublishImage> readPublish(JsonNode value, String publishPath) {
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
    String id = setting(settings, imagePath, "id", PublishImage.DEFAULT_ID, "publish", Kind.PLAIN);
    String imageName = setting(settings, imagePath, "name", PublishImage.DEFAULT_NAME, "publish", Kind.IMAGE_NAME);
    String tag = setting(settings, imagePath, "tag", PublishImage.DEFAULT_TAG, "publish", Kind.IMAGE_TAG);
    List<String> tags;
    JsonNode tagsNode = settings == null ? null : settings.get("tags");
    String tagsPath = KeyPaths.child(imagePath, "tags");
    if (truthy(tagsNode) && tagsNode.isArray()) {
      tags = strings(tagsNode, tagsPath, "publish", Kind.IMAGE_TAG);
    } else {
      tags = PublishImage.DEFAULT_TAGS;
      tags.forEach(t -> keep(tagsPath, t, "publish", true, Kind.IMAGE_TAG));
    }
    return Optional.of(new PublishImage(id, imageName, tag, tags, imagePath));
  }

  private Map<String, String> readExports(JsonNode value, String exportsPath) {
    Map<String, String> exports = new LinkedHashMap<>();
    if (value != null && value.isObject()) {
      for (String key : value.propertyNames()) {
        JsonNode exported = value.get(key);
        // PipelineLib binds a number or a boolean as it is; in a string it reads as its text.
        String template = exported.isNull() ? "" // PipelineLib binds null, which variables read as nothing
            : exported.isNumber() || exported.isBoolean() ? exported.asString() : text(exported);
        if (template != null) {
          exports.put(key, template);
          keepWritten(KeyPaths.child(exportsPath, key), template, "exports");
        }
      }
    }
    return exports;
  }

  private Optional<Notify> readNotify(JsonNode value, String notifyPath) {
    if (value == null || !value.isObject() || value.get("email") == null || !value.get("email").isObject()) {
      return Optional.empty();
    }
    JsonNode email = value.get("email");
    String emailPath = KeyPaths.child(notifyPath, "email");
    List<String> to;
    JsonNode toNode = email.get("to");
    if (toNode != null && toNode.isString()) {
      to = List.of(toNode.asString());
      keepWritten(KeyPaths.child(emailPath, "to"), toNode.asString(), "notify");
    } else {
      to = strings(toNode, KeyPaths.child(emailPath, "to"), "notify", Kind.PLAIN);
    }
    String subject = setting(email, emailPath, "subject", Notify.DEFAULT_SUBJECT, "notify", Kind.PLAIN);
    Optional<String> body = Optional.ofNullable(text(email.get("body"))).filter(b -> !b.isEmpty());
    body.ifPresent(b -> keepWritten(KeyPaths.child(emailPath, "body"), b, "notify"));
    return Optional.of(new Notify(to, subject, body, notifyPath));
  }

  /** A string setting with a default for absent or empty values. */
  private String setting(
      JsonNode settings, String parentPath, String key, String fallback, String step, Kind kind) {
    JsonNode value = settings == null ? null : settings.get(key);
    boolean defaulted = !truthy(value) || text(value) == null;
    String result = defaulted ? fallback : value.asString();
    keep(KeyPaths.child(parentPath, key), result, step, defaulted, kind);
    return result;
  }

  /** The strings of a list; other items were reported by the schema. */
  private List<String> strings(JsonNode list, String listPath, String step, Kind kind) {
    List<String> values = new ArrayList<>();
    if (list != null && list.isArray()) {
      for (int i = 0; i < list.size(); i++) {
        String value = text(list.get(i));
        if (value != null) {
          values.add(value);
          keep(KeyPaths.index(listPath, i), value, step, false, kind);
        }
      }
    }
    return values;
  }

  /** Every string inside a step's value, so that its variables are checked too. */
  private void collectStrings(JsonNode value, String valuePath, String step) {
    if (value.isString()) {
      keepWritten(valuePath, value.asString(), step);
    } else if (value.isArray()) {
      for (int i = 0; i < value.size(); i++) {
        collectStrings(value.get(i), KeyPaths.index(valuePath, i), step);
      }
    } else if (value.isObject()) {
      for (String key : value.propertyNames()) {
        collectStrings(value.get(key), KeyPaths.child(valuePath, key), step);
      }
    }
  }

  /** Keeps a string PipelineLib interpolates, for the variable check. */
  private void keep(String fieldPath, String template, String step, boolean defaulted, Kind kind) {
    fields.add(new TemplateField(fieldPath, template, step, defaulted, kind));
  }

  /** Keeps a plain string as written in the config. */
  private void keepWritten(String fieldPath, String template, String step) {
    keep(fieldPath, template, step, false, Kind.PLAIN);
  }
}
