package io.modelpipe.image;

import io.modelpipe.RetryPolicy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.image.testing.CliProcess;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.image.testing.RegistryFixture;
import io.modelpipe.yaml.InvalidInputException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.AfterClass;
import org.junit.BeforeClass;
import org.junit.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Publishing through a real Docker Engine to a real registry (no auth), read back through the
 * registry's own API.
 */
public class PublishToRegistryTest {

  private static final RetryPolicy FAST = RetryPolicy.builder()
      .maxAttempts(3).initialDelay(Duration.ofMillis(100)).maxDelay(Duration.ofMillis(400)).build();
  private static final AtomicInteger NAMES = new AtomicInteger();

  private static DockerEngineFixture engine;
  private static RegistryFixture registry;
  private static String busybox;

  @BeforeClass
  public static void startServices() {
    engine = DockerEngineFixture.get();
    busybox = engine.ensureBusybox();
    registry = RegistryFixture.start();
  }

  @AfterClass
  public static void stopRegistry() {
    if (registry != null) {
      registry.close();
    }
  }

  private static String freshName() {
    return "svc-" + ProcessHandle.current().pid() + "-" + NAMES.incrementAndGet();
  }

  private static PublishTarget target(String name, String... tags) {
    return target(registry, name, tags);
  }

  private static PublishTarget target(RegistryFixture registry, String name, String... tags) {
    return new PublishTarget(RegistryAddress.parse(registry.address() + "/team"), name, List.of(tags));
  }

  private static List<String> registryTags(RegistryFixture registry, String path) {
    HttpResponse<String> response = registry.request("GET", "/v2/" + path + "/tags/list", null);
    assertEquals(response.body(), 200, response.statusCode());
    List<String> tags = new java.util.ArrayList<>();
    JsonMapper.builder().build().readTree(response.body()).path("tags").forEach(t -> tags.add(t.asString()));
    return tags;
  }

  private static String registryDigest(RegistryFixture registry, String path, String tag) {
    HttpResponse<String> response = registry.request("HEAD", "/v2/" + path + "/manifests/" + tag, RegistryClient.MANIFEST_TYPES);
    assertEquals(200, response.statusCode());
    return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }

  @Test
  public void publishesEveryTagAndReportsTheRegistrysDigest() {
    // A registry of its own: no other repository there to mount the layer from.
    try (RegistryFixture registry = RegistryFixture.start()) {
      publishesEveryTagAndReportsTheRegistrysDigest(registry);
    }
  }

  private void publishesEveryTagAndReportsTheRegistrysDigest(RegistryFixture registry) {
    String timestamp = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss"));
    String name = freshName();
    List<PushProgress> events = new CopyOnWriteArrayList<>();
    List<String> pushed = new CopyOnWriteArrayList<>();
    PublishResult result = new ImagePublisher(engine.client(), Sleeper.THREAD).publish(
        PublishRequest.builder(busybox, target(registry, name, timestamp + "-publish", "stable"))
            .retryPolicy(FAST)
            .listener(new PublishListener() {
              @Override
              public void onProgress(PushProgress progress) {
                events.add(progress);
              }

              @Override
              public void onPushed(ImageReference reference, String digest) {
                pushed.add(reference + "@" + digest);
              }
            })
            .build());

    String repository = registry.address() + "/team/" + name;
    assertEquals(List.of(repository + ":" + timestamp + "-publish", repository + ":stable"),
        result.references().stream().map(ImageReference::toString).toList());
    assertEquals(List.of(timestamp + "-publish", "stable"), registryTags(registry, "team/" + name).stream().sorted().toList());
    assertEquals(registryDigest(registry, "team/" + name, "stable"), result.digest());
    assertEquals(registryDigest(registry, "team/" + name, timestamp + "-publish"), result.digest());
    assertEquals(repository + "@" + result.digest(), result.pinnedReference());
    // busybox is one layer: uploaded by the first tag's push, already there for the second.
    assertEquals(1, result.layersPushed());
    assertEquals(0, result.layersSkipped());
    assertTrue(events.toString(), events.stream().anyMatch(e -> e.status().equals("Pushed") && !e.layer().isEmpty()));
    assertEquals(List.of(repository + ":" + timestamp + "-publish@" + result.digest(), repository + ":stable@" + result.digest()), pushed);
  }

  @Test
  public void republishingAnUnchangedImageUploadsNoLayer() {
    try (RegistryFixture registry = RegistryFixture.start()) {
      republishingAnUnchangedImageUploadsNoLayer(registry);
    }
  }

  private void republishingAnUnchangedImageUploadsNoLayer(RegistryFixture registry) {
    String name = freshName();
    ImagePublisher publisher = new ImagePublisher(engine.client(), Sleeper.THREAD);
    PublishResult first = publisher.publish(PublishRequest.builder(busybox, target(registry, name, "v1")).retryPolicy(FAST).build());
    long storedAfterFirst = registry.storageBytes();

    PublishResult again = publisher.publish(PublishRequest.builder(busybox, target(registry, name, "v1")).retryPolicy(FAST).build());

    assertEquals(1, first.layersPushed());
    assertEquals(0, again.layersPushed());
    assertEquals(1, again.layersSkipped());
    assertEquals(first.digest(), again.digest());
    assertEquals("no byte stored again", storedAfterFirst, registry.storageBytes());
  }

  @Test
  public void invalidTagsAndNamesFailBeforeAnythingIsPushed() {
    try {
      target("Bad Name", "ok", "-bad", "also bad");
      fail("expected InvalidInputException");
    } catch (InvalidInputException e) {
      assertEquals(e.getMessage(), 3, e.diagnostics().size());
    }
    CliProcess.Result cli = CliProcess.run(Map.of("DOCKER_HOST", engine.dockerHost()), null,
        "publish", busybox, "--registry", registry.address(), "--name", "fine-name", "--tag", "ok", "--tag", "not:ok");
    assertEquals(cli.all(), 2, cli.code());
    assertTrue(cli.err(), cli.err().contains("'not:ok' is not a valid image tag"));
    assertEquals(404, registry.request("GET", "/v2/fine-name/tags/list", null).statusCode());
    assertFalse(engine.imageExists(registry.address() + "/fine-name:ok"));
  }

  @Test
  public void anImageMissingFromTheEngineIsInvalidInput() {
    try {
      new ImagePublisher(engine.client(), Sleeper.THREAD)
          .publish(PublishRequest.builder("local/no-such-image:1", target(freshName(), "v1")).build());
      fail("expected InvalidInputException");
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("no image 'local/no-such-image:1' in the Docker Engine"));
    }
  }

  @Test
  public void commandLinePrintsReferencesDigestAndSummary() {
    try (RegistryFixture registry = RegistryFixture.start()) {
      commandLinePrintsReferencesDigestAndSummary(registry);
    }
  }

  private void commandLinePrintsReferencesDigestAndSummary(RegistryFixture registry) {
    String name = freshName();
    CliProcess.Result text = CliProcess.run(
        Map.of("DOCKER_HOST", engine.dockerHost(), "MODELPIPE_REGISTRY", registry.address()), null,
        "publish", busybox, "--name", name, "--tag", "a1", "--tag", "stable");
    assertEquals(text.all(), 0, text.code());
    String digest = registryDigest(registry, name, "stable");
    assertEquals(String.join("\n",
        registry.address() + "/" + name + ":a1@" + digest,
        registry.address() + "/" + name + ":stable@" + digest,
        "published " + busybox + ": 2 tags, digest " + digest + "; 1 layer pushed, 0 already in the registry",
        ""), text.out());
    // Progress: plain per-layer lines on standard error (not a terminal here).
    assertTrue(text.err(), text.err().contains(": Pushed\n"));
    assertFalse(text.err(), text.err().contains("\r"));

    CliProcess.Result json = CliProcess.run(Map.of("DOCKER_HOST", engine.dockerHost()), null,
        "publish", busybox, "--registry", registry.address(), "--name", name, "--tag", "a1", "--json");
    assertEquals(json.all(), 0, json.code());
    JsonNode node = JsonMapper.builder().build().readTree(json.out());
    assertEquals(busybox, node.get("image").asString());
    assertEquals("[\"" + registry.address() + "/" + name + ":a1\"]", node.get("references").toString());
    assertEquals(digest, node.get("digest").asString());
    assertEquals(0, node.get("layersPushed").asInt());
    assertEquals(1, node.get("layersSkipped").asInt());
  }

  @Test
  public void registryClientReadsDigestsAndTagsOfTheRealRegistry() {
    String name = freshName();
    PublishResult result = new ImagePublisher(engine.client(), Sleeper.THREAD)
        .publish(PublishRequest.builder(busybox, target(name, "x1")).retryPolicy(FAST).build());
    try (RegistryClient client = RegistryClient.builder(RegistryAddress.parse(registry.address())).retryPolicy(FAST).build()) {
      assertEquals(Optional.of(result.digest()), client.manifestDigest("team/" + name, "x1"));
      assertEquals(Optional.empty(), client.manifestDigest("team/" + name, "missing"));
      assertEquals(List.of("x1"), client.tags("team/" + name));
      assertEquals(List.of(), client.tags("team/never-pushed"));
    }
  }
}
