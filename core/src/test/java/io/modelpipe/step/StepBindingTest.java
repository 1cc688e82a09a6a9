package io.modelpipe.step;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

/** Every step's parameters turned into the engine's command line, environment and secrets. */
public class StepBindingTest {

  private static final String WORKSPACE = "/var/lib/jenkins/workspace/job";
  private static final String RESULT = "/tmp/modelpipe-step-1/result.json";

  private static StepInvocation call(StepSpec spec, Map<String, ?> parameters, GlobalDefaults defaults) {
    return StepInvocation.builder(spec).parameters(parameters).defaults(defaults).workspace(WORKSPACE)
        .environment(Map.of("GERRIT_CHANGE_NUMBER", "42")).build();
  }

  private static StepInvocation call(StepSpec spec, Map<String, ?> parameters) {
    return call(spec, parameters, GlobalDefaults.none());
  }

  private static Map<String, Object> params(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static void assertNoSecretIn(StepCommand command, String... secrets) {
    String text = String.join(" ", command.arguments()) + " " + command;
    for (String secret : secrets) {
      assertFalse(text, text.contains(secret));
      assertTrue(command.secrets() + "", command.secrets().contains(secret));
    }
  }

  @Test
  public void everyStepIsDeclaredWithTheIssuesParameters() {
    assertEquals(List.of("modelpipeValidate", "modelpipeLint", "modelpipeBuild", "modelpipePublish", "modelpipeRun",
        "modelpipeReview"), StepSpecs.all().stream().map(StepSpec::functionName).toList());
    assertEquals(List.of("dir"), StepSpecs.VALIDATE.parameterNames());
    assertEquals(List.of("dir", "envs", "inImage", "pipeline", "junit", "checkstyle", "unstableOnFindings"),
        StepSpecs.LINT.parameterNames());
    assertEquals(List.of("pipeline", "stage", "blubber", "variant", "context", "tags"), StepSpecs.BUILD.parameterNames());
    assertEquals(List.of("image", "name", "tags", "registry", "registryCredentialsId"), StepSpecs.PUBLISH.parameterNames());
    assertEquals(List.of("pipelines", "affected", "since", "registry", "registryCredentialsId", "gerritUrl",
        "gerritCredentialsId", "allowedCredentials", "labels", "baseMap", "network", "jobs"), StepSpecs.RUN.parameterNames());
    assertEquals(List.of("result", "gerritUrl", "gerritCredentialsId", "labels"), StepSpecs.REVIEW.parameterNames());
    assertEquals(StepSpecs.RUN, StepSpecs.named("modelpipeRun"));
    assertThrows(IllegalArgumentException.class, () -> StepSpecs.named("modelpipeDeploy"));
    for (StepSpec spec : StepSpecs.all()) {
      for (StepParameter parameter : spec.parameters()) {
        assertFalse(spec + "." + parameter.name(), parameter.description().isBlank());
      }
    }
  }

  @Test
  public void validateRunsInTheWorkspaceAndWritesTheResultFile() {
    StepCommand command = call(StepSpecs.VALIDATE, Map.of()).command(List.of(), RESULT);
    assertEquals(List.of("validate", ".", "--result-file", RESULT), command.arguments());
    assertEquals(Map.of(), command.environment());
    assertEquals(WORKSPACE, command.workingDirectory());
    assertEquals(RESULT, command.resultFile());
    assertEquals(List.of("validate", "services", "--result-file", RESULT),
        call(StepSpecs.VALIDATE, Map.of("dir", "services")).command(List.of(), RESULT).arguments());
  }

  @Test
  public void lintWritesReportsByDefaultAndTakesEnvsAsListOrText() {
    StepCommand command = call(StepSpecs.LINT, params("dir", "outlink", "envs", List.of("flake8", "black")))
        .command(List.of(), RESULT);
    assertEquals(List.of("lint", "outlink", "--env", "flake8,black", "--junit", "modelpipe-reports/lint-junit.xml",
        "--checkstyle", "modelpipe-reports/lint-checkstyle.xml", "--result-file", RESULT), command.arguments());
    assertEquals(command.arguments(), call(StepSpecs.LINT, params("dir", "outlink", "envs", "flake8, black"))
        .command(List.of(), RESULT).arguments());
    StepCommand inImage = call(StepSpecs.LINT, params("inImage", true, "pipeline", "outlink", "junit", "", "checkstyle", ""),
        GlobalDefaults.builder().baseMap(Map.of("docker-registry.wikimedia.org/bookworm:latest", "local/bookworm:latest")).build())
        .command(List.of(), RESULT);
    assertEquals(List.of("lint", ".", "--in-image", "--pipeline", "outlink", "--result-file", RESULT), inImage.arguments());
    assertEquals(Map.of("MODELPIPE_BASE_MAP", "docker-registry.wikimedia.org/bookworm:latest=local/bookworm:latest"),
        inImage.environment());
    StepParameterException e = assertThrows(StepParameterException.class,
        () -> call(StepSpecs.LINT, params("pipeline", "outlink")));
    assertEquals("modelpipeLint: pipeline goes with inImage: true", e.getMessage());
  }

  @Test
  public void buildTakesAStageOrABlubberFileNotBoth() {
    assertEquals(List.of("build", ".", "--pipeline", "outlink", "--stage", "production", "--tag", "local/outlink:ci",
            "--result-file", RESULT),
        call(StepSpecs.BUILD, params("pipeline", "outlink", "stage", "production", "tags", "local/outlink:ci"))
            .command(List.of(), RESULT).arguments());
    assertEquals(List.of("build", "--blubber", "outlink/blubber.yaml", "--variant", "test", "--context", "outlink",
            "--result-file", RESULT),
        call(StepSpecs.BUILD, params("blubber", "outlink/blubber.yaml", "variant", "test", "context", "outlink"))
            .command(List.of(), RESULT).arguments());
    assertTrue(assertThrows(StepParameterException.class, () -> call(StepSpecs.BUILD, Map.of())).getMessage()
        .contains("give pipeline and stage"));
    assertTrue(assertThrows(StepParameterException.class,
        () -> call(StepSpecs.BUILD, params("pipeline", "a", "stage", "b", "blubber", "c", "variant", "d"))).getMessage()
        .endsWith("not both"));
    assertEquals("modelpipeBuild: pipeline and stage go together; give both",
        assertThrows(StepParameterException.class, () -> call(StepSpecs.BUILD, params("pipeline", "a"))).getMessage());
  }

  @Test
  public void publishPutsRegistryCredentialsInTheEnvironmentOnly() {
    GlobalDefaults defaults = GlobalDefaults.builder().registry("registry.example.org/ml")
        .registryCredentialsId("registry-push").build();
    StepInvocation call = call(StepSpecs.PUBLISH, params("image", "sha256:abc", "name", "outlink", "tags", List.of("v1", "stable")),
        defaults);
    assertEquals(List.of(new CredentialRequest("registry-push", CredentialRequest.Kind.USERNAME_PASSWORD, "registryCredentialsId")),
        call.credentialRequests());
    StepCommand command = call.command(List.of(StepCredential.usernamePassword("registry-push", "ci", "s3cret-push")), RESULT);
    assertEquals(List.of("publish", "sha256:abc", "--name", "outlink", "--tag", "v1", "--tag", "stable",
        "--registry", "registry.example.org/ml", "--result-file", RESULT), command.arguments());
    assertEquals(Map.of("MODELPIPE_REGISTRY_USER", "ci", "MODELPIPE_REGISTRY_PASSWORD", "s3cret-push"), command.environment());
    assertNoSecretIn(command, "s3cret-push");
    // the step's parameters win over the global ones
    assertEquals("other.example.org", call(StepSpecs.PUBLISH,
        params("image", "i", "name", "n", "tags", "t", "registry", "other.example.org"), defaults)
        .command(List.of(), RESULT).arguments().get(7));
    assertEquals("modelpipePublish: registryCredentialsId 'registry-push' is not a username/password credential",
        assertThrows(StepParameterException.class, () -> call.command(
            List.of(StepCredential.secretText("registry-push", "token")), RESULT)).getMessage());
    assertEquals("modelpipePublish: parameter 'image' is required; parameter 'name' is required; parameter 'tags' is required",
        assertThrows(StepParameterException.class, () -> call(StepSpecs.PUBLISH, Map.of())).getMessage());
  }

  @Test
  public void runPassesTheAllowListAndOnlyAllowedCredentialsThroughTheEnvironment() {
    GlobalDefaults defaults = GlobalDefaults.builder()
        .registry("registry.example.org").registryCredentialsId("registry-push")
        .gerritUrl("https://gerrit.example.org/r/").gerritCredentialsId("gerrit-bot")
        .baseMap(Map.of("docker-registry.wikimedia.org/bookworm:latest", "local/bookworm:latest"))
        .publishContexts(List.of("post-merge", "tag"))
        .allowedCredentials(List.of("sentry-dsn"))
        .build();
    StepInvocation call = call(StepSpecs.RUN, params("pipelines", List.of("outlink", "outlink-publish"), "affected", true,
        "since", "origin/master", "allowedCredentials", List.of("api-token"), "labels", Map.of("Verified", 1),
        "network", "host", "jobs", 3), defaults);
    assertEquals(List.of(
            new CredentialRequest("registry-push", CredentialRequest.Kind.USERNAME_PASSWORD, "registryCredentialsId"),
            new CredentialRequest("gerrit-bot", CredentialRequest.Kind.ANY, "gerritCredentialsId"),
            new CredentialRequest("sentry-dsn", CredentialRequest.Kind.ANY, "allowedCredentials"),
            new CredentialRequest("api-token", CredentialRequest.Kind.ANY, "allowedCredentials")),
        call.credentialRequests());
    StepCommand command = call.command(List.of(
        StepCredential.usernamePassword("registry-push", "ci", "push-pass"),
        StepCredential.usernamePassword("gerrit-bot", "bot", "gerrit-http-pass"),
        StepCredential.secretText("sentry-dsn", "https://key@sentry.example.org/1"),
        StepCredential.usernamePassword("api-token", "svc", "api-pass")), RESULT);
    assertEquals(List.of("run", ".", "--pipeline", "outlink", "--pipeline", "outlink-publish", "--affected", "--since",
        "origin/master", "--registry", "registry.example.org", "--publish-contexts", "post-merge,tag",
        "--gerrit-url", "https://gerrit.example.org/r/", "--gerrit-label", "Verified=1", "--network", "host", "--jobs", "3",
        "--result-file", RESULT), command.arguments());
    Map<String, String> env = new LinkedHashMap<>();
    env.put("MODELPIPE_BASE_MAP", "docker-registry.wikimedia.org/bookworm:latest=local/bookworm:latest");
    env.put("MODELPIPE_REGISTRY_USER", "ci");
    env.put("MODELPIPE_REGISTRY_PASSWORD", "push-pass");
    env.put("MODELPIPE_GERRIT_USER", "bot");
    env.put("MODELPIPE_GERRIT_PASSWORD", "gerrit-http-pass");
    env.put("MODELPIPE_ALLOWED_CREDENTIALS", "sentry-dsn,api-token");
    env.put("MODELPIPE_CREDENTIAL_SENTRY_DSN", "https://key@sentry.example.org/1");
    env.put("MODELPIPE_CREDENTIAL_API_TOKEN", "api-pass");
    assertEquals(env, command.environment());
    assertNoSecretIn(command, "push-pass", "gerrit-http-pass", "https://key@sentry.example.org/1", "api-pass");
  }

  @Test
  public void runWithoutAllowListAllowsNoCredentialAndIgnoresCredentialsItDidNotAskFor() {
    StepInvocation call = call(StepSpecs.RUN, Map.of());
    assertEquals(List.of(), call.credentialRequests());
    StepCommand command = call.command(List.of(StepCredential.secretText("unasked", "leak-me")), RESULT);
    assertEquals(Map.of("MODELPIPE_ALLOWED_CREDENTIALS", ""), command.environment());
    assertEquals(List.of(), command.secrets());
    assertEquals(List.of("run", ".", "--result-file", RESULT), command.arguments());
  }

  @Test
  public void gerritTokenIsASecretTextInTheTokenVariable() {
    StepInvocation call = call(StepSpecs.RUN, params("gerritUrl", "https://gerrit.example.org/r/",
        "gerritCredentialsId", "gerrit-token"));
    StepCommand command = call.command(List.of(StepCredential.secretText("gerrit-token", "tok-123")), RESULT);
    assertEquals("tok-123", command.environment().get("MODELPIPE_GERRIT_TOKEN"));
    assertNoSecretIn(command, "tok-123");
  }

  @Test
  public void reviewGivesTheRunResultOnStandardInputWithoutTheConvenienceKeys() {
    Map<String, Object> result = new LinkedHashMap<>();
    result.put("format", 1);
    result.put("setup", Map.of("project", "p", "commit", "c", "branch", "b", "tag", "", "timestamp", "2026-01-01-000000"));
    result.put("trigger", Map.of("kind", "patch-set", "project", "p", "change", 42, "patchset", 2));
    result.put("status", "SUCCESS");
    result.put("pipelines", List.of());
    result.put("stages", List.of());
    result.put("images", List.of());
    StepInvocation call = call(StepSpecs.REVIEW, params("result", result, "labels", Map.of("Verified", "+1")),
        GlobalDefaults.builder().gerritUrl("https://gerrit.example.org/r/").gerritCredentialsId("bot").build());
    StepCommand command = call.command(List.of(StepCredential.usernamePassword("bot", "bot", "pw")), RESULT);
    assertEquals(List.of("gerrit", "comment", "--result", "-", "--url", "https://gerrit.example.org/r/", "--label",
        "Verified=+1", "--result-file", RESULT), command.arguments());
    String stdin = command.standardInput().orElseThrow();
    assertTrue(stdin, stdin.startsWith("{\"format\":1,\"setup\":"));
    assertFalse(stdin, stdin.contains("\"stages\"") || stdin.contains("\"images\""));
    assertEquals(Optional.empty(), call(StepSpecs.VALIDATE, Map.of()).command(List.of(), RESULT).standardInput());
    assertTrue(assertThrows(StepParameterException.class, () -> call(StepSpecs.REVIEW, params("result", Map.of("x", 1))))
        .getMessage().contains("expected the map a modelpipeRun step returned"));
  }

  @Test
  public void wrongTypesAndUnknownNamesAreNamedWithWhatWasFound() {
    StepParameterException e = assertThrows(StepParameterException.class,
        () -> call(StepSpecs.RUN, params("jobs", "many", "affected", "yes", "pipeline", "outlink", "labels", List.of("x"))));
    assertEquals("modelpipeRun: unknown parameter 'pipeline'; modelpipeRun takes pipelines, affected, since, registry,"
        + " registryCredentialsId, gerritUrl, gerritCredentialsId, allowedCredentials, labels, baseMap, network, jobs;"
        + " parameter 'affected': expected true or false, found 'yes' (a string);"
        + " parameter 'labels': expected a map such as [key: 'value'], found '[x]' (a list);"
        + " parameter 'jobs': expected a whole number, found 'many' (a string)", e.getMessage());
    assertEquals("modelpipeRun: since goes with affected: true",
        assertThrows(StepParameterException.class, () -> call(StepSpecs.RUN, params("since", "HEAD~1"))).getMessage());
    assertEquals(List.of("--jobs", "4"), call(StepSpecs.RUN, params("jobs", "4")).command(List.of(), RESULT).arguments()
        .subList(2, 4));
  }

  @Test
  public void credentialsNeverShowTheirSecretWhenPrinted() {
    assertEquals("UsernamePassword{id=a, username=u, password=****}", StepCredential.usernamePassword("a", "u", "p4ss").toString());
    assertEquals("SecretText{id=b, secret=****}", StepCredential.secretText("b", "t0ken").toString());
  }

  @Test
  public void aGerritCauseFillsTheVariablesTheJobDidNotExport() {
    GerritEvent event = new GerritEvent("patchset-created", "ml/services", "master", 42, 3, "abc123",
        "refs/changes/42/42/3", "I0123", null, null, null, null);
    Map<String, String> env = event.fill(Map.of("GERRIT_PATCHSET_NUMBER", "2", "BUILD_URL", "https://ci/1/"));
    assertEquals("2", env.get("GERRIT_PATCHSET_NUMBER")); // what the job exported wins
    assertEquals("patchset-created", env.get("GERRIT_EVENT_TYPE"));
    assertEquals("42", env.get("GERRIT_CHANGE_NUMBER"));
    assertEquals("refs/changes/42/42/3", env.get("GERRIT_REFSPEC"));
    assertFalse(env.containsKey("GERRIT_CHANGE_URL"));
    assertEquals(9, env.size());
  }

  @Test
  public void emptyFormFieldsAreNotSetAndFallBackToTheGlobalDefaults() {
    GlobalDefaults defaults = GlobalDefaults.builder().registry("registry.example.org").build();
    StepCommand command = call(StepSpecs.RUN, params("registry", "", "network", " ", "jobs", "", "since", ""), defaults)
        .command(List.of(), RESULT);
    assertEquals(List.of("run", ".", "--registry", "registry.example.org", "--result-file", RESULT), command.arguments());
    assertEquals("modelpipePublish: parameter 'image' is required, and is empty",
        assertThrows(StepParameterException.class,
            () -> call(StepSpecs.PUBLISH, params("image", "", "name", "n", "tags", "t"))).getMessage());
  }
}
