package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.trigger.PublishDecision;
import io.modelpipe.trigger.PublishGate;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.trigger.TriggerReader;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class PlannerTest {

  static final Path LIFTWING = Path.of("src/test/resources/config/liftwing");

  static final Setup SETUP = Setup.builder()
      .project("machinelearning/liftwing/inference-services")
      .commit("abc123")
      .branch("master")
      .timestamp("2024-05-01-120000")
      .build();

  private static PipelineConfig parse(String yaml) {
    return PipelineConfigReader.parse(YamlDocument.parse(PipelineConfigReader.CONFIG_FILE, yaml));
  }

  @Test
  public void plansTheLiftwingShapedRepository() {
    Plan plan = new Planner(SETUP).plan(PipelineConfigReader.read(LIFTWING));
    assertEquals(List.of("outlink", "outlink-publish"), plan.pipelines().stream().map(Plan.PipelinePlan::name).toList());

    Plan.PipelinePlan outlink = plan.pipeline("outlink").orElseThrow();
    assertEquals(".pipeline/outlink/blubber.yaml", outlink.blubber());
    assertEquals(List.of("run-test", "production"), outlink.stages().stream().map(Plan.StagePlan::name).toList());
    Plan.StagePlan runTest = outlink.stage("run-test").orElseThrow();
    assertEquals(new Plan.BuildStep("test", ".pipeline/outlink/blubber.yaml", ".", List.of(), Optional.empty()),
        runTest.build().orElseThrow());
    assertEquals("<imageID of stage run-test>", runTest.run().orElseThrow().image());
    assertTrue(Plan.isPlaceholder(runTest.run().orElseThrow().image()));
    assertEquals(List.of("run-test"), outlink.stage("production").orElseThrow().after());

    Plan.StagePlan publish = plan.pipeline("outlink-publish").orElseThrow().stage("publish").orElseThrow();
    Plan.PublishStep image = publish.publish().orElseThrow();
    assertEquals("<imageID of stage publish>", image.imageId());
    assertEquals("machinelearning-liftwing-inference-services-outlink", image.name());
    assertEquals(List.of("2024-05-01-120000-publish", "stable"), image.tags());
    assertEquals(List.of(
        "machinelearning-liftwing-inference-services-outlink:2024-05-01-120000-publish",
        "machinelearning-liftwing-inference-services-outlink:stable"), image.references());
    assertTrue(publish.run().isEmpty());
  }

  @Test
  public void onlyTheRequestedPipelines() {
    Plan plan = new Planner(SETUP).plan(PipelineConfigReader.read(LIFTWING), List.of("outlink-publish"));
    assertEquals(1, plan.pipelines().size());
    try {
      new Planner(SETUP).plan(PipelineConfigReader.read(LIFTWING), List.of("nope"));
      fail();
    } catch (IllegalArgumentException e) {
      assertEquals("unknown pipeline 'nope'; pipelines: outlink, outlink-publish", e.getMessage());
    }
  }

  @Test
  public void defaultPublishUsesTheGitTagAndDropsItWhenThereIsNone() {
    PipelineConfig config = parse("pipelines:\n  p:\n    stages:\n"
        + "      - name: Candidate\n        build: production\n        publish:\n          image: true\n");
    Setup tagged = Setup.builder().project("Mediawiki/Services/Mathoid").tag("V1.2/rc1")
        .timestamp("2024-05-01-120000").build();
    Plan.PublishStep withTag = new Planner(tagged).plan(config).pipelines().get(0).stages().get(0).publish().orElseThrow();
    assertEquals("mediawiki-services-mathoid", withTag.name());
    assertEquals(List.of("2024-05-01-120000-candidate", "v1.2-rc1"), withTag.tags());

    Plan.PublishStep noTag = new Planner(SETUP).plan(config).pipelines().get(0).stages().get(0).publish().orElseThrow();
    assertEquals("machinelearning-liftwing-inference-services", noTag.name());
    assertEquals(List.of("2024-05-01-120000-candidate"), noTag.tags());
  }

  @Test
  public void emptyAndRepeatedTagsAreDropped() {
    PipelineConfig config = parse("pipelines:\n  p:\n    stages:\n      - name: s\n        build: b\n"
        + "        publish:\n          image:\n            tag: stable\n            tags: ['', Stable, '${setup.tag}', latest]\n");
    Plan.PublishStep publish = new Planner(SETUP).plan(config).pipelines().get(0).stages().get(0).publish().orElseThrow();
    assertEquals(List.of("stable", "latest"), publish.tags());
  }

  @Test
  public void valuesFlowFromAncestorsAndRunTimeValuesStayPlaceholders() {
    PipelineConfig config = parse("pipelines:\n  p:\n    stages:\n"
        + "      - name: unit\n      - name: lint\n"
        + "      - name: candidate\n        build: production\n        publish:\n          image:\n"
        + "            name: '${setup.projectShortName}'\n"
        + "        exports:\n          image: '${.imageFullName}:${.imageTag}'\n          when: '${setup.timestamp}'\n"
        + "      - name: staging\n        run:\n          image: '${candidate.imageID}'\n"
        + "          arguments: ['${candidate.image}', '${candidate.when}', '${candidate.imageName}', '${HOME}']\n"
        + "          env: {BRANCH: '${setup.branch}', PIPE: '${setup.pipeline}'}\n"
        + "          credentials: [{id: sonar, name: SONAR}]\n"
        + "    execution:\n      - [unit, candidate, staging]\n      - [lint, candidate]\n");
    Plan.PipelinePlan pipeline = new Planner(SETUP).plan(config).pipelines().get(0);
    assertEquals(List.of(List.of("unit", "lint"), List.of("candidate"), List.of("staging")),
        pipeline.frames().stream().map(f -> f.stream().map(Plan.StagePlan::name).toList()).toList());
    Plan.StagePlan candidate = pipeline.stage("candidate").orElseThrow();
    assertEquals(Map.of("image", "<imageFullName of stage candidate>:2024-05-01-120000-candidate",
        "when", "2024-05-01-120000"), candidate.exports());
    assertEquals(List.of("unit", "lint"), candidate.after());
    Plan.RunStep run = pipeline.stage("staging").orElseThrow().run().orElseThrow();
    assertEquals("<imageID of stage candidate>", run.image());
    assertEquals(List.of("<imageFullName of stage candidate>:2024-05-01-120000-candidate", "2024-05-01-120000",
        "inference-services", "${HOME}"), run.arguments());
    assertEquals(Map.of("BRANCH", "master", "PIPE", "p"), run.env());
    assertEquals(Map.of("SONAR", "sonar"), run.credentials());
    assertFalse(Plan.isPlaceholder(run.arguments().get(1)));
  }

  @Test
  public void unexecutedStepsAndNotesAreNeverSilent() {
    PipelineConfig config = parse("pipelines:\n  p:\n    stages:\n"
        + "      - name: candidate\n        build: production\n        publish: {image: true}\n"
        + "        deploy:\n          chart: {name: c}\n        notify:\n          email: {to: [ml@example.org]}\n"
        + "        run: {}\n      - name: unused\n    execution: [[candidate]]\n");
    Plan.PipelinePlan pipeline = new Planner(SETUP).plan(config).pipelines().get(0);
    Plan.StagePlan stage = pipeline.stage("candidate").orElseThrow();
    assertEquals(Map.of("deploy", "not executed by modelpipe: deploying to a Kubernetes cluster with Helm is not"
        + " implemented"), stage.notExecuted());
    assertEquals("[Pipeline] inference-services p/candidate failed", stage.notification().orElseThrow().subject());
    assertEquals(List.of("'run' is an empty mapping: like PipelineLib, modelpipe runs nothing in this stage",
        "modelpipe does not send the failure email of 'notify'"), stage.notes());
    assertEquals(List.of("stage 'unused' is not in the execution graph: it never runs"), pipeline.notes());
  }

  @Test
  public void buildContextIsRepoRelative() {
    PipelineConfig config = parse("pipelines:\n  p:\n    directory: outlink/\n    stages:\n"
        + "      - name: a\n        build:\n          context: ../shared\n          excludes: ['${.stage}-tmp']\n"
        + "      - name: b\n        build: {context: '${setup.branch}/x'}\n");
    Plan.PipelinePlan pipeline = new Planner(SETUP).plan(config).pipelines().get(0);
    assertEquals("outlink", pipeline.directory());
    assertEquals("shared", pipeline.stage("a").orElseThrow().build().orElseThrow().context());
    assertEquals(List.of("a-tmp"), pipeline.stage("a").orElseThrow().build().orElseThrow().excludes());
    assertEquals("b", pipeline.stage("b").orElseThrow().build().orElseThrow().variant());
    assertEquals("master/x", pipeline.stage("b").orElseThrow().build().orElseThrow().context());
  }

  @Test
  public void resolvedNamesAndTagsAreCheckedAndLocated() {
    PipelineConfig config = parse("pipelines:\n  p:\n    stages:\n      - name: s\n        build: b\n"
        + "        publish:\n          image:\n            tags: ['${setup.branch}']\n");
    Setup bad = Setup.builder().project("my project").branch("-feature").timestamp("2024-05-01-120000").build();
    try {
      new Planner(bad).plan(config);
      fail();
    } catch (InvalidInputException e) {
      assertEquals(List.of(
          ".pipeline/config.yaml:7:11: pipelines.p.stages[0].publish.image.name: '${setup.project}' resolves to"
              + " 'my project', which is not a valid image name: a name has lowercase letters and digits, separated"
              + " by '.', '_', '__' or dashes",
          ".pipeline/config.yaml:8:20: pipelines.p.stages[0].publish.image.tags[0]: '${setup.branch}' resolves to"
              + " '-feature', which is not a valid image tag: a tag has 1 to 128 letters, digits, '_', '.' or '-'"
              + " and does not start with '.' or '-'"),
          e.diagnostics().stream().map(Diagnostic::format).toList());
    }
  }

  @Test
  public void aPrimaryTagThatResolvesToNothingIsAnError() {
    PipelineConfig config = parse("pipelines:\n  p:\n    stages:\n      - name: s\n        build: b\n"
        + "        publish:\n          image:\n            tag: '${setup.tag}'\n");
    try {
      new Planner(SETUP).plan(config);
      fail();
    } catch (InvalidInputException e) {
      assertEquals(".pipeline/config.yaml:8:18: pipelines.p.stages[0].publish.image.tag: the primary image tag"
          + " '${setup.tag}' resolves to nothing", e.getMessage());
    }
    Setup tagged = Setup.builder().project("p").tag("v1").timestamp("2024-05-01-120000").build();
    assertEquals(List.of("v1"),
        new Planner(tagged).plan(config).pipelines().get(0).stages().get(0).publish().orElseThrow().tags());
  }

  @Test
  public void everyPublishStepSaysWhetherTheTriggerContextPublishes() {
    PipelineConfig config = PipelineConfigReader.read(LIFTWING);
    // Without a trigger: a manual run, which does not publish by default.
    Plan manual = new Planner(SETUP).plan(config);
    assertEquals(TriggerContext.none(), manual.trigger());
    assertEquals(new PublishDecision(false,
            "a manual run (no Zuul or Gerrit Trigger variables, no --event) is not a publish context"),
        manual.pipeline("outlink-publish").orElseThrow().stage("publish").orElseThrow().publish().orElseThrow()
            .decision());

    TriggerContext merged = TriggerReader.read(Map.of("GERRIT_EVENT_TYPE", "change-merged",
        "GERRIT_CHANGE_NUMBER", "1", "GERRIT_PATCHSET_NUMBER", "2"));
    Plan plan = new Planner(SETUP, merged, PublishGate.defaults()).plan(config);
    assertEquals(merged, plan.trigger());
    assertEquals(new PublishDecision(true,
            "Gerrit event 'change-merged' (post-merge) is a publish context (gerrit:change-merged)"),
        plan.pipeline("outlink-publish").orElseThrow().stage("publish").orElseThrow().publish().orElseThrow()
            .decision());
    PublishGate none = PublishGate.parse("none", TriggerReader.COMMAND_LINE, PublishGate.FLAG);
    assertFalse(new Planner(SETUP, merged, none).plan(config).pipeline("outlink-publish").orElseThrow()
        .stage("publish").orElseThrow().publish().orElseThrow().decision().allowed());
  }
}
