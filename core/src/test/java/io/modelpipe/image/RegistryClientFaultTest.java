package io.modelpipe.image;

import io.modelpipe.RetryPolicy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelpipe.ServiceUnavailableException;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Test;

/**
 * {@link RegistryClient} against a fault-injecting HTTP server: 429 and 503 sequences, refusals and
 * bearer challenges that a real registry does not produce on demand. The same client is tested
 * against a real registry in {@link PublishToRegistryTest}.
 */
public class RegistryClientFaultTest {

  private static final String DIGEST = "sha256:" + "ab".repeat(32);

  private HttpServer server;
  /** Status codes to answer in turn for manifests; 200 with the digest once empty. */
  private final Deque<Integer> statuses = new ArrayDeque<>();
  private final List<String> requests = new ArrayList<>();
  private final List<Duration> waits = new ArrayList<>();

  @Before
  public void startServer() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/v2/", this::manifests);
    server.createContext("/token", exchange -> {
      requests.add("token " + exchange.getRequestURI().getQuery() + " " + exchange.getRequestHeaders().getFirst("Authorization"));
      answer(exchange, 200, "{\"token\":\"tok-123\"}");
    });
    server.start();
  }

  @After
  public void stopServer() {
    server.stop(0);
  }

  private synchronized void manifests(HttpExchange exchange) throws IOException {
    String authorization = exchange.getRequestHeaders().getFirst("Authorization");
    requests.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath() + " " + authorization
        + " " + exchange.getRequestHeaders().getFirst("Accept"));
    Integer status = statuses.poll();
    if (status == null) {
      exchange.getResponseHeaders().add("Docker-Content-Digest", DIGEST);
      answer(exchange, 200, null);
    } else if (status == 401) {
      exchange.getResponseHeaders().add("WWW-Authenticate", "Bearer realm=\"http://" + address() + "/token\",service=\"fake\"");
      answer(exchange, 401, "{\"errors\":[{\"code\":\"UNAUTHORIZED\",\"message\":\"authentication required\"}]}");
    } else {
      answer(exchange, status, "{\"errors\":[{\"code\":\"X\",\"message\":\"injected " + status + "\"}]}");
    }
  }

  private static void answer(HttpExchange exchange, int status, String body) throws IOException {
    byte[] bytes = body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8);
    boolean head = exchange.getRequestMethod().equals("HEAD");
    exchange.sendResponseHeaders(status, head || bytes.length == 0 ? -1 : bytes.length);
    if (!head && bytes.length > 0) {
      exchange.getResponseBody().write(bytes);
    }
    exchange.close();
  }

  private String address() {
    return "127.0.0.1:" + server.getAddress().getPort();
  }

  private RegistryClient client(Optional<RegistryCredentials> credentials) {
    return RegistryClient.builder(RegistryAddress.parse(address()))
        .credentials(credentials)
        .retryPolicy(RetryPolicy.builder().maxAttempts(3).initialDelay(Duration.ofMillis(10)).maxDelay(Duration.ofMillis(40)).build())
        .sleeper(waits::add)
        .build();
  }

  @Test
  public void rateLimitAndUnavailableAreRetriedWithBackoff() {
    statuses.addAll(List.of(429, 503));
    try (RegistryClient client = client(Optional.empty())) {
      assertEquals(Optional.of(DIGEST), client.manifestDigest("ns/svc", "stable"));
    }
    assertEquals(List.of(Duration.ofMillis(10), Duration.ofMillis(20)), waits);
    assertEquals(3, requests.size());
    assertTrue(requests.get(0), requests.get(0).startsWith("HEAD /v2/ns/svc/manifests/stable null "));
    assertTrue(requests.get(0), requests.get(0).contains("application/vnd.oci.image.index.v1+json"));
  }

  @Test
  public void unavailableThroughoutIsServiceUnavailableAfterAllAttempts() {
    statuses.addAll(List.of(503, 503, 503, 503));
    try (RegistryClient client = client(Optional.empty())) {
      client.manifestDigest("svc", "1");
      fail("expected ServiceUnavailableException");
    } catch (ServiceUnavailableException e) {
      assertFalse(e instanceof RegistryAuthenticationException);
      assertEquals("registry " + address() + ": cannot get the digest of " + address() + "/svc:1 after 3 attempts: HEAD /v2/svc/manifests/1 answered 503", e.getMessage().replaceAll(" Service Unavailable$", ""));
    }
    assertEquals(3, requests.size());
  }

  @Test
  public void forbiddenIsFinalAndTheMessageHasNoPassword() {
    statuses.add(403);
    RegistryCredentials credentials = RegistryCredentials.of("bot", "sekrit-pw", "test");
    try (RegistryClient client = client(Optional.of(credentials))) {
      client.tags("svc");
      fail("expected RegistryAuthenticationException");
    } catch (RegistryAuthenticationException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("authentication failed for user 'bot' (credentials from test)"));
      assertTrue(e.getMessage(), e.getMessage().contains("answered 403"));
      assertFalse(e.getMessage(), e.getMessage().contains("sekrit-pw"));
    }
    assertEquals(List.of(), waits);
    assertTrue(requests.get(0), requests.get(0).contains("Basic " + credentials.basicToken()));
  }

  @Test
  public void bearerChallengeIsAnsweredWithATokenFetchedWithBasicAuth() {
    statuses.add(401);
    RegistryCredentials credentials = RegistryCredentials.of("bot", "pw", "test");
    try (RegistryClient client = client(Optional.of(credentials))) {
      assertEquals(Optional.of(DIGEST), client.manifestDigest("svc", "1"));
    }
    assertEquals(3, requests.size());
    assertEquals("token service=fake&scope=repository:svc:pull Basic " + credentials.basicToken(), requests.get(1));
    assertTrue(requests.get(2), requests.get(2).contains("Bearer tok-123"));
    assertEquals(List.of(), waits);
  }

  @Test
  public void notFoundIsEmptyNotAnError() {
    statuses.add(404);
    try (RegistryClient client = client(Optional.empty())) {
      assertEquals(Optional.empty(), client.manifestDigest("svc", "nope"));
    }
  }
}
