package io.modelpipe.result;

import static org.junit.Assert.assertEquals;

import io.modelpipe.trigger.EventKind;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class ResultTableTest {

  @Test
  public void oneAlignedRowPerStageWithImageAndDuration() {
    String id = "sha256:" + "0123456789ab".repeat(5) + "abcd";
    String digest = "sha256:" + "fedcba987654".repeat(5) + "abcd";
    RunResult result = new RunResult(new RunSetup("p", "", "", "", "2026-11-26-010203"), TriggerInfo.manual(), Status.FAILURE,
        List.of(
            new PipelineResult("outlink", Status.FAILURE, List.of(
                StageResult.of("run-test", Status.FAILURE, Duration.ofSeconds(83)).withLintFindings(2)
                    .withImage(ImageResult.built(id)),
                StageResult.of("production", Status.NOT_RUN, Duration.ZERO))),
            new PipelineResult("outlink-publish", Status.SUCCESS, List.of(
                StageResult.of("publish", Status.SUCCESS, Duration.ofMillis(2400)).withImage(new ImageResult(id,
                    "reg/x", List.of("t", "stable"), List.of("reg/x:t", "reg/x:stable"), Optional.of(digest), true))))));

    assertEquals(""
        + "PIPELINE         STAGE       RESULT            IMAGE                        DURATION\n"
        + "outlink          run-test    FAILURE (2 lint)  0123456789ab                 1m23s\n"
        + "outlink          production  NOT_RUN           -                            0ms\n"
        + "outlink-publish  publish     SUCCESS           reg/x:t@sha256:fedcba987654  2.4s\n"
        + "run FAILURE\n", ResultTable.format(result));
  }

  @Test
  public void aHeldBackImageSaysItWasNotPublished() {
    String id = "sha256:" + "a".repeat(64);
    RunResult result = new RunResult(new RunSetup("p", "", "", "", ""), TriggerInfo.manual(), Status.SUCCESS,
        List.of(new PipelineResult("p", Status.SUCCESS, List.of(StageResult.of("publish", Status.SUCCESS, Duration.ZERO)
            .withImage(new ImageResult(id, "reg/x", List.of("t"), List.of(), Optional.empty(), false))))));
    assertEquals("p         publish  SUCCESS  aaaaaaaaaaaa (not published)  0ms",
        ResultTable.format(result).lines().toList().get(1));
  }
}
