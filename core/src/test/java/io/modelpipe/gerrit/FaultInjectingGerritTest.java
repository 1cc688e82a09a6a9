package io.modelpipe.gerrit;

import io.modelpipe.RetryPolicy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.After;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Retry behaviour for answers a real Gerrit gives only under load (429, 503): a small HTTP server
 * that answers scripted statuses, then behaves like Gerrit's two endpoints modelpipe uses.
 */
public class FaultInjectingGerritTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final ChangeTarget TARGET = new ChangeTarget("machinelearning/liftwing/inference-services", 42, 3);
  private static final String PASSWORD = "s3cret-pa55";

  private HttpServer server;
  /** Statuses to answer, in order, before behaving; each entry is {status, Retry-After or null}. */
  private final Deque<Object[]> faults = new ArrayDeque<>();
  private final List<String> requests = Collections.synchronizedList(new ArrayList<>());
  private final List<String> authorizations = Collections.synchronizedList(new ArrayList<>());
  private final List<JsonNode> stored = Collections.synchronizedList(new ArrayList<>());
  /** When set, a POST stores the message but answers 502 (a proxy losing the answer). */
  private volatile boolean loseNextPostAnswer;

  @Before
  public void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", this::handle);
    server.start();
  }

  @After
  public void stop() {
    server.stop(0);
  }

  private URI url() {
    return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/r/");
  }

  private void handle(HttpExchange exchange) throws IOException {
    String line = exchange.getRequestMethod() + " " + exchange.getRequestURI().getRawPath();
    requests.add(line);
    authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
    byte[] body = exchange.getRequestBody().readAllBytes();
    Object[] fault;
    synchronized (faults) {
      fault = faults.poll();
    }
    if (fault != null) {
      if (fault[1] != null) {
        exchange.getResponseHeaders().add("Retry-After", (String) fault[1]);
      }
      answer(exchange, (int) fault[0], "text/plain", "scripted failure " + fault[0] + "\n");
      return;
    }
    String prefix = "/r/a/changes/machinelearning%2Fliftwing%2Finference-services~42";
    if (line.equals("GET " + prefix + "/messages")) {
      StringBuilder json = new StringBuilder("[");
      synchronized (stored) {
        for (int i = 0; i < stored.size(); i++) {
          JsonNode review = stored.get(i);
          if (!review.has("message")) {
            continue; // a review of comments only
          }
          json.append(i == 0 ? "" : ",").append(JSON.writeValueAsString(Map.of("id", "m" + i, "tag",
              review.get("tag").asString(), "_revision_number", 3, "message",
              "Patch Set 3:\n\n" + review.get("message").asString().strip())));
        }
      }
      answer(exchange, 200, "application/json", ")]}'\n" + json + "]");
    } else if (line.equals("GET " + prefix + "/revisions/3/files")) {
      answer(exchange, 200, "application/json", ")]}'\n{\"/COMMIT_MSG\":{\"status\":\"A\"},\"app/model.py\":{}}");
    } else if (line.equals("GET " + prefix + "/revisions/3/files/app%2Fmodel.py/content")) {
      answer(exchange, 200, "text/plain", java.util.Base64.getEncoder().encodeToString(
          "import os\n\nx = 1\n".getBytes(StandardCharsets.UTF_8)));
    } else if (line.equals("GET " + prefix + "/comments")) {
      tools.jackson.databind.node.ObjectNode byPath = JSON.createObjectNode();
      synchronized (stored) {
        for (JsonNode review : stored) {
          review.path("comments").properties().forEach(e -> e.getValue().forEach(c -> {
            tools.jackson.databind.node.ObjectNode info = ((tools.jackson.databind.node.ObjectNode) c).deepCopy();
            info.put("patch_set", 3);
            info.put("tag", review.get("tag").asString());
            (byPath.has(e.getKey()) ? (tools.jackson.databind.node.ArrayNode) byPath.get(e.getKey())
                : byPath.putArray(e.getKey())).add(info);
          }));
        }
      }
      answer(exchange, 200, "application/json", ")]}'\n" + JSON.writeValueAsString(byPath));
    } else if (line.equals("POST " + prefix + "/revisions/3/review")) {
      stored.add(JSON.readTree(new String(body, StandardCharsets.UTF_8)));
      if (loseNextPostAnswer) {
        loseNextPostAnswer = false;
        answer(exchange, 502, "text/plain", "Bad Gateway\n");
      } else {
        answer(exchange, 200, "application/json", ")]}'\n{\"labels\":{}}");
      }
    } else {
      answer(exchange, 404, "text/plain", "Not found: " + exchange.getRequestURI().getRawPath() + "\n");
    }
  }

  private static void answer(HttpExchange exchange, int status, String type, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    exchange.getResponseHeaders().add("Content-Type", type);
    exchange.sendResponseHeaders(status, bytes.length);
    exchange.getResponseBody().write(bytes);
    exchange.close();
  }

  private GerritSettings settings(int attempts) {
    return GerritSettings.of(url(), new GerritCredentials.HttpPassword("bot", Secret.of(PASSWORD)))
        .withRetry(RetryPolicy.of(attempts, Duration.ofMillis(20), Duration.ofMillis(80)))
        .withOutbox(temp.getRoot().toPath().resolve(".modelpipe/outbox"));
  }

  private void fault(int status, String retryAfter) {
    faults.add(new Object[] {status, retryAfter});
  }

  @Test
  public void aLostAnswerOfAReviewWithInlineCommentsIsNotPostedAgain() {
    loseNextPostAnswer = true;
    InlineRequest inline = new InlineRequest(List.of(
        new io.modelpipe.result.LintFinding("flake8", "app/model.py", 1, 1, "F401", "'os' imported but unused", ""),
        new io.modelpipe.result.LintFinding("flake8", "app/model.py", 9, 1, "W391", "blank line at end of file", ""),
        new io.modelpipe.result.LintFinding("flake8", "lib/other.py", 2, 1, "F401", "'re' imported but unused", "")), 50);
    DeliveryOutcome outcome = new GerritReporter(settings(3), line -> {}).deliver(TARGET, "hello\n", inline);
    assertTrue(outcome.toString(), outcome instanceof DeliveryOutcome.AlreadyPosted);
    assertEquals(0, ((DeliveryOutcome.AlreadyPosted) outcome).completed());
    assertEquals(1, stored.size());
    JsonNode review = stored.get(0);
    assertEquals("hello\n\nINLINE COMMENTS:\n 1 finding posted inline on patch set 3\n 1 finding in unchanged files\n"
        + " left out: app/model.py:9:1: W391 blank line at end of file [flake8] (line 9 is outside the file, which has 3"
        + " lines in patch set 3)\n", review.get("message").asString());
    assertEquals(Review.TAG, review.get("tag").asString());
    assertTrue(review.get("omit_duplicate_comments").asBoolean());
    assertEquals("[{\"line\":1,\"message\":\"flake8: F401 'os' imported but unused (column 1)\",\"unresolved\":false}]",
        review.get("comments").get("app/model.py").toString());
    assertEquals(List.of(new io.modelpipe.result.LintFinding("flake8", "app/model.py", 1, 1, "F401",
        "'os' imported but unused", "")), outcome.toResult().inline());
  }

  @Test
  public void retries503ThenPostsOnce() {
    fault(503, null);
    fault(503, null);
    List<String> progress = new ArrayList<>();
    DeliveryOutcome outcome = new GerritReporter(settings(5), progress::add).deliver(TARGET, "hello\n");
    assertEquals(new DeliveryOutcome.Delivered(TARGET, 3), outcome);
    assertEquals(List.of(
        "GET /r/a/changes/machinelearning%2Fliftwing%2Finference-services~42/messages",
        "GET /r/a/changes/machinelearning%2Fliftwing%2Finference-services~42/messages",
        "GET /r/a/changes/machinelearning%2Fliftwing%2Finference-services~42/messages",
        "POST /r/a/changes/machinelearning%2Fliftwing%2Finference-services~42/revisions/3/review"), requests);
    assertEquals(List.of(
        "Gerrit answered HTTP 503 (scripted failure 503); retrying in 20ms (attempt 2 of 5)",
        "Gerrit answered HTTP 503 (scripted failure 503); retrying in 40ms (attempt 3 of 5)"), progress);
    assertEquals(1, stored.size());
    JsonNode body = stored.get(0);
    assertEquals("hello\n", body.get("message").asString());
    assertEquals("autogenerated:modelpipe", body.get("tag").asString());
    assertFalse(body.has("labels"));
    assertFalse(body.has("notify"));
    assertEquals("Basic Ym90OnMzY3JldC1wYTU1", authorizations.get(0)); // bot:s3cret-pa55
  }

  @Test
  public void honoursRetryAfterOf429UpToTheMaximumDelay() {
    fault(429, "3600");
    List<String> progress = new ArrayList<>();
    long started = System.nanoTime();
    DeliveryOutcome outcome = new GerritReporter(settings(3), progress::add).deliver(TARGET, "hello");
    long ms = (System.nanoTime() - started) / 1_000_000;
    assertTrue(outcome instanceof DeliveryOutcome.Delivered);
    // the wait it announces is capped at maxDelay (not Retry-After's hour); a loaded machine only waits longer
    assertTrue(progress.toString(), progress.get(0).endsWith("; retrying in 80ms (attempt 2 of 3)"));
    assertTrue("waited " + ms + " ms: at least maxDelay 80 ms", ms >= 80);
  }

  @Test
  public void aPostWhoseAnswerIsLostIsNotRepeated() {
    loseNextPostAnswer = true;
    DeliveryOutcome outcome = new GerritReporter(settings(3), line -> {}).deliver(TARGET, "only once");
    assertTrue(outcome.toString(), outcome instanceof DeliveryOutcome.AlreadyPosted);
    assertEquals(1, stored.size());
    assertEquals(1, requests.stream().filter(r -> r.startsWith("POST")).count());
  }

  @Test
  public void staysUnavailableThenQueuesWithoutCredentials() throws IOException {
    for (int i = 0; i < 3; i++) {
      fault(500, null);
    }
    GerritSettings settings = settings(3).withLabels(Map.of("Verified", 1)).withNotify(Optional.of(Notify.OWNER));
    DeliveryOutcome outcome = new GerritReporter(settings, line -> {}).deliver(TARGET, "queued message");
    assertTrue(outcome.toString(), outcome instanceof DeliveryOutcome.Queued);
    DeliveryOutcome.Queued queued = (DeliveryOutcome.Queued) outcome;
    assertEquals("Gerrit answered HTTP 500 (scripted failure 500) after 3 attempts", queued.reason());
    String text = Files.readString(queued.file());
    assertFalse(text.contains(PASSWORD));
    assertFalse(text.contains("Ym90OnMzY3JldC1wYTU1"));
    PendingReview pending = Outbox.read(queued.file());
    assertEquals(new PendingReview(url(), TARGET, new Review("queued message", Review.TAG, Map.of("Verified", 1),
        Optional.of(Notify.OWNER))), pending);
    assertEquals(0, stored.size());

    // Queuing the same review again rewrites the one file.
    for (int i = 0; i < 3; i++) {
      fault(500, null);
    }
    DeliveryOutcome again = new GerritReporter(settings, line -> {}).deliver(TARGET, "queued message");
    assertEquals(queued.file(), ((DeliveryOutcome.Queued) again).file());

    // The server recovers: a flush sends it once, with the labels and notify kept, and removes it.
    List<GerritReporter.FlushEntry> flushed = new GerritReporter(
        GerritSettings.forFlush(settings.credentials(), settings.outbox()), line -> {}).flush();
    assertEquals(1, flushed.size());
    assertTrue(flushed.get(0).done());
    assertFalse(Files.exists(queued.file()));
    assertEquals(1, stored.size());
    assertEquals(1, stored.get(0).get("labels").get("Verified").asInt());
    assertEquals("OWNER", stored.get(0).get("notify").asString());
  }

  @Test
  public void other4xxAreFinalWithGerritsText() {
    fault(400, null);
    try {
      new GerritReporter(settings(5), line -> {}).deliver(TARGET, "x");
      fail("400 is final");
    } catch (GerritRejectedException e) {
      assertEquals(400, e.status());
      assertEquals("Gerrit rejected the review on machinelearning/liftwing/inference-services~42 patch set 3"
          + " (HTTP 400); Gerrit says: scripted failure 400", e.getMessage());
    }
    assertEquals(1, requests.size());
  }

  @Test
  public void bearerTokenIsSentAsBearer() {
    GerritSettings settings = GerritSettings.of(url(), new GerritCredentials.BearerToken(Secret.of("tok-123")))
        .withRetry(RetryPolicy.of(1, Duration.ZERO, Duration.ZERO));
    assertTrue(new GerritReporter(settings, line -> {}).deliver(TARGET, "t") instanceof DeliveryOutcome.Delivered);
    assertEquals("Bearer tok-123", authorizations.get(0));
    assertFalse(settings.toString().contains("tok-123"));
  }

  @Test
  public void aRefusedConnectionIsRetriedThenQueued() throws IOException {
    server.stop(0);
    DeliveryOutcome outcome = new GerritReporter(settings(2), line -> {}).deliver(TARGET, "down");
    assertTrue(outcome instanceof DeliveryOutcome.Queued);
    assertEquals("cannot reach Gerrit at " + url() + ": connection refused after 2 attempts",
        ((DeliveryOutcome.Queued) outcome).reason());
    Path dir = temp.getRoot().toPath().resolve(".modelpipe/outbox");
    try (var files = Files.list(dir)) {
      assertEquals(List.of(((DeliveryOutcome.Queued) outcome).file()), files.toList());
    }
  }
}
