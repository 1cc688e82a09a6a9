package io.modelpipe.image;

import io.modelpipe.RetryPolicy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.ServiceUnavailableException;
import io.modelpipe.image.testing.CliProcess;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.image.testing.RegistryFixture;
import io.modelpipe.image.testing.TestImages;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.Test;

/** A registry that goes away: during a push, and before one. */
public class PublishFaultTest {

  private static final RetryPolicy FAST = RetryPolicy.builder()
      .maxAttempts(3).initialDelay(Duration.ofMillis(200)).maxDelay(Duration.ofMillis(800)).build();

  @Test
  public void registryStoppedMidPushFailsAfterRetriesAndARerunSucceeds() {
    DockerEngineFixture engine = DockerEngineFixture.get();
    String image = TestImages.big(engine, 30);
    try (RegistryFixture registry = RegistryFixture.start()) {
      PublishTarget target = new PublishTarget(RegistryAddress.parse(registry.address()), "big", List.of("1"));
      AtomicBoolean stopped = new AtomicBoolean();
      List<String> retries = new CopyOnWriteArrayList<>();
      PublishListener stopOnFirstUpload = new PublishListener() {
        @Override
        public void onProgress(PushProgress progress) {
          if (progress.status().equals("Pushing") && stopped.compareAndSet(false, true)) {
            registry.stop();
          }
        }

        @Override
        public void onRetry(String step, int nextAttempt, int maxAttempts, Duration delay, String reason) {
          retries.add(nextAttempt + "/" + maxAttempts + " " + reason);
        }
      };
      ImagePublisher publisher = new ImagePublisher(engine.client(), Sleeper.THREAD);
      try {
        publisher.publish(PublishRequest.builder(image, target).retryPolicy(FAST).listener(stopOnFirstUpload).build());
        fail("expected the push to fail");
      } catch (ServiceUnavailableException e) {
        assertFalse(e instanceof RegistryAuthenticationException);
        assertTrue(stopped.get());
        assertEquals("registry " + registry.address(), e.service());
        assertTrue(e.getMessage(), e.getMessage().contains("after 3 attempts"));
        assertTrue(e.getMessage(), e.getMessage().contains("connection refused"));
        assertEquals(retries.toString(), 2, retries.size());
        assertTrue(retries.get(0), retries.get(0).startsWith("2/3 "));
      }

      registry.restart();
      PublishResult rerun = publisher.publish(PublishRequest.builder(image, target).retryPolicy(FAST).build());
      assertEquals(List.of("1"), tags(registry, "big"));
      assertEquals(2, rerun.layersPushed() + rerun.layersSkipped());
      assertTrue("the big layer is uploaded by the rerun", rerun.layersPushed() >= 1);
      assertEquals(registry.request("HEAD", "/v2/big/manifests/1", RegistryClient.MANIFEST_TYPES)
          .headers().firstValue("Docker-Content-Digest").orElseThrow(), rerun.digest());
    }
  }

  @Test
  public void commandLineExitsWith3WhenTheRegistryIsDown() {
    DockerEngineFixture engine = DockerEngineFixture.get();
    String busybox = engine.ensureBusybox();
    String address;
    try (RegistryFixture registry = RegistryFixture.start()) {
      address = registry.address();
    }
    CliProcess.Result result = CliProcess.run(Map.of("DOCKER_HOST", engine.dockerHost()), null,
        "publish", busybox, "--registry", address, "--name", "down", "--tag", "1",
        "--attempts", "2", "--retry-delay", "0.1");
    assertEquals(result.all(), 3, result.code());
    assertTrue(result.err(), result.err().contains("modelpipe: registry " + address + ": cannot push "
        + address + "/down:1 after 2 attempts"));
    assertTrue(result.err(), result.err().contains("connection refused"));
    assertTrue(result.err(), result.err().contains("attempt 2 of 2 in 100ms"));
    assertEquals("", result.out());
  }

  private static List<String> tags(RegistryFixture registry, String path) {
    List<String> tags = new java.util.ArrayList<>();
    tools.jackson.databind.json.JsonMapper.builder().build()
        .readTree(registry.request("GET", "/v2/" + path + "/tags/list", null).body())
        .path("tags").forEach(t -> tags.add(t.asString()));
    return tags;
  }
}
