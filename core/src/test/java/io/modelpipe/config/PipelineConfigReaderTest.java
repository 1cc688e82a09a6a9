package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class PipelineConfigReaderTest {

  static final Path LIFTWING = Path.of("src/test/resources/config/liftwing");

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigReader.parse(YamlDocument.parse(PipelineConfigReader.CONFIG_FILE, yaml));
  }

  private static Stage onlyStage(String stageYaml) {
    return parse("pipelines:\n  p:\n    stages:\n" + stageYaml).pipeline("p").orElseThrow().stages().get(0);
  }

  private static List<String> problems(String yaml) {
    try {
      parse(yaml);
      fail("expected problems");
      return List.of();
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
  }

  @Test
  public void readsTheLiftwingShapedRepository() {
    PipelineConfig config = PipelineConfigReader.read(LIFTWING);
    assertEquals(List.of("outlink", "outlink-publish"), config.names());

    Pipeline outlink = config.pipeline("outlink").orElseThrow();
    assertEquals(new BlubberSource.File(".pipeline/outlink/blubber.yaml", "outlink/blubber.yaml",
        "pipelines.outlink.blubberfile", false), outlink.blubber());
    assertEquals(".", outlink.directory());
    assertEquals(List.of("run-test", "production"), outlink.stages().stream().map(Stage::name).toList());
    assertTrue(outlink.executionDefaulted());
    assertEquals(List.of(List.of("run-test"), List.of("production")), outlink.execution().frames());

    Stage runTest = outlink.stage("run-test").orElseThrow();
    assertEquals("test", runTest.build().orElseThrow().variant());
    assertEquals("${.imageID}", runTest.run().orElseThrow().image());
    assertTrue(outlink.stage("production").orElseThrow().run().isEmpty());

    Stage publish = config.pipeline("outlink-publish").orElseThrow().stage("publish").orElseThrow();
    PublishImage image = publish.publishImage().orElseThrow();
    assertEquals("${setup.project}-outlink", image.name());
    assertEquals(List.of("stable"), image.tags());
    assertEquals(PublishImage.DEFAULT_ID, image.id());
    assertEquals(PublishImage.DEFAULT_TAG, image.tag());
  }

  @Test
  public void keyPathsLocateEveryStepForLaterDiagnostics() {
    PipelineConfig config = PipelineConfigReader.read(LIFTWING);
    Pipeline outlink = config.pipeline("outlink").orElseThrow();
    Stage production = outlink.stage("production").orElseThrow();
    assertEquals("pipelines.outlink.stages[1]", production.keyPath());
    Build build = production.build().orElseThrow();
    assertEquals(new Location(".pipeline/config.yaml", 11, 16), outlink.locate(build.variantKeyPath()));
    assertEquals(new Location(".pipeline/config.yaml", 10, 9), outlink.locate(production.keyPath()));
    assertEquals(new Location(".pipeline/config.yaml", 5, 18), outlink.locate(outlink.blubber().keyPath()));
    Diagnostic diagnostic = outlink.document().problemAt(build.variantKeyPath(),
        "variant 'production' not found in " + outlink.blubberFor(production).displayName());
    assertEquals(".pipeline/config.yaml:11:16: pipelines.outlink.stages[1].build: variant 'production' not found"
        + " in .pipeline/outlink/blubber.yaml", diagnostic.format());
  }

  @Test
  public void aStageWithOnlyANameBuildsAndRunsItsOwnVariant() {
    Stage stage = onlyStage("      - name: lint\n");
    Build build = stage.build().orElseThrow();
    assertEquals("${.stage}", build.variant());
    assertEquals(".", build.context());
    assertEquals(Optional.of("."), build.contextPath());
    Run run = stage.run().orElseThrow();
    assertEquals("${.imageID}", run.image());
    assertEquals(List.of(), run.arguments());
    assertEquals(Map.of(), run.env());
    assertEquals(0, run.tail());
    assertTrue(stage.publishImage().isEmpty());
  }

  @Test
  public void buildAloneDefaultsVariantAndContext() {
    Build shortForm = onlyStage("      - name: x\n        build: production\n").build().orElseThrow();
    assertEquals("production", shortForm.variant());
    assertEquals(".", shortForm.context());
    Build longForm = onlyStage("      - name: x\n        build:\n          excludes: [docs]\n").build().orElseThrow();
    assertEquals("${.stage}", longForm.variant());
    assertEquals("pipelines.p.stages[0].build", longForm.variantKeyPath());
    assertEquals("pipelines.p.stages[0].build.variant",
        onlyStage("      - name: x\n        build: {variant: v}\n").build().orElseThrow().variantKeyPath());
    assertEquals(".", longForm.context());
    assertEquals(List.of("docs"), longForm.excludes());
    Build empty = onlyStage("      - name: x\n        build:\n          variant: ''\n          context: ''\n"
        + "          imagePullPolicy: always\n").build().orElseThrow();
    assertEquals("${.stage}", empty.variant()); // Groovy's ?: treats '' as absent
    assertEquals(".", empty.context());
    assertEquals(Optional.of("always"), empty.imagePullPolicy());
  }

  @Test
  public void aStageWithOtherKeysDoesNotBuildOrRunByDefault() {
    Stage stage = onlyStage("      - name: x\n        exports:\n          a: b\n");
    assertTrue(stage.build().isEmpty());
    assertTrue(stage.run().isEmpty());
    assertEquals(Map.of("a", "b"), stage.exports());
  }

  @Test
  public void buildContextIsRelativeToThePipelineDirectory() {
    PipelineConfig config = parse("pipelines:\n  p:\n    directory: revscoring/editquality/\n    stages:\n"
        + "      - name: a\n        build:\n          context: ../../shared\n"
        + "      - name: b\n        build:\n          context: https://example.org/ctx.tar.gz\n");
    Pipeline pipeline = config.pipeline("p").orElseThrow();
    assertEquals("revscoring/editquality", pipeline.directory());
    assertEquals(Optional.of("shared"), pipeline.stages().get(0).build().orElseThrow().contextPath());
    assertEquals(Optional.empty(), pipeline.stages().get(1).build().orElseThrow().contextPath());
  }

  @Test
  public void runTrueAndRunMappingDefaults() {
    Run run = onlyStage("      - name: x\n        build: b\n        run: true\n").run().orElseThrow();
    assertEquals(new Run("${.imageID}", List.of(), Map.of(), List.of(), 0, "pipelines.p.stages[0].run"), run);
    Run full = onlyStage("      - name: x\n        build: b\n        run:\n          arguments: [-x, '${setup.commit}']\n"
        + "          env: {A: '1', PORT: '8080', DEBUG: 'true'}\n"
        + "          credentials: [{id: sonar, name: SONAR_TOKEN}]\n          tail: 20\n").run().orElseThrow();
    assertEquals("${.imageID}", full.image());
    assertEquals(List.of("-x", "${setup.commit}"), full.arguments());
    assertEquals(List.of("A", "PORT", "DEBUG"), List.copyOf(full.env().keySet()));
    assertEquals("8080", full.env().get("PORT"));
    assertEquals("true", full.env().get("DEBUG"));
    assertEquals(List.of(new Run.Credential("sonar", "SONAR_TOKEN")), full.credentials());
    assertEquals(20, full.tail());
    assertTrue(onlyStage("      - name: x\n        build: b\n        run: false\n").run().isEmpty());
  }

  @Test
  public void emptyStepsAreIgnoredLikePipelineLibAndSaySo() {
    Stage stage = onlyStage("      - name: x\n        build: {}\n        run: {}\n        publish:\n          image: {}\n");
    assertTrue(stage.build().isEmpty());
    assertTrue(stage.run().isEmpty());
    assertTrue(stage.publishImage().isEmpty());
    assertEquals(3, stage.notes().size());
    assertTrue(stage.notes().get(1), stage.notes().get(1).startsWith("'run' is an empty mapping"));
  }

  @Test
  public void publishImageTrueTakesEveryDefault() {
    PublishImage image = onlyStage("      - name: x\n        build: p\n        publish:\n          image: true\n")
        .publishImage().orElseThrow();
    assertEquals("${.imageID}", image.id());
    assertEquals("${setup.project}", image.name());
    assertEquals("${setup.timestamp}-${.stage}", image.tag());
    assertEquals(List.of("${setup.tag}"), image.tags());
    assertEquals("pipelines.p.stages[0].publish.image", image.keyPath());
  }

  @Test
  public void publishImageTagsDefaultAlsoWhenEmpty() {
    PublishImage image = onlyStage("      - name: x\n        build: p\n        publish:\n          image:\n"
        + "            tag: ''\n            tags: []\n").publishImage().orElseThrow();
    assertEquals(List.of("${setup.tag}"), image.tags());
    assertEquals(PublishImage.DEFAULT_TAG, image.tag());
    PublishImage given = onlyStage("      - name: x\n        build: p\n        publish:\n          image:\n"
        + "            id: '${.imageID}'\n            tag: v1\n            tags: [stable, '']\n")
        .publishImage().orElseThrow();
    assertEquals("v1", given.tag());
    assertEquals(List.of("stable", ""), given.tags()); // the empty one is dropped when resolved
  }

  @Test
  public void blubberfileDefaultsAndForms() {
    Pipeline defaulted = parse("pipelines:\n  outlink:\n    stages: [{name: a}]\n").pipeline("outlink").orElseThrow();
    assertEquals(new BlubberSource.File(".pipeline/outlink/blubber.yaml", "outlink/blubber.yaml",
        "pipelines.outlink.blubberfile", true), defaulted.blubber());
    Pipeline atRoot = parse("pipelines:\n  p:\n    blubberfile: ../blubber.yaml\n    stages: [{name: a}]\n")
        .pipeline("p").orElseThrow();
    assertEquals("blubber.yaml", atRoot.blubber().displayName());
    Pipeline inline = parse("pipelines:\n  p:\n    blubberfile:\n      version: v4\n      variants: {a: {}}\n"
        + "    stages:\n      - name: a\n        blubberfile: other.yaml\n      - name: b\n")
        .pipeline("p").orElseThrow();
    BlubberSource.Inline source = (BlubberSource.Inline) inline.blubber();
    assertEquals("pipelines.p.blubberfile", source.keyPath());
    assertEquals("v4", source.node().get("version").asString());
    assertEquals(".pipeline/config.yaml (inline at pipelines.p.blubberfile)", source.displayName());
    assertEquals(".pipeline/other.yaml", inline.blubberFor(inline.stages().get(0)).displayName());
    assertEquals(source, inline.blubberFor(inline.stages().get(1)));
  }

  @Test
  public void executionArcsAndStagesLeftOut() {
    Pipeline pipeline = parse("pipelines:\n  p:\n    fetch: {depth: 5, tags: true}\n    stages:\n"
        + "      - name: unit\n      - name: lint\n      - name: candidate\n      - name: unused\n"
        + "    execution:\n      - [unit, candidate]\n      - [lint, candidate]\n").pipeline("p").orElseThrow();
    assertFalse(pipeline.executionDefaulted());
    assertEquals(List.of(List.of("unit", "lint"), List.of("candidate")), pipeline.execution().frames());
    assertEquals(List.of("unused"), pipeline.stagesNotExecuted().stream().map(Stage::name).toList());
    assertEquals(Optional.of(5), pipeline.fetch().depth());
    assertEquals(Optional.of(true), pipeline.fetch().tags());
    assertEquals(Optional.empty(), pipeline.fetch().shallow());
  }

  @Test
  public void unexecutedStepsAreKeptInPipelineLibOrder() {
    Stage stage = onlyStage("      - name: x\n        build: p\n        publish: {image: true}\n"
        + "        trigger: {name: downstream}\n        deploy:\n          chart: {name: c}\n"
        + "        promote: [{chart: c, environments: [staging]}]\n        copy: [{source: /srv/out}]\n");
    assertEquals(List.of("copy", "promote", "deploy", "trigger"),
        stage.unexecuted().stream().map(UnexecutedStep::step).toList());
    assertEquals("pipelines.p.stages[0].deploy", stage.unexecuted("deploy").orElseThrow().keyPath());
    assertTrue(stage.boundNames().contains("releaseName"));
    assertTrue(onlyStage("      - name: x\n        build: p\n        promote: []\n        copy: []\n")
        .unexecuted().isEmpty());
  }

  @Test
  public void notifyDefaultsItsSubject() {
    Notify notify = onlyStage("      - name: x\n        build: p\n        notify:\n          email:\n"
        + "            to: ml@example.org\n").notification().orElseThrow();
    assertEquals(List.of("ml@example.org"), notify.emailTo());
    assertEquals(Notify.DEFAULT_SUBJECT, notify.subject());
    assertEquals(Optional.empty(), notify.body());
  }

  @Test
  public void bindingsFollowTheSteps() {
    Stage stage = onlyStage("      - name: x\n        build: p\n        run: true\n        publish: {image: true}\n"
        + "        exports: {image: '${.imageFullName}:${.imageTag}'}\n");
    assertEquals(Map.ofEntries(Map.entry("stage", ""), Map.entry("imageID", "build"), Map.entry("imageLocalName", "build"),
        Map.entry("container", "run"), Map.entry("output", "run"), Map.entry("imageName", "publish"),
        Map.entry("imageFullName", "publish"), Map.entry("imageTag", "publish"), Map.entry("imageTags", "publish"),
        Map.entry("publishedImage", "publish"), Map.entry("image", "exports")), stage.bindings());
  }

  @Test
  public void variablesOfAncestorsAndDefaultsAreAccepted() {
    PipelineConfig config = parse("pipelines:\n  p:\n    stages:\n"
        + "      - name: build\n        build: production\n        exports: {tag: '${setup.timestamp}-x'}\n"
        + "      - name: publish\n        publish:\n          image:\n            id: '${build.imageID}'\n"
        + "            tags: ['${build.tag}', '${setup.tag|latest}', '${build.other|none}']\n"
        + "        run:\n          image: '${build.imageID}'\n          arguments: ['${HOME}', '${setup.custom|x}']\n");
    assertEquals("${build.imageID}", config.pipeline("p").orElseThrow().stages().get(1).publishImage().orElseThrow().id());
  }

  @Test
  public void everyProblemIsReportedInSourceOrder() {
    assertEquals(List.of(
        ".pipeline/config.yaml:4:15: pipelines.p.stages[0].name: 'teardown' is a reserved stage name (PipelineLib"
            + " runs its own 'teardown' stage)",
        ".pipeline/config.yaml:6:15: pipelines.p.stages[2].name: duplicate stage name 'a'; it is already defined"
            + " at line 5",
        ".pipeline/config.yaml:8:10: pipelines.p.execution[0][0]: unknown stage 'zz'; the stages of pipeline 'p'"
            + " are: teardown, a"),
        problems("pipelines:\n  p:\n    stages:\n      - name: teardown\n      - name: a\n      - name: a\n"
            + "    execution:\n      - [zz, a]\n"));
  }

  @Test
  public void variableProblemsNameTheReason() {
    assertEquals(List.of(
        ".pipeline/config.yaml:6:22: pipelines.p.stages[1].run.image: '${a.imageID}' refers to stage 'a', which is"
            + " not an ancestor of stage 'b' in the execution graph",
        ".pipeline/config.yaml:7:22: pipelines.p.stages[1].exports.x: '${b.stage}' names the current stage; write"
            + " '${.stage}'",
        ".pipeline/config.yaml:8:22: pipelines.p.stages[1].exports.y: '${.nope}' is not bound: stage 'b' binds no"
            + " value 'nope' (it binds: stage, container, output, x, y)"),
        problems("pipelines:\n  p:\n    stages:\n      - name: a\n      - name: b\n        run: {image: '${a.imageID}'}\n"
            + "        exports: {x: '${b.stage}',\n                  y: '${.nope}'}\n"
            + "    execution: [[a], [b]]\n"));
  }

  @Test
  public void missingConfigFileIsLocatedAtTheFile() {
    try {
      PipelineConfigReader.read(Path.of("src/test/resources/config"));
      fail();
    } catch (InvalidInputException e) {
      assertEquals(".pipeline/config.yaml: file not found: the repository has no PipelineLib config", e.getMessage());
    }
  }

  @Test
  public void pathsResolveInsideTheRepository() {
    assertEquals(Optional.of(".pipeline/a.yaml"), RepoPaths.resolve(".pipeline", "./a.yaml"));
    assertEquals(Optional.of("a.yaml"), RepoPaths.resolve(".pipeline", "../a.yaml"));
    assertEquals(Optional.empty(), RepoPaths.resolve(".pipeline", "../../a.yaml"));
    assertEquals(Optional.of("."), RepoPaths.resolve("", "x/.."));
    assertEquals(Optional.empty(), RepoPaths.resolve("", ".."));
  }
}
