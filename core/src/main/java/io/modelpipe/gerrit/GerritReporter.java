package io.modelpipe.gerrit;

import io.modelpipe.Durations;
import io.modelpipe.RetryPolicy;
import io.modelpipe.result.RunResult;
import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpTimeoutException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Posts a run's result to its Gerrit change, exactly once: the runner's teardown calls
 * {@link #report(RunResult, ChangeTarget, GerritSettings)}, {@code modelpipe gerrit comment} and
 * {@code modelpipe gerrit flush} too.
 *
 * <p>Delivery, for each try (at most {@link RetryPolicy#maxAttempts()}):
 * <ol>
 *   <li>when the review carries lint findings, place them against the patch set's files
 *       ({@link InlinePlan}): the comments, and the summary the message ends with;</li>
 *   <li>read the change's messages; a message with modelpipe's tag, on the same patch set, with the
 *       same text means an earlier run, retry or flush already posted it; its inline comments are
 *       then read too, and only the missing ones are posted: {@link DeliveryOutcome.AlreadyPosted};</li>
 *   <li>post the review, message, votes and comments in one: {@link DeliveryOutcome.Delivered}.</li>
 * </ol>
 * A 429, a 5xx, a timeout or a refused connection waits (exponential backoff) and tries again;
 * checking before each post means a post whose answer was lost is never repeated. When the tries
 * are used up, the review goes to the outbox: {@link DeliveryOutcome.Queued}. A 401 throws
 * {@link GerritAuthenticationException} and any other 4xx {@link GerritRejectedException}, with
 * Gerrit's own text: retrying cannot help there.
 */
public final class GerritReporter {

  private final GerritSettings settings;
  private final Consumer<String> progress;
  private final Clock clock;

  /**
   * @param settings where and how to report
   * @param progress receives one line per retry or queued review (for the command line's standard error)
   */
  public GerritReporter(GerritSettings settings, Consumer<String> progress) {
    this(settings, progress, Clock.systemUTC());
  }

  GerritReporter(GerritSettings settings, Consumer<String> progress, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.progress = Objects.requireNonNull(progress, "progress");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * The runner's call at teardown: formats {@code result} ({@link ReviewMessage}) and delivers it to
   * the patch set its trigger names.
   *
   * @throws IllegalArgumentException when the result names no change or patch set
   */
  public static DeliveryOutcome report(RunResult result, GerritSettings settings) {
    ChangeTarget target = ChangeTarget.of(result).orElseThrow(() -> new IllegalArgumentException(
        "the result names no change and patch set to report to"));
    return report(result, target, settings);
  }

  /** Formats {@code result} and delivers it to {@code target}, its findings inline (at most {@value InlineRequest#DEFAULT_MAX_INLINE}). */
  public static DeliveryOutcome report(RunResult result, ChangeTarget target, GerritSettings settings) {
    return new GerritReporter(settings, line -> {}).deliver(target, ReviewMessage.format(result),
        new InlineRequest(result.findings(), InlineRequest.DEFAULT_MAX_INLINE));
  }

  /** Delivers a message to {@code target} with the settings' labels and notification. */
  public DeliveryOutcome deliver(ChangeTarget target, String message) {
    return deliver(target, message, InlineRequest.none());
  }

  /**
   * Delivers a message with {@code inline}'s findings as inline comments in the same review. Where
   * each finding goes is decided against the patch set's files as Gerrit lists them
   * ({@link InlinePlan}); the message gets the plan's summary.
   */
  public DeliveryOutcome deliver(ChangeTarget target, String message, InlineRequest inline) {
    URI url = settings.url().orElseThrow(() -> new IllegalStateException("no Gerrit URL to report to"));
    Review review = Review.of(message, settings.labels(), settings.notifySetting());
    return deliver(new PendingReview(url, target, review, inline), true);
  }

  /** What a flush did with one outbox file. */
  public record FlushEntry(Path file, Optional<DeliveryOutcome> outcome, String problem) {
    /** True when the file was delivered (or found delivered) and removed. */
    public boolean done() {
      return outcome.isPresent() && !(outcome.get() instanceof DeliveryOutcome.Queued);
    }
  }

  /**
   * Sends every review waiting in the outbox, each to the Gerrit it was queued for; removes the
   * ones delivered or found already posted, keeps the others (with the reason in the result).
   *
   * @throws GerritAuthenticationException when Gerrit refuses the credentials (nothing more is tried)
   */
  public List<FlushEntry> flush() {
    Outbox outbox = new Outbox(settings.outbox());
    List<FlushEntry> results = new ArrayList<>();
    for (Outbox.Entry entry : outbox.list()) {
      if (entry.pending().isEmpty()) {
        results.add(new FlushEntry(entry.file(), Optional.empty(), entry.problem()));
        continue;
      }
      try {
        DeliveryOutcome outcome = deliver(entry.pending().get(), false);
        if (outcome instanceof DeliveryOutcome.Queued queued) {
          results.add(new FlushEntry(entry.file(), Optional.of(new DeliveryOutcome.Queued(
              queued.target(), entry.file(), queued.reason())), ""));
        } else {
          outbox.remove(entry.file());
          results.add(new FlushEntry(entry.file(), Optional.of(outcome), ""));
        }
      } catch (GerritRejectedException e) {
        // This entry is wrong for its change (deleted change, label gone): keep it, go on.
        // A GerritAuthenticationException ends the flush: the same credentials serve every entry.
        results.add(new FlushEntry(entry.file(), Optional.empty(), e.getMessage()));
      }
    }
    return results;
  }

  private DeliveryOutcome deliver(PendingReview pending, boolean queueWhenUnreachable) {
    GerritClient client = new GerritClient(pending.gerritUrl(), settings.credentials(), settings.requestTimeout());
    ChangeTarget target = pending.target();
    RetryPolicy retry = settings.retry();
    String lastProblem = "";
    InlinePlan planned = pending.inline().isEmpty() ? InlinePlan.none() : null; // read from Gerrit once, on the first try that can
    for (int attempt = 1; attempt <= retry.maxAttempts(); attempt++) {
      Optional<Duration> retryAfter = Optional.empty();
      try {
        if (planned == null) {
          planned = InlinePlan.plan(pending.inline(), target.patchSet(), client.files(target),
              path -> client.lineCount(target, path));
        }
        InlinePlan plan = planned;
        Review review = pending.review().withInline(plan);
        for (ChangeMessage message : client.messages(target)) {
          if (message.isPostingOf(review, target.patchSet())) {
            // Gerrit stores a review's message and comments in one update; still, only the
            // comments themselves prove they are there, so missing ones are posted (no message).
            List<InlineComment> missing = missingComments(client, target, review);
            if (!missing.isEmpty()) {
              client.postComments(target, review.tag(), missing, review.notifySetting());
            }
            return new DeliveryOutcome.AlreadyPosted(target, message.id(), plan, missing.size());
          }
        }
        client.postReview(target, review);
        return new DeliveryOutcome.Delivered(target, attempt, plan);
      } catch (GerritHttpException e) {
        if (!e.isRetryable()) {
          throw finalError(e, pending);
        }
        lastProblem = "Gerrit answered HTTP " + e.status() + (e.gerritText().isEmpty() ? "" : " (" + oneLine(e.gerritText()) + ")");
        retryAfter = e.retryAfter();
      } catch (IOException e) {
        lastProblem = "cannot reach Gerrit at " + pending.gerritUrl() + ": " + describe(e);
      }
      if (attempt < retry.maxAttempts()) {
        Duration wait = retry.delayBefore(attempt + 1);
        if (retryAfter.isPresent() && retryAfter.get().compareTo(wait) > 0) {
          wait = retryAfter.get().compareTo(retry.maxDelay()) > 0 ? retry.maxDelay() : retryAfter.get();
        }
        progress.accept(lastProblem + "; retrying in " + seconds(wait) + " (attempt " + (attempt + 1) + " of "
            + retry.maxAttempts() + ")");
        if (!sleep(wait)) {
          lastProblem = lastProblem + "; interrupted";
          break;
        }
      }
    }
    String reason = lastProblem + (retry.maxAttempts() > 1 ? " after " + retry.maxAttempts() + " attempts" : "");
    if (!queueWhenUnreachable) {
      return new DeliveryOutcome.Queued(target, Path.of(""), reason);
    }
    Path file = new Outbox(settings.outbox()).put(pending, reason, clock.instant());
    DeliveryOutcome.Queued queued = new DeliveryOutcome.Queued(target, file, reason);
    progress.accept(queued.describe());
    return queued;
  }

  private static List<InlineComment> missingComments(GerritClient client, ChangeTarget target, Review review)
      throws IOException, GerritHttpException {
    if (review.comments().isEmpty()) {
      return List.of();
    }
    List<GerritClient.PostedComment> posted = client.comments(target);
    return review.comments().stream()
        .filter(c -> posted.stream().noneMatch(p -> p.isPostingOf(c, review.tag(), target.patchSet())))
        .toList();
  }

  private RuntimeException finalError(GerritHttpException e, PendingReview pending) {
    ChangeTarget target = pending.target();
    String gerrit = e.gerritText().isEmpty() ? "" : "; Gerrit says: " + oneLine(e.gerritText());
    switch (e.status()) {
      case 401:
        return new GerritAuthenticationException("authentication failed at " + pending.gerritUrl() + " (HTTP 401) for "
            + settings.credentials().describe() + gerrit + "; check the user and its HTTP password"
            + " (MODELPIPE_GERRIT_USER, MODELPIPE_GERRIT_PASSWORD or --password-stdin) or the token");
      case 404:
        return new GerritRejectedException("change " + target.describe() + " not found at " + pending.gerritUrl()
            + " (HTTP 404)" + gerrit + "; check the project, change and patch set, and that "
            + settings.credentials().describe() + " can see the change", e.status(), e.gerritText());
      case 403:
        return new GerritRejectedException("Gerrit refused the review on " + target.describe() + " (HTTP 403)" + gerrit
            + "; check the permissions of " + settings.credentials().describe() + " (labels it may vote on)",
            e.status(), e.gerritText());
      default:
        return new GerritRejectedException("Gerrit rejected the review on " + target.describe() + " (HTTP "
            + e.status() + ")" + gerrit, e.status(), e.gerritText());
    }
  }

  private static String describe(IOException e) {
    if (e instanceof ConnectException) {
      return "connection refused";
    }
    if (e instanceof HttpTimeoutException) {
      return "timed out";
    }
    String message = e.getMessage();
    return message == null || message.isBlank() ? e.getClass().getSimpleName() : oneLine(message);
  }

  private static String oneLine(String text) {
    return text.strip().replaceAll("\\s*\\R\\s*", " ");
  }

  private static String seconds(Duration d) {
    return Durations.format(d);
  }

  private static boolean sleep(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
      return true;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
