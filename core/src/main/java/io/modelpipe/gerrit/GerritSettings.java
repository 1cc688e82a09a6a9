package io.modelpipe.gerrit;

import io.modelpipe.StateDirectory;
import io.modelpipe.RetryPolicy;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Where and how modelpipe reports to Gerrit. Immutable; {@link #toString()} never shows the secret.
 *
 * @param url Gerrit's base URL, e.g. {@code https://gerrit.wikimedia.org/r/} (always ending in
 *     {@code /}); empty only for a flush, which sends each queued review to the Gerrit it was meant for
 * @param credentials how to authenticate
 * @param labels votes to cast with each review, e.g. {@code Verified → 1}
 * @param notifySetting whom Gerrit e-mails; empty for Gerrit's default
 * @param retry backoff for 429, 5xx and unreachable servers
 * @param requestTimeout the longest wait for one answer (connecting included)
 * @param outbox the folder where reviews wait when Gerrit stays unreachable, e.g. {@code .modelpipe/outbox}
 */
public record GerritSettings(
    Optional<URI> url,
    GerritCredentials credentials,
    Map<String, Integer> labels,
    Optional<Notify> notifySetting,
    RetryPolicy retry,
    Duration requestTimeout,
    Path outbox) {

  /** 5 attempts, waits of 1 s doubling to at most 30 s: Gerrit restarts take longer than registries'. */
  public static final RetryPolicy DEFAULT_RETRY = RetryPolicy.of(5, Duration.ofSeconds(1), Duration.ofSeconds(30));

  /** The outbox's place in a workspace. */
  public static final Path DEFAULT_OUTBOX = Path.of(StateDirectory.NAME, "outbox");

  public GerritSettings {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(credentials, "credentials");
    Objects.requireNonNull(notifySetting, "notifySetting");
    Objects.requireNonNull(retry, "retry");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
    Objects.requireNonNull(outbox, "outbox");
    url = url.map(GerritUrls::normalize);
    labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
  }

  /** Settings with no labels, Gerrit's default notification, default retries, a 30 s timeout and the default outbox. */
  public static GerritSettings of(URI url, GerritCredentials credentials) {
    return new GerritSettings(Optional.of(url), credentials, Map.of(), Optional.empty(), DEFAULT_RETRY,
        Duration.ofSeconds(30), DEFAULT_OUTBOX);
  }

  /** Settings for a flush: no URL of their own. */
  public static GerritSettings forFlush(GerritCredentials credentials, Path outbox) {
    return new GerritSettings(Optional.empty(), credentials, Map.of(), Optional.empty(), DEFAULT_RETRY,
        Duration.ofSeconds(30), outbox);
  }

  public GerritSettings withLabels(Map<String, Integer> value) {
    return new GerritSettings(url, credentials, value, notifySetting, retry, requestTimeout, outbox);
  }

  public GerritSettings withNotify(Optional<Notify> value) {
    return new GerritSettings(url, credentials, labels, value, retry, requestTimeout, outbox);
  }

  public GerritSettings withRetry(RetryPolicy value) {
    return new GerritSettings(url, credentials, labels, notifySetting, value, requestTimeout, outbox);
  }

  public GerritSettings withRequestTimeout(Duration value) {
    return new GerritSettings(url, credentials, labels, notifySetting, retry, value, outbox);
  }

  public GerritSettings withOutbox(Path value) {
    return new GerritSettings(url, credentials, labels, notifySetting, retry, requestTimeout, value);
  }
}
