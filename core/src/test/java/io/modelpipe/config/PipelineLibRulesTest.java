package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.YamlDocument;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The rows of README's table "PipelineLib keys: null, empty, missing, scalar for a list, number
 * for a string": what PipelineLib's schema (checked with ajv before the file is read) and its
 * {@code PipelineStage.defaultConfig} make of each, one test per key.
 */
public class PipelineLibRulesTest {

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigReader.parse(YamlDocument.parse(PipelineConfigReader.CONFIG_FILE, yaml));
  }

  private static Pipeline pipeline(String pipelineYaml) {
    return parse("pipelines:\n  p:\n" + pipelineYaml).pipeline("p").orElseThrow();
  }

  private static Stage stage(String stageYaml) {
    return pipeline("    stages:\n      - name: s\n" + stageYaml).stages().get(0);
  }

  /** The messages of the problems, without their location. */
  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
      fail("expected problems");
      return List.of();
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(d -> d.keyPath() + ": " + d.message()).toList();
    }
  }

  private static List<String> stageProblems(String stageYaml) {
    return problems("pipelines:\n  p:\n    stages:\n      - name: s\n" + stageYaml);
  }

  private static List<String> warnings(String yaml) {
    return parse(yaml).warnings().stream().map(Diagnostic::format).toList();
  }

  @Test
  public void pipelines() {
    assertEquals(List.of("pipelines: expected a mapping, found null"), problems("pipelines:\n"));
    assertEquals(List.of("pipelines: expected a mapping, found a list"), problems("pipelines: [a]\n"));
    assertEquals(List.of(": missing required key 'pipelines'", "other: unknown key 'other'"), problems("other: 1\n"));
    // {} is valid for PipelineLib, which then runs nothing
    assertEquals(List.of(), parse("pipelines: {}\n").names());
    assertEquals(List.of(".pipeline/config.yaml:1:12: pipelines: no pipelines are defined: PipelineLib runs nothing"),
        warnings("pipelines: {}\n"));
  }

  @Test
  public void unknownKeysAtTheTopAndInAPipelineAreIgnoredWithAWarning() {
    String yaml = "x-defaults: {a: 1}\npipelines:\n  p:\n    blubberfiles: x.yaml\n    stages: [{name: s}]\n";
    assertEquals(List.of(
            ".pipeline/config.yaml:1:1: x-defaults: unknown key 'x-defaults'; PipelineLib ignores it",
            ".pipeline/config.yaml:4:5: pipelines.p.blubberfiles: unknown key 'blubberfiles'; did you mean"
                + " 'blubberfile'?; PipelineLib ignores it"),
        warnings(yaml));
    // the misspelt key does nothing: the default Blubber file applies
    assertEquals("p/blubber.yaml", parse(yaml).pipeline("p").orElseThrow().blubber().displayName()
        .replace(".pipeline/", ""));
    // unknown keys of a stage stay errors: PipelineLib's schema forbids them
    assertEquals(List.of("pipelines.p.stages[0].bild: unknown key 'bild'; did you mean 'build'?"),
        stageProblems("        bild: x\n"));
  }

  @Test
  public void pipelineEntry() {
    assertEquals(List.of("pipelines.p: expected a mapping, found null"), problems("pipelines:\n  p:\n"));
    assertEquals(List.of("pipelines.p: missing required key 'stages'"), problems("pipelines:\n  p: {}\n"));
    assertEquals(List.of("pipelines.p: expected a mapping, found integer 1"), problems("pipelines:\n  p: 1\n"));
  }

  @Test
  public void blubberfile() {
    String stages = "    stages: [{name: s}]\n";
    assertEquals("p/blubber.yaml", pipeline(stages).blubber().displayName().replace(".pipeline/", ""));
    assertEquals("p/blubber.yaml", pipeline("    blubberfile: ''\n" + stages).blubber().displayName().replace(".pipeline/", ""));
    // an empty mapping is Groovy-false too: the default file, not an empty inline document
    assertTrue(pipeline("    blubberfile: {}\n" + stages).blubber() instanceof BlubberSource.File);
    assertEquals(List.of("pipelines.p.blubberfile: expected a string or a mapping, found null"),
        problems("pipelines:\n  p:\n    blubberfile:\n" + stages));
    assertEquals(List.of("pipelines.p.blubberfile: expected a string or a mapping, found integer 1"),
        problems("pipelines:\n  p:\n    blubberfile: 1\n" + stages));
  }

  @Test
  public void directory() {
    String stages = "    stages: [{name: s}]\n";
    assertEquals(".", pipeline(stages).directory());
    assertEquals(".", pipeline("    directory: ''\n" + stages).directory());
    assertEquals(List.of("pipelines.p.directory: expected a string, found null"),
        problems("pipelines:\n  p:\n    directory:\n" + stages));
    assertEquals(List.of("pipelines.p.directory: expected a string, found integer 3"),
        problems("pipelines:\n  p:\n    directory: 3\n" + stages));
  }

  @Test
  public void stages() {
    assertEquals(List.of(), pipeline("    stages: []\n").stages());
    assertEquals(List.of(".pipeline/config.yaml:3:13: pipelines.p.stages: no stages are defined: PipelineLib runs"
        + " nothing in this pipeline"), warnings("pipelines:\n  p:\n    stages: []\n"));
    assertEquals(List.of("pipelines.p.stages: expected a list, found null"), problems("pipelines:\n  p:\n    stages:\n"));
    assertEquals(List.of("pipelines.p.stages: expected a list, found 's'"), problems("pipelines:\n  p:\n    stages: s\n"));
  }

  @Test
  public void stageName() {
    // PipelineLib's schema sets no pattern: dots and spaces are names too
    assertEquals("run.test", stage("").name().equals("s") ? pipeline("    stages: [{name: run.test}]\n").stages().get(0).name() : "");
    assertEquals(List.of("pipelines.p.stages[0].name: found an empty string; expected a value"), problems("pipelines:\n  p:\n    stages: [{name: ''}]\n"));
    assertEquals(List.of("pipelines.p.stages[0].name: expected a string, found integer 1"),
        problems("pipelines:\n  p:\n    stages: [{name: 1}]\n"));
    assertEquals(List.of("pipelines.p.stages[0].name: expected a string, found null"),
        problems("pipelines:\n  p:\n    stages: [{name: }]\n"));
  }

  @Test
  public void execution() {
    String stages = "    stages: [{name: a}, {name: b}]\n";
    // missing and [] both mean the stages in order (`execution ?: [stage names]`)
    assertEquals(List.of(List.of("a"), List.of("b")), pipeline(stages).execution().frames());
    assertEquals(List.of(List.of("a"), List.of("b")), pipeline(stages + "    execution: []\n").execution().frames());
    // an empty arc runs nothing
    assertEquals(List.of(), pipeline(stages + "    execution: [[]]\n").execution().frames());
    assertEquals(List.of("pipelines.p.execution: expected a list, found null"),
        problems("pipelines:\n  p:\n" + stages + "    execution:\n"));
    assertEquals(List.of("pipelines.p.execution[0]: expected a list, found 'a'"),
        problems("pipelines:\n  p:\n" + stages + "    execution: [a]\n"));
    assertEquals(List.of("pipelines.p.execution[0][0]: expected a string, found integer 1"),
        problems("pipelines:\n  p:\n" + stages + "    execution: [[1]]\n"));
  }

  @Test
  public void build() {
    assertTrue(stage("        build: ''\n").build().isEmpty());
    assertTrue(stage("        build: {}\n").build().isEmpty());
    assertEquals("${.stage}", stage("        build: {context: .}\n").build().orElseThrow().variant());
    assertEquals("${.stage}", stage("        build: {variant: ''}\n").build().orElseThrow().variant());
    assertEquals(".", stage("        build: {variant: v, context: ''}\n").build().orElseThrow().context());
    assertEquals(List.of("pipelines.p.stages[0].build: expected a string or a mapping, found null"),
        stageProblems("        build:\n"));
    assertEquals(List.of("pipelines.p.stages[0].build: expected a string or a mapping, found integer 1"),
        stageProblems("        build: 1\n"));
    assertEquals(List.of("pipelines.p.stages[0].build.variant: expected a string, found integer 2"),
        stageProblems("        build: {variant: 2}\n"));
    assertEquals(List.of("pipelines.p.stages[0].build.excludes: expected a list, found '*.md'"),
        stageProblems("        build: {variant: v, excludes: '*.md'}\n"));
    assertEquals(List.of(), stage("        build: {variant: v, excludes: []}\n").build().orElseThrow().excludes());
  }

  @Test
  public void run() {
    assertTrue(stage("        build: b\n        run: false\n").run().isEmpty());
    assertTrue(stage("        build: b\n        run: {}\n").run().isEmpty());
    Run defaults = stage("        build: b\n        run: {image: '', arguments: [], env: {}, credentials: []}\n")
        .run().orElseThrow();
    assertEquals(new Run("${.imageID}", List.of(), Map.of(), List.of(), 0, "pipelines.p.stages[0].run"), defaults);
    // YAML 1.2: `yes` is a string, which PipelineLib's schema rejects
    assertEquals(List.of("pipelines.p.stages[0].run: expected a boolean or a mapping, found 'yes'"),
        stageProblems("        run: yes\n"));
    assertEquals(List.of("pipelines.p.stages[0].run: expected a boolean or a mapping, found null"),
        stageProblems("        run:\n"));
    assertEquals(List.of("pipelines.p.stages[0].run.arguments: expected a list, found '-x'"),
        stageProblems("        build: b\n" + "        run: {arguments: -x}\n"));
    assertEquals(List.of("pipelines.p.stages[0].run.arguments[0]: expected a string, found integer 1"),
        stageProblems("        build: b\n" + "        run: {arguments: [1]}\n"));
    // env values must be strings: PipelineLib's schema has no number there
    assertEquals(List.of("pipelines.p.stages[0].run.env.PORT: expected a string, found integer 8080",
            "pipelines.p.stages[0].run.env.PROXY: expected a string, found null"),
        stageProblems("        build: b\n" + "        run: {env: {PORT: 8080, PROXY: }}\n"));
    assertEquals(List.of("pipelines.p.stages[0].run.tail: expected an integer, found '5'"),
        stageProblems("        build: b\n" + "        run: {tail: '5'}\n"));
    assertEquals(List.of("pipelines.p.stages[0].run.credentials: expected a list, found a mapping"),
        stageProblems("        build: b\n" + "        run: {credentials: {id: a, name: B}}\n"));
  }

  @Test
  public void publishImage() {
    assertTrue(stage("        build: b\n        publish: {image: {}}\n").publishImage().isEmpty());
    assertTrue(stage("        build: b\n        publish: {image: false}\n").publishImage().isEmpty());
    PublishImage empty = stage("        build: b\n        publish:\n          image: {name: '', tag: '', tags: []}\n")
        .publishImage().orElseThrow();
    assertEquals(PublishImage.DEFAULT_NAME, empty.name());
    assertEquals(PublishImage.DEFAULT_TAG, empty.tag());
    // [] is Groovy-false: the default ['${setup.tag}'], not no tags
    assertEquals(PublishImage.DEFAULT_TAGS, empty.tags());
    assertEquals(List.of("pipelines.p.stages[0].publish.image.tags: expected a list, found 'stable'"),
        stageProblems("        build: b\n" + "        publish: {image: {tags: stable}}\n"));
    assertEquals(List.of("pipelines.p.stages[0].publish.image.tag: expected a string, found number 1.0"),
        stageProblems("        build: b\n" + "        publish: {image: {tag: 1.0}}\n"));
    assertEquals(List.of("pipelines.p.stages[0].publish.image.tags[0]: expected a string, found integer 2"),
        stageProblems("        build: b\n" + "        publish: {image: {tags: [2]}}\n"));
    assertEquals(List.of("pipelines.p.stages[0].publish.image.name: expected a string, found null"),
        stageProblems("        build: b\n" + "        publish: {image: {name: }}\n"));
  }

  @Test
  public void exports() {
    Map<String, String> exports = stage("        exports: {n: 1, b: true, e: '', z: }\n").exports();
    assertEquals(Map.of("n", "1", "b", "true", "e", "", "z", ""), exports);
    assertEquals(List.of("pipelines.p.stages[0].exports.l: expected a string or a number or a boolean or null, found a list"),
        stageProblems("        exports: {l: [1]}\n"));
  }

  @Test
  public void notifyEmail() {
    assertEquals(List.of("a@example.org"),
        stage("        notify: {email: {to: a@example.org}}\n").notification().orElseThrow().emailTo());
    // PipelineLib's schema does not require `to`
    assertEquals(List.of(), stage("        notify: {email: {subject: x}}\n").notification().orElseThrow().emailTo());
    assertEquals(List.of("pipelines.p.stages[0].notify.email.to: expected a string or a list, found integer 1"),
        stageProblems("        notify: {email: {to: 1}}\n"));
  }

  @Test
  public void unexecutedSteps() {
    // promote is a list in PipelineLib's schema; `true` is rejected there
    assertEquals(List.of("pipelines.p.stages[0].promote: expected a list, found boolean true"),
        stageProblems("        promote: true\n"));
    assertTrue(stage("        build: b\n        promote: []\n        copy: []\n").unexecuted().isEmpty());
    // deploy.chart takes keys the schema does not list; trigger.name may be empty (the step is then skipped)
    assertEquals(2, stage("        deploy: {chart: {name: c, repo: x}}\n        trigger: {name: ''}\n").unexecuted().size());
  }

  @Test
  public void pipelineNotifyIsRead() {
    assertEquals(List.of(), warnings("pipelines:\n  p:\n    notify: {email: {to: [a@example.org]}}\n    stages: [{name: s}]\n"));
  }
}
