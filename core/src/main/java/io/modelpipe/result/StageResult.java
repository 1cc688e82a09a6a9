package io.modelpipe.result;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;

/**
 * How one stage of a pipeline ended.
 *
 * @param name the stage's name in {@code .pipeline/config.yaml}
 * @param status how it ended
 * @param duration how long it took (zero for a stage not run)
 * @param image the image it built or published, if any
 * @param lintFindings how many lint findings it reported, when it linted
 * @param log where its log is (a path in the workspace or a URL), when there is one
 * @param skipReason why it was skipped, e.g. {@code publish skipped: patch-set context}
 * @param notifyRecipients who its {@code notify} step addresses (e-mail recipients), possibly none
 * @param findings the lint findings it reported, in file order (what the review posts inline);
 *     empty when it reported none or the result predates them
 */
public record StageResult(
    String name,
    Status status,
    Duration duration,
    Optional<ImageResult> image,
    OptionalInt lintFindings,
    Optional<String> log,
    Optional<String> skipReason,
    List<String> notifyRecipients,
    List<LintFinding> findings) {

  /** A stage result without findings (the form before findings were recorded). */
  public StageResult(String name, Status status, Duration duration, Optional<ImageResult> image,
      OptionalInt lintFindings, Optional<String> log, Optional<String> skipReason, List<String> notifyRecipients) {
    this(name, status, duration, image, lintFindings, log, skipReason, notifyRecipients, List.of());
  }

  public StageResult {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(duration, "duration");
    Objects.requireNonNull(image, "image");
    Objects.requireNonNull(lintFindings, "lintFindings");
    Objects.requireNonNull(log, "log");
    Objects.requireNonNull(skipReason, "skipReason");
    notifyRecipients = List.copyOf(notifyRecipients);
    findings = List.copyOf(findings);
    if (name.isEmpty()) {
      throw new IllegalArgumentException("a stage has a name");
    }
    if (duration.isNegative()) {
      throw new IllegalArgumentException("stage " + name + ": negative duration");
    }
    if (lintFindings.isPresent() && lintFindings.getAsInt() < 0) {
      throw new IllegalArgumentException("stage " + name + ": negative lint findings count");
    }
  }

  /** A stage with only a name, a status and a duration; use the {@code with…} methods for the rest. */
  public static StageResult of(String name, Status status, Duration duration) {
    return new StageResult(name, status, duration, Optional.empty(), OptionalInt.empty(), Optional.empty(),
        Optional.empty(), List.of());
  }

  public StageResult withImage(ImageResult value) {
    return new StageResult(name, status, duration, Optional.of(value), lintFindings, log, skipReason, notifyRecipients, findings);
  }

  public StageResult withLintFindings(int value) {
    return new StageResult(name, status, duration, image, OptionalInt.of(value), log, skipReason, notifyRecipients, findings);
  }

  public StageResult withLog(String value) {
    return new StageResult(name, status, duration, image, lintFindings, Optional.of(value), skipReason, notifyRecipients, findings);
  }

  public StageResult withSkipReason(String value) {
    return new StageResult(name, status, duration, image, lintFindings, log, Optional.of(value), notifyRecipients, findings);
  }

  /** This stage with its findings (sorted in file order); the count of lint findings is left as it is. */
  public StageResult withFindings(List<LintFinding> value) {
    return new StageResult(name, status, duration, image, lintFindings, log, skipReason, notifyRecipients,
        value.stream().sorted(LintFinding.IN_FILE_ORDER).toList());
  }

  public StageResult withNotifyRecipients(List<String> value) {
    return new StageResult(name, status, duration, image, lintFindings, log, skipReason, value, findings);
  }
}
