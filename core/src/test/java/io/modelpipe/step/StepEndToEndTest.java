package io.modelpipe.step;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import io.modelpipe.gerrit.ChangeTarget;
import io.modelpipe.gerrit.GerritServerFixture.PushedChange;
import io.modelpipe.gerrit.GerritServerFixture;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.image.testing.RegistryFixture;
import io.modelpipe.testing.FileTrees;
import io.modelpipe.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.jgit.api.Git;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;

/**
 * The steps end to end, run exactly as the plugin runs them on an agent ({@link StepProcess}:
 * {@code java -jar} of the engine jar in the workspace, the build's environment with Gerrit
 * Trigger's or Zuul's variables, Jenkins credentials as {@code MODELPIPE_*} variables, the result
 * file read back into the step's returned map) against the real Docker Engine, a registry with
 * htpasswd and Gerrit. The workspace is a git copy of {@code examples/inference-services}.
 */
public class StepEndToEndTest {

  @ClassRule public static final GerritServerFixture GERRIT = GerritServerFixture.shared();
  @ClassRule public static final TemporaryFolder SHARED = new TemporaryFolder();
  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final Path EXAMPLES = Path.of("..", "examples", "inference-services").toAbsolutePath().normalize();
  private static final String PROJECT = "ml/inference-services-steps-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOT = "modelpipe-steps-" + UUID.randomUUID().toString().substring(0, 8);
  private static final String BOT_PASSWORD = "Gerrit-http-" + UUID.randomUUID();
  private static final String REGISTRY_USER = "pusher";
  private static final String REGISTRY_PASSWORD = "Registry-pass-" + UUID.randomUUID();
  private static final String SENTRY_SECRET = "sentry-dsn-" + UUID.randomUUID();
  private static final String DEPLOY_SECRET = "deploy-key-" + UUID.randomUUID();

  private static DockerEngineFixture engine;
  private static RegistryFixture registry;

  @BeforeClass
  public static void services() throws Exception {
    engine = DockerEngineFixture.get();
    engine.ensureBookworm();
    registry = RegistryFixture.startWithAuth(REGISTRY_USER, REGISTRY_PASSWORD);
    GERRIT.createProject(PROJECT);
    GERRIT.addVerifiedLabel(PROJECT);
    GERRIT.createAccount(BOT, BOT_PASSWORD);
    GERRIT.pushToMaster(PROJECT, SHARED.newFolder("base").toPath(), "Import the inference services",
        workTree -> FileTrees.copy(EXAMPLES, workTree));
  }

  @AfterClass
  public static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  // ---- what a Jenkins build would give the steps

  private static GlobalDefaults defaults() {
    return GlobalDefaults.builder()
        .baseMap(Map.of(DockerEngineFixture.EXAMPLES_BASE, DockerEngineFixture.BOOKWORM))
        .allowedCredentials(List.of("sentry"))
        .build();
  }

  /** Jenkins' own variables and the agent's engine: what every step's process gets. */
  private static Map<String, String> buildEnvironment(String job, int build) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DOCKER_HOST", engine.dockerHost());
    env.put("MODELPIPE_NETWORK", DockerEngineFixture.NETWORK_MODE);
    env.put("MODELPIPE_PIP_OFFLINE", "1");
    env.put("JOB_NAME", job);
    env.put("BUILD_NUMBER", Integer.toString(build));
    env.put("BUILD_URL", "https://jenkins.example.org/job/" + job + "/" + build + "/");
    return env;
  }

  private static List<StepCredential> jenkinsCredentials() {
    return List.of(
        StepCredential.usernamePassword("registry-push", REGISTRY_USER, REGISTRY_PASSWORD),
        StepCredential.usernamePassword("gerrit-bot", BOT, BOT_PASSWORD),
        StepCredential.secretText("sentry", SENTRY_SECRET),
        StepCredential.secretText("deploy-key", DEPLOY_SECRET));
  }

  /** The credentials the plugin finds for a call: only those it asked for. */
  private static List<StepCredential> lookUp(StepInvocation call) {
    List<String> ids = call.credentialRequests().stream().map(CredentialRequest::id).toList();
    return jenkinsCredentials().stream().filter(c -> ids.contains(c.id())).toList();
  }

  private StepProcess.Finished step(StepSpec spec, Map<String, ?> parameters, Path workspace, Map<String, String> env)
      throws Exception {
    StepInvocation call = StepInvocation.builder(spec).parameters(parameters).defaults(defaults())
        .workspace(workspace.toString()).environment(env).build();
    StepProcess.Finished finished = StepProcess.run(call, lookUp(call), temp.newFolder().toPath());
    for (String secret : List.of(REGISTRY_PASSWORD, BOT_PASSWORD, SENTRY_SECRET, DEPLOY_SECRET)) {
      assertFalse(finished.describe(), finished.log().contains(secret));
      assertFalse(finished.describe(), String.join(" ", finished.command().arguments()).contains(secret));
      assertFalse(finished.describe(), finished.outcome().message().contains(secret));
      assertFalse(finished.describe(), String.valueOf(finished.outcome().returnValue()).contains(secret));
    }
    return finished;
  }

  // ---- the cases

  @Test
  public void patchSetRunTestsTheAffectedServiceAndVotesOnTheChange() throws Exception {
    Path workspace = temp.newFolder("workspace").toPath();
    PushedChange change = GERRIT.pushEdit(PROJECT, workspace, "outlink/model_server/model.py",
        text -> text.replace("which is deterministic", "which is repeatable"), "outlink: words");
    Map<String, String> env = buildEnvironment("inference-services-test", 21);
    env.putAll(gerritTrigger("patchset-created", change));

    StepProcess.Finished run = step(StepSpecs.RUN, Map.of("affected", true, "labels", Map.of("Verified", 1),
        "gerritUrl", GERRIT.url().toString(), "gerritCredentialsId", "gerrit-bot"), workspace, env);

    assertEquals(run.describe(), StepOutcome.Status.SUCCESS, run.outcome().status());
    Map<String, Object> result = run.outcome().returnMap();
    assertEquals("SUCCESS", result.get("status"));
    assertEquals(Map.of("kind", "patch-set", "project", PROJECT, "change", change.number(), "patchset", 1,
        "job", "inference-services-test", "build", "21",
        "buildUrl", "https://jenkins.example.org/job/inference-services-test/21/"), result.get("trigger"));
    List<String> stages = ResultMaps.maps(result.get("stages")).stream()
        .map(s -> s.get("pipeline") + "/" + s.get("stage") + " " + s.get("status")).toList();
    assertEquals(List.of("outlink/run-test SUCCESS", "outlink/production SUCCESS", "outlink-publish/publish SUCCESS"), stages);
    assertEquals("nothing is published on a patch set", List.of(), result.get("images"));
    StepSummary summary = run.outcome().summary().orElseThrow();
    assertEquals(3, summary.stages().size());
    assertEquals(GERRIT.url() + "c/" + PROJECT + "/+/" + change.number() + "/1", summary.changeUrl().orElseThrow());

    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change.number());
    assertEquals(posted.toString(), 1, posted.size());
    assertEquals(BOT, posted.get(0).get("author").get("username").asString());
    assertTrue(posted.toString(), posted.get(0).get("message").asString().startsWith("Patch Set 1: Verified+1\n"));
  }

  @Test
  public void postMergeRunPublishesWithRegistryCredentialsAndTheReviewStepPostsTheImage() throws Exception {
    Path workspace = temp.newFolder("workspace").toPath();
    PushedChange change = GERRIT.pushEdit(PROJECT, workspace, "outlink/model_server/model.py",
        text -> text.replace("needs no weights.", "needs no model weights."), "outlink: merged");
    GERRIT.rest("POST", "a/changes/" + new ChangeTarget(PROJECT, change.number(), 1).restId() + "/revisions/current/review",
        "{\"labels\":{\"Code-Review\":2}}");
    GERRIT.rest("POST", "a/changes/" + new ChangeTarget(PROJECT, change.number(), 1).restId() + "/submit", "{}");
    Map<String, String> env = buildEnvironment("inference-services-publish", 4);
    env.putAll(gerritTrigger("change-merged", change));
    env.put("GERRIT_NEWREV", change.revision());

    StepProcess.Finished run = step(StepSpecs.RUN, Map.of("pipelines", List.of("outlink-publish"),
        "registry", registry.address(), "registryCredentialsId", "registry-push"), workspace, env);

    assertEquals(run.describe(), StepOutcome.Status.SUCCESS, run.outcome().status());
    Map<String, Object> result = run.outcome().returnMap();
    List<Map<String, Object>> images = ResultMaps.maps(result.get("images"));
    assertEquals(images.toString(), 1, images.size());
    Map<String, Object> image = images.get(0);
    String uri = registry.address() + "/" + PROJECT.replace('/', '-') + "-outlink";
    assertEquals(uri, image.get("uri"));
    String digest = (String) image.get("digest");
    assertTrue(digest, digest.matches("sha256:[0-9a-f]{64}"));
    assertEquals("stable", ((List<?>) image.get("tags")).get(1));
    assertEquals(uri + "@" + digest, run.outcome().summary().orElseThrow().images().get(0).reference());
    assertEquals("no Gerrit URL: the run itself posted nothing", List.of(), GERRIT.modelpipeMessages(PROJECT, change.number()));

    // the returned map, as a Jenkinsfile passes it on, posted by the review step
    StepProcess.Finished review = step(StepSpecs.REVIEW, Map.of("result", result, "gerritUrl", GERRIT.url().toString(),
        "gerritCredentialsId", "gerrit-bot"), workspace, buildEnvironment("inference-services-publish", 4));

    assertEquals(review.describe(), StepOutcome.Status.SUCCESS, review.outcome().status());
    assertEquals("delivered", review.outcome().returnMap().get("outcome"));
    assertEquals(change.number(), review.outcome().returnMap().get("change"));
    List<JsonNode> posted = GERRIT.modelpipeMessages(PROJECT, change.number());
    assertEquals(posted.toString(), 1, posted.size());
    String message = posted.get(0).get("message").asString();
    assertTrue(message, message.contains("\nIMAGE:\n " + uri + "\n"));
    assertTrue(message, message.contains("\nDIGEST:\n " + digest + "\n"));
  }

  @Test
  public void buildThenPublishReturnTheImageIdThenItsReferencesAndDigest() throws Exception {
    Path workspace = localWorkspace();
    Map<String, String> env = buildEnvironment("inference-services-images", 5);
    env.putAll(zuulPatchSet());

    StepProcess.Finished build = step(StepSpecs.BUILD, Map.of("pipeline", "outlink", "stage", "production",
        "tags", List.of("local/steps-outlink:e2e")), workspace, env);
    assertEquals(build.describe(), StepOutcome.Status.SUCCESS, build.outcome().status());
    String id = (String) build.outcome().returnValue();
    assertTrue(id, id.matches("sha256:[0-9a-f]{64}"));

    String name = "steps/outlink-" + UUID.randomUUID().toString().substring(0, 8);
    StepProcess.Finished publish = step(StepSpecs.PUBLISH, Map.of("image", id, "name", name, "tags", List.of("e2e", "stable"),
        "registry", registry.address(), "registryCredentialsId", "registry-push"), workspace, env);
    assertEquals(publish.describe(), StepOutcome.Status.SUCCESS, publish.outcome().status());
    Map<String, Object> published = publish.outcome().returnMap();
    assertEquals(List.of(registry.address() + "/" + name + ":e2e", registry.address() + "/" + name + ":stable"),
        published.get("references"));
    assertTrue(published.toString(), ((String) published.get("digest")).matches("sha256:[0-9a-f]{64}"));
    assertEquals("MODELPIPE_REGISTRY_PASSWORD", publish.command().environment().keySet().stream()
        .filter(k -> k.endsWith("PASSWORD")).findFirst().orElseThrow());

    // without the credentials the registry refuses: exit 3, naming the registry
    StepProcess.Finished refused = step(StepSpecs.PUBLISH, Map.of("image", id, "name", name, "tags", "again",
        "registry", registry.address()), workspace, env);
    assertEquals(refused.describe(), 3, refused.exitCode());
    assertTrue(refused.describe(), refused.outcome().message().startsWith("modelpipePublish: the registry is unavailable"));
  }

  @Test
  public void lintFindingsFailTheStepOrMakeItUnstableAndWriteTheReports() throws Exception {
    Path workspace = localWorkspace();
    FileTrees.replace(workspace.resolve("outlink/model_server/model.py"), "import re\n", "import os\nimport re\n");
    Map<String, String> env = buildEnvironment("inference-services-lint", 7);
    env.putAll(zuulPatchSet());

    StepProcess.Finished failed = step(StepSpecs.LINT, Map.of("envs", List.of("flake8")), workspace, env);
    assertEquals(failed.describe(), 1, failed.exitCode());
    assertEquals(StepOutcome.Status.FAILURE, failed.outcome().status());
    assertEquals("modelpipeLint: lint failed: flake8: 1 finding", failed.outcome().message());

    StepProcess.Finished unstable = step(StepSpecs.LINT, Map.of("envs", "flake8", "unstableOnFindings", true), workspace, env);
    assertEquals(unstable.describe(), StepOutcome.Status.UNSTABLE, unstable.outcome().status());
    Map<String, Object> lint = unstable.outcome().returnMap();
    assertEquals(1, lint.get("findings"));
    assertEquals(List.of("outlink/model_server/model.py"), lint.get("files"));
    assertEquals(Map.of("junit", "modelpipe-reports/lint-junit.xml", "checkstyle", "modelpipe-reports/lint-checkstyle.xml"),
        lint.get("reports"));
    String checkstyle = Files.readString(workspace.resolve("modelpipe-reports/lint-checkstyle.xml"));
    assertTrue(checkstyle, checkstyle.contains("F401"));
    assertTrue(Files.readString(workspace.resolve("modelpipe-reports/lint-junit.xml")).contains("<testsuite"));
    assertEquals(1, unstable.outcome().summary().orElseThrow().lintFindings());
  }

  @Test
  public void invalidInputFailsWithTheLocatedErrorsAndBuildsNothing() throws Exception {
    Path workspace = localWorkspace();
    FileTrees.replace(workspace.resolve(".pipeline/config.yaml"), "        build: production\n\n  outlink-publish:",
        "        build: productoin\n\n  outlink-publish:");
    Map<String, String> env = buildEnvironment("inference-services-test", 8);
    env.putAll(zuulPatchSet());

    StepProcess.Finished validate = step(StepSpecs.VALIDATE, Map.of(), workspace, env);
    assertEquals(validate.describe(), 2, validate.exitCode());
    assertEquals(StepOutcome.Status.FAILURE, validate.outcome().status());
    Map<String, Object> value = validate.outcome().returnMap();
    assertEquals(false, value.get("valid"));
    List<?> errors = (List<?>) value.get("errors");
    assertEquals(errors.toString(), 1, errors.size());
    assertTrue(errors.toString(), ((String) errors.get(0)).startsWith(".pipeline/config.yaml:"));
    assertTrue(errors.toString(), ((String) errors.get(0)).contains("productoin"));
    assertTrue(validate.outcome().message(), validate.outcome().message().startsWith("modelpipeValidate: invalid input:\n"
        + errors.get(0)));

    StepProcess.Finished run = step(StepSpecs.RUN, Map.of(), workspace, env);
    assertEquals(run.describe(), 2, run.exitCode());
    assertEquals(StepOutcome.Status.FAILURE, run.outcome().status());
    assertTrue(run.outcome().message(), run.outcome().message().contains(errors.get(0).toString()));
    assertNull("no result file: nothing ran", run.resultJson());
    assertEquals("INVALID", run.outcome().returnMap().get("status"));
  }

  @Test
  public void aCredentialOffTheAllowListIsInvalidInputBeforeAnythingRuns() throws Exception {
    Path workspace = localWorkspace();
    // the change under test asks for a credential the job can see but does not allow
    FileTrees.replace(workspace.resolve(".pipeline/config.yaml"),
        "        run: true\n      - name: production\n        build: production\n\n  outlink-publish:",
        "        run:\n          credentials:\n            - {id: sentry, name: SENTRY_DSN}\n"
            + "            - {id: deploy-key, name: KEY}\n      - name: production\n        build: production\n\n"
            + "  outlink-publish:");
    Map<String, String> env = buildEnvironment("inference-services-test", 9);
    env.putAll(zuulPatchSet());

    StepProcess.Finished run = step(StepSpecs.RUN, Map.of("pipelines", "outlink"), workspace, env);

    assertEquals(run.describe(), 2, run.exitCode());
    assertEquals(StepOutcome.Status.FAILURE, run.outcome().status());
    assertTrue(run.describe(), run.outcome().message().contains(
        "run step asks for credential 'deploy-key' (for KEY), which this job does not allow; allowed: sentry"));
    assertFalse(run.describe(), run.log().contains("build step"));
    assertEquals("the allowed one reached the process", SENTRY_SECRET,
        run.command().environment().get("MODELPIPE_CREDENTIAL_SENTRY"));
    assertFalse(run.command().environment().containsKey("MODELPIPE_CREDENTIAL_DEPLOY_KEY"));

    // allowed by the step's own allowedCredentials too: the check passes (the engine is then asked)
    StepProcess.Finished allowed = step(StepSpecs.RUN, Map.of("pipelines", "outlink", "allowedCredentials", "deploy-key"),
        workspace, env);
    assertFalse(allowed.describe(), allowed.log().contains("does not allow"));
  }

  // ---- workspaces

  /** A workspace as a Zuul job checks it out: a git copy of the examples, not in Gerrit. */
  private Path localWorkspace() throws Exception {
    Path workspace = temp.newFolder("workspace").toPath();
    FileTrees.copy(EXAMPLES, workspace);
    try (Git git = GitRepos.init(workspace)) {
      GitRepos.commitAll(git, "Import the inference services");
    }
    return workspace;
  }

  private static Map<String, String> zuulPatchSet() {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("ZUUL_PIPELINE", "test");
    env.put("ZUUL_PROJECT", "machinelearning/liftwing/inference-services");
    env.put("ZUUL_BRANCH", "master");
    env.put("ZUUL_CHANGE", "1234");
    env.put("ZUUL_PATCHSET", "2");
    return env;
  }

  private static Map<String, String> gerritTrigger(String event, PushedChange change) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("GERRIT_EVENT_TYPE", event);
    env.put("GERRIT_PROJECT", PROJECT);
    env.put("GERRIT_BRANCH", "master");
    env.put("GERRIT_CHANGE_NUMBER", Integer.toString(change.number()));
    env.put("GERRIT_PATCHSET_NUMBER", Integer.toString(change.patchSet()));
    env.put("GERRIT_PATCHSET_REVISION", change.revision());
    env.put("GERRIT_REFSPEC", change.refspec());
    env.put("GERRIT_CHANGE_ID", change.changeId());
    env.put("GERRIT_HOST", "127.0.0.1");
    env.put("GERRIT_SCHEME", "http");
    return env;
  }
}
