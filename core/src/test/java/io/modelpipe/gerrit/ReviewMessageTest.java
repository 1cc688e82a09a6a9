package io.modelpipe.gerrit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.trigger.EventKind;
import io.modelpipe.result.ImageResult;
import io.modelpipe.result.PipelineResult;
import io.modelpipe.result.RunResult;
import io.modelpipe.result.RunSetup;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import io.modelpipe.result.TriggerInfo;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.Test;

/** The review message's text, line for line. */
public class ReviewMessageTest {

  private static TriggerInfo jenkins() {
    return new TriggerInfo(EventKind.POST_MERGE, Optional.of("mediawiki/services/citoid"), OptionalInt.of(5),
        OptionalInt.of(2), Optional.of("postmerge"), Optional.of("service-pipeline-test-and-publish"),
        Optional.of("25"), Optional.empty());
  }

  private static final RunSetup SETUP = new RunSetup("mediawiki/services/citoid", "fc52e49", "master", "", "2019-02-11-214153");

  /** PipelineLib's own expectation (GerritPipelineCommentTest.testwithImage) is the start of ours. */
  @Test
  public void startsExactlyAsPipelineLibsMessageWithImage() {
    ImageResult image = new ImageResult("sha256:1111", "docker-registry.wikimedia.org/wikimedia/mediawiki-services-citoid",
        List.of("2019-02-11-214153-production", "fc52e49b051872b282c6a66be6649c7d437bf066"), List.of(),
        Optional.empty(), true);
    RunResult result = new RunResult(SETUP, jenkins(), Status.SUCCESS, List.of(new PipelineResult("service",
        Status.SUCCESS, List.of(StageResult.of("production", Status.SUCCESS, Duration.ofSeconds(125)).withImage(image)))));
    String pipelineLib = String.join("\n",
        "pipeline-dashboard: service-pipeline-test-and-publish",
        "pipeline-build-result: SUCCESS (job: service-pipeline-test-and-publish, build: 25)",
        "",
        "IMAGE:",
        " docker-registry.wikimedia.org/wikimedia/mediawiki-services-citoid",
        "",
        "TAGS:",
        " 2019-02-11-214153-production, fc52e49b051872b282c6a66be6649c7d437bf066",
        "");
    assertEquals(pipelineLib + String.join("\n",
        "",
        "STAGES:",
        " service/production  SUCCESS  2m05s",
        ""), ReviewMessage.format(result));
  }

  @Test
  public void aFailedRunShowsNoImageEvenWhenOneWasPushed() {
    ImageResult image = new ImageResult("sha256:1", "r/x", List.of("t"), List.of("r/x:t"), Optional.of("sha256:" + "a".repeat(64)), true);
    RunResult result = new RunResult(SETUP, jenkins(), Status.FAILURE, List.of(
        new PipelineResult("a", Status.SUCCESS, List.of(StageResult.of("publish", Status.SUCCESS, Duration.ofMillis(400)).withImage(image))),
        new PipelineResult("b", Status.FAILURE, List.of(
            StageResult.of("test", Status.ABORTED, Duration.ofMinutes(61)),
            StageResult.of("after", Status.NOT_RUN, Duration.ZERO)))));
    assertEquals(String.join("\n",
        "pipeline-dashboard: service-pipeline-test-and-publish",
        "pipeline-build-result: FAILURE (job: service-pipeline-test-and-publish, build: 25)",
        "",
        "FAILED:",
        " stage test of pipeline b ended ABORTED; log: none recorded",
        "",
        "STAGES:",
        " a/publish  SUCCESS  400ms",
        " b/test     ABORTED  1h01m",
        " b/after    NOT_RUN  -",
        ""), ReviewMessage.format(result));
  }

  @Test
  public void skipReasonsAndLintCountsOnStageLines() {
    RunResult result = new RunResult(SETUP, TriggerInfo.manual(), Status.SUCCESS, List.of(new PipelineResult("p",
        Status.SUCCESS, List.of(
            StageResult.of("lint", Status.SUCCESS, Duration.ofMillis(9949)).withLintFindings(1),
            StageResult.of("deploy", Status.SKIPPED, Duration.ZERO).withSkipReason("deploy: not executed by modelpipe")))));
    assertEquals(String.join("\n",
        "pipeline-dashboard: modelpipe",
        "pipeline-build-result: SUCCESS (job: modelpipe, build: n/a)",
        "",
        "STAGES:",
        " p/lint    SUCCESS  9.9s  1 lint finding",
        " p/deploy  SKIPPED  -     deploy: not executed by modelpipe",
        ""), ReviewMessage.format(result));
  }

  @Test
  public void durations() {
    assertEquals("0ms", ReviewMessage.duration(Duration.ZERO));
    assertEquals("9.9s", ReviewMessage.duration(Duration.ofMillis(9940)));
    assertEquals("10s", ReviewMessage.duration(Duration.ofMillis(9999)));
    assertEquals("59s", ReviewMessage.duration(Duration.ofMillis(59_400)));
    assertEquals("1m00s", ReviewMessage.duration(Duration.ofMillis(59_600)));
    assertEquals("1h00m", ReviewMessage.duration(Duration.ofHours(1)));
  }

  @Test
  public void postingIsRecognisedWhateverGerritPutsBeforeIt() {
    Review review = Review.of("line one\nline two\n", java.util.Map.of(), Optional.empty());
    assertTrue(message("Patch Set 2:\n\nline one\nline two", 2).isPostingOf(review, 2));
    assertTrue(message("Patch Set 2: Verified+1\n\nline one\nline two", 2).isPostingOf(review, 2));
    assertEquals(false, message("Patch Set 2:\n\nline one\nline two", 3).isPostingOf(review, 3));
    assertEquals(false, message("Patch Set 2:\n\nline one\nline two\nmore", 2).isPostingOf(review, 2));
    assertEquals(false, new ChangeMessage("m", Optional.of("autogenerated:other"), Optional.empty(), OptionalInt.of(2),
        "Patch Set 2:\n\nline one\nline two").isPostingOf(review, 2));
  }

  private static ChangeMessage message(String text, int revision) {
    return new ChangeMessage("m", Optional.of(Review.TAG), Optional.of("bot"), OptionalInt.of(revision), text);
  }
}
