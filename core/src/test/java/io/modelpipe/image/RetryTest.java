package io.modelpipe.image;

import io.modelpipe.RetryPolicy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

/** {@link RetryPolicy}, {@link Retrier} with a recording sleeper, {@link Failure} classification. */
public class RetryTest {

  private final List<Duration> waits = new ArrayList<>();
  private final List<String> observed = new ArrayList<>();

  private Retrier retrier(RetryPolicy policy) {
    return new Retrier(policy, waits::add, (next, max, delay, failure) -> observed.add(next + "/" + max + " " + failure.message()));
  }

  @Test
  public void defaultPolicyWaitsOneThenTwoSecondsAndCapsAtFour() {
    assertEquals(3, RetryPolicy.DEFAULT.maxAttempts());
    assertEquals(Duration.ofSeconds(1), RetryPolicy.DEFAULT.delayBefore(2));
    assertEquals(Duration.ofSeconds(2), RetryPolicy.DEFAULT.delayBefore(3));
    RetryPolicy longer = RetryPolicy.builder().maxAttempts(6).build();
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(4),
        Duration.ofSeconds(4)), List.of(longer.delayBefore(2), longer.delayBefore(3), longer.delayBefore(4),
        longer.delayBefore(5), longer.delayBefore(6)));
    try {
      RetryPolicy.builder().maxAttempts(0);
      fail();
    } catch (IllegalArgumentException expected) {
      // 0 attempts would never run the step
    }
    try {
      RetryPolicy.builder().initialDelay(Duration.ofSeconds(5)).maxDelay(Duration.ofSeconds(1)).build();
      fail();
    } catch (IllegalArgumentException expected) {
      // the cap below the start is a mistake
    }
  }

  @Test
  public void transientFailuresAreRetriedUntilSuccess() {
    String result = retrier(RetryPolicy.builder().maxAttempts(4).build()).run(attempt -> {
      if (attempt < 3) {
        throw new AttemptFailedException(Failure.ofMessage("dial tcp 127.0.0.1:5000: connect: connection refused"));
      }
      return "ok on " + attempt;
    });
    assertEquals("ok on 3", result);
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits);
    assertEquals(2, observed.size());
    assertEquals("2/4 dial tcp 127.0.0.1:5000: connect: connection refused", observed.get(0));
  }

  @Test
  public void exhaustedAfterMaxAttempts() {
    try {
      retrier(RetryPolicy.DEFAULT).run(attempt -> {
        throw new AttemptFailedException(Failure.ofStatus(503, "503 Service Unavailable"));
      });
      fail();
    } catch (Retrier.ExhaustedException e) {
      assertEquals(3, e.attempts());
      assertEquals(Failure.Kind.TRANSIENT, e.failure().kind());
    }
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2)), waits);
  }

  @Test
  public void authenticationAndPermanentFailuresAreNotRetried() {
    for (String message : List.of("unauthorized: authentication required", "manifest invalid: manifest invalid")) {
      try {
        retrier(RetryPolicy.DEFAULT).run(attempt -> {
          throw new AttemptFailedException(Failure.ofMessage(message));
        });
        fail();
      } catch (Retrier.ExhaustedException e) {
        assertEquals(1, e.attempts());
      }
    }
    assertEquals(List.of(), waits);
  }

  @Test
  public void classifiesWhatEnginesAndRegistriesSay() {
    assertKind(Failure.Kind.TRANSIENT, "Get \"http://127.0.0.1:5999/v2/\": dial tcp 127.0.0.1:5999: connect: connection refused");
    assertKind(Failure.Kind.TRANSIENT, "Patch \"http://r/v2/x/blobs/uploads/u\": read: connection reset by peer");
    assertKind(Failure.Kind.TRANSIENT, "received unexpected HTTP status: 503 Service Unavailable");
    assertKind(Failure.Kind.TRANSIENT, "toomanyrequests: You have reached your pull rate limit");
    assertKind(Failure.Kind.TRANSIENT, "Put \"http://r/v2/x/manifests/1\": EOF");
    assertKind(Failure.Kind.TRANSIENT, "net/http: TLS handshake timeout");
    assertKind(Failure.Kind.AUTHENTICATION, "unauthorized: authentication required");
    assertKind(Failure.Kind.AUTHENTICATION, "no basic auth credentials");
    assertKind(Failure.Kind.AUTHENTICATION, "denied: requested access to the resource is denied");
    assertKind(Failure.Kind.PERMANENT, "An image does not exist locally with the tag: r/x");
    assertKind(Failure.Kind.PERMANENT, "manifest blob unknown: blob unknown to registry");
    assertEquals(Failure.Kind.AUTHENTICATION, Failure.ofStatus(401, "x").kind());
    assertEquals(Failure.Kind.AUTHENTICATION, Failure.ofStatus(403, "x").kind());
    assertEquals(Failure.Kind.TRANSIENT, Failure.ofStatus(429, "x").kind());
    assertEquals(Failure.Kind.TRANSIENT, Failure.ofStatus(502, "x").kind());
    assertEquals(Failure.Kind.PERMANENT, Failure.ofStatus(400, "x").kind());
  }

  private static void assertKind(Failure.Kind kind, String message) {
    assertEquals(message, kind, Failure.ofMessage(message).kind());
  }
}
