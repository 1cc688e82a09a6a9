package io.modelpipe.config;

import io.modelpipe.yaml.KeyPaths;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * One stage of a pipeline with PipelineLib's defaults applied ({@code PipelineStage.defaultConfig}):
 * a stage with only a name builds the variant named like the stage and runs it.
 *
 * <p>Steps run in PipelineLib's order: build, run, copy, publish, promote, deploy, exports, trigger.
 *
 * @param name the stage name
 * @param keyPath key path of the stage's mapping, e.g. {@code pipelines.outlink.stages[1]}
 * @param blubber a stage-level {@code blubberfile} overriding the pipeline's, if any
 * @param build the build step, if any
 * @param run the run step, if any
 * @param publishImage the publish.image step, if any
 * @param exports extra values the stage binds, name to template, in config order
 * @param notification the {@code notify} settings (email on failure), if any
 * @param unexecuted steps modelpipe parses but does not execute, in PipelineLib's step order
 * @param notes remarks on how the stage was read (empty steps PipelineLib ignores, for one)
 */
public record Stage(
    String name,
    String keyPath,
    Optional<BlubberSource> blubber,
    Optional<Build> build,
    Optional<Run> run,
    Optional<PublishImage> publishImage,
    Map<String, String> exports,
    Optional<Notify> notification,
    List<UnexecutedStep> unexecuted,
    List<String> notes) {

  /** PipelineLib's step order. */
  public static final List<String> STEPS =
      List.of("build", "run", "copy", "publish", "promote", "deploy", "exports", "trigger");

  /** Names PipelineLib's {@code publish.image} step binds. */
  public static final List<String> PUBLISH_BINDINGS =
      List.of("imageName", "imageFullName", "imageTag", "imageTags", "publishedImage");

  public Stage {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(keyPath, "keyPath");
    Objects.requireNonNull(blubber, "blubber");
    Objects.requireNonNull(build, "build");
    Objects.requireNonNull(run, "run");
    Objects.requireNonNull(publishImage, "publishImage");
    exports = Collections.unmodifiableMap(new LinkedHashMap<>(exports));
    Objects.requireNonNull(notification, "notification");
    unexecuted = List.copyOf(unexecuted);
    notes = List.copyOf(notes);
  }

  /** Key path of one of the stage's keys, e.g. {@code keyPath("build")}. */
  public String keyPath(String key) {
    return KeyPaths.child(keyPath, key);
  }

  /** The unexecuted step of that name, if the stage has it. */
  public Optional<UnexecutedStep> unexecuted(String step) {
    return unexecuted.stream().filter(s -> s.step().equals(step)).findFirst();
  }

  /**
   * The names the stage binds for itself and its descendants ({@code ${.NAME}},
   * {@code ${STAGE.NAME}}), each with the step that binds it.
   */
  public Map<String, String> bindings() {
    Map<String, String> names = new LinkedHashMap<>();
    names.put("stage", "");
    build.ifPresent(b -> {
      names.put("imageID", "build");
      names.put("imageLocalName", "build");
    });
    run.ifPresent(r -> {
      names.put("container", "run");
      names.put("output", "run");
    });
    publishImage.ifPresent(p -> PUBLISH_BINDINGS.forEach(n -> names.put(n, "publish")));
    unexecuted("deploy").ifPresent(d -> names.put("releaseName", "deploy"));
    exports.keySet().forEach(n -> names.putIfAbsent(n, "exports"));
    return Collections.unmodifiableMap(names);
  }

  /** The names of {@link #bindings()}. */
  public Set<String> boundNames() {
    return Collections.unmodifiableSet(new LinkedHashSet<>(bindings().keySet()));
  }
}
