package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.image.testing.CliProcess;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.image.testing.RegistryFixture;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Publishing to a real registry with htpasswd auth: every way credentials arrive, and refusals. */
public class PublishAuthTest {

  private static final String USER = "ci-bot";
  private static final String PASSWORD = "right-" + UUID.randomUUID();
  private static final String WRONG = "wrong-" + UUID.randomUUID();

  private static DockerEngineFixture engine;
  private static RegistryFixture registry;
  private static String busybox;

  @BeforeClass
  public static void startServices() {
    engine = DockerEngineFixture.get();
    busybox = engine.ensureBusybox();
    registry = RegistryFixture.startWithAuth(USER, PASSWORD);
  }

  @AfterClass
  public static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static void assertNoSecret(String text, String secret) {
    String basic = Base64.getEncoder().encodeToString((USER + ":" + secret).getBytes(StandardCharsets.UTF_8));
    assertFalse("the password leaked: " + text, text.contains(secret));
    assertFalse("the password leaked base64-encoded: " + text, text.contains(basic));
  }

  @Test
  public void wrongPasswordIsFinalExit3AndNeverShown() {
    CliProcess.Result result = CliProcess.run(Map.of(
            "DOCKER_HOST", engine.dockerHost(),
            "MODELPIPE_REGISTRY", registry.address(),
            "MODELPIPE_REGISTRY_USER", USER,
            "MODELPIPE_REGISTRY_PASSWORD", WRONG), null,
        "publish", busybox, "--name", "locked", "--tag", "1", "--attempts", "3", "--retry-delay", "0.1");
    assertEquals(result.all(), 3, result.code());
    assertTrue(result.err(), result.err().contains("modelpipe: registry " + registry.address()
        + ": authentication failed for user '" + USER + "' (credentials from MODELPIPE_REGISTRY_USER and"
        + " MODELPIPE_REGISTRY_PASSWORD) trying to push " + registry.address() + "/locked:1: unauthorized"));
    assertFalse("an auth failure is not retried: " + result.err(), result.err().contains("attempt 2 of"));
    assertNoSecret(result.all(), WRONG);
  }

  @Test
  public void wrongPasswordThroughTheApiLeavesNoSecretInTheException() {
    RegistryCredentials wrong = RegistryCredentials.of(USER, WRONG, "test");
    AtomicInteger retries = new AtomicInteger();
    try {
      new ImagePublisher(engine.client(), duration -> fail("no wait expected")).publish(
          PublishRequest.builder(busybox, new PublishTarget(RegistryAddress.parse(registry.address()), "locked", List.of("2")))
              .credentials(Optional.of(wrong))
              .listener(new PublishListener() {
                @Override
                public void onRetry(String step, int nextAttempt, int maxAttempts, Duration delay, String reason) {
                  retries.incrementAndGet();
                }
              })
              .build());
      fail("expected RegistryAuthenticationException");
    } catch (RegistryAuthenticationException e) {
      StringWriter trace = new StringWriter();
      e.printStackTrace(new PrintWriter(trace));
      assertNoSecret(trace.toString(), WRONG);
      assertNoSecret(wrong.toString(), WRONG);
      assertEquals(0, retries.get());
    }
  }

  @Test
  public void noCredentialsIsExit3WithAHint() {
    CliProcess.Result result = CliProcess.run(Map.of("DOCKER_HOST", engine.dockerHost()), null,
        "publish", busybox, "--registry", registry.address(), "--name", "locked", "--tag", "1");
    assertEquals(result.all(), 3, result.code());
    assertTrue(result.err(), result.err().contains("authentication failed (no credentials: set MODELPIPE_REGISTRY_USER"));
  }

  @Test
  public void passwordFromStandardInput() {
    CliProcess.Result result = CliProcess.run(Map.of("DOCKER_HOST", engine.dockerHost()), PASSWORD + "\n",
        "publish", busybox, "--registry", registry.address(), "--name", "from-stdin", "--tag", "1",
        "--user", USER, "--password-stdin");
    assertEquals(result.all(), 0, result.code());
    String digest = registry.request("HEAD", "/v2/from-stdin/manifests/1", RegistryClient.MANIFEST_TYPES)
        .headers().firstValue("Docker-Content-Digest").orElseThrow();
    assertTrue(result.out(), result.out().startsWith(registry.address() + "/from-stdin:1@" + digest + "\n"));
    assertNoSecret(result.all(), PASSWORD);
  }

  @Test
  public void credentialsFromDockerConfigJson() throws Exception {
    Path dockerConfig = Files.createTempDirectory("docker-config");
    String auth = Base64.getEncoder().encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));
    Files.writeString(dockerConfig.resolve("config.json"),
        "{\"auths\": {\"http://" + registry.address() + "\": {\"auth\": \"" + auth + "\"},"
            + " \"other.example\": {\"auth\": \"eDp5\"}}}");
    CliProcess.Result result = CliProcess.run(
        Map.of("DOCKER_HOST", engine.dockerHost(), "DOCKER_CONFIG", dockerConfig.toString()), null,
        "publish", busybox, "--registry", registry.address() + "/ns", "--name", "from-config", "--tag", "1",
        "--tag", "stable", "--json");
    assertEquals(result.all(), 0, result.code());
    JsonNode json = JsonMapper.builder().build().readTree(result.out());
    String digest = registry.request("HEAD", "/v2/ns/from-config/manifests/stable", RegistryClient.MANIFEST_TYPES)
        .headers().firstValue("Docker-Content-Digest").orElseThrow();
    assertEquals(digest, json.get("digest").asString());
    assertEquals(2, json.get("references").size());
    assertNoSecret(result.all(), PASSWORD);
  }
}
