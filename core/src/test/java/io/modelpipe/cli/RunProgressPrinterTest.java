package io.modelpipe.cli;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.PublishListener;
import io.modelpipe.image.PushProgress;
import io.modelpipe.pipeline.StageId;
import io.modelpipe.result.StageResult;
import io.modelpipe.result.Status;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import org.junit.Test;

public class RunProgressPrinterTest {

  private static final StageId TEST = new StageId("outlink", "run-test");
  private static final StageId PUBLISH = new StageId("outlink-publish", "publish");

  @Test
  public void ciLogsGetOnePlainLinePerEventPrefixedWithTheStage() {
    StringWriter text = new StringWriter();
    RunProgressPrinter printer = new RunProgressPrinter(new PrintWriter(text), false);
    printer.stepStarted(TEST, "build", "variant test of .pipeline/outlink/blubber.yaml");
    ProgressListener build = printer.buildProgress(TEST);
    build.step(1, 2, "FROM local/bookworm:latest");
    build.step(2, 2, "RUN true");
    printer.stepFinished(TEST, "build", "done", Duration.ofMillis(1500), "built 0123456789ab");
    printer.runOutput(TEST, "flake8: commands succeeded");
    printer.stageFinished(TEST, StageResult.of("run-test", Status.SUCCESS, Duration.ofSeconds(3)));

    assertEquals(List.of(
        "[outlink/run-test] build: variant test of .pipeline/outlink/blubber.yaml",
        "[outlink/run-test]   step 1/2: FROM local/bookworm:latest",
        "[outlink/run-test]   step 2/2: RUN true",
        "[outlink/run-test] build done in 1.5s: built 0123456789ab",
        "[outlink/run-test]   | flake8: commands succeeded",
        "[outlink/run-test] stage SUCCESS in 3.0s"), text.toString().lines().toList());
    assertFalse("no terminal control codes in CI logs", text.toString().contains("\033"));
  }

  @Test
  public void ciLogsShowAPushLayerOnlyWhenItsStateChanges() {
    StringWriter text = new StringWriter();
    PublishListener push = new RunProgressPrinter(new PrintWriter(text), false).pushProgress(PUBLISH);
    push.onProgress(new PushProgress("r:t", "abc", "Pushing", 10, 100));
    push.onProgress(new PushProgress("r:t", "abc", "Pushing", 50, 100));
    push.onProgress(new PushProgress("r:t", "abc", "Pushed", 0, 0));

    List<String> lines = text.toString().lines().toList();
    assertEquals(text.toString(), 2, lines.size());
    assertTrue(lines.get(1), lines.get(1).startsWith("[outlink-publish/publish]") && lines.get(1).contains("Pushed"));
  }

  @Test
  public void onATerminalBuildStepsAndPushBytesUpdateOneStatusLineInPlace() {
    StringWriter text = new StringWriter();
    RunProgressPrinter printer = new RunProgressPrinter(new PrintWriter(text), true);
    printer.stepStarted(TEST, "build", "variant test");
    printer.buildProgress(TEST).step(1, 2, "FROM local/bookworm:latest");
    printer.buildProgress(TEST).step(2, 2, "RUN true");
    printer.pushProgress(PUBLISH).onProgress(new PushProgress("r:t", "abc", "Pushing", 10, 100));
    printer.stepFinished(TEST, "build", "done", Duration.ofSeconds(1), "built");

    String out = text.toString();
    // the step lines never scroll: each rewrites the status line
    assertFalse(out, out.contains("\n[outlink/run-test]   step"));
    assertTrue(out, out.contains("\r\033[2Koutlink/run-test: build step 2/2: RUN true"));
    // both active stages share the status line
    assertTrue(out, out.contains("outlink/run-test: build step 2/2: RUN true | outlink-publish/publish: "));
    // an event line clears the status line first, so the two never mix
    assertTrue(out, out.contains("\r\033[2K[outlink/run-test] build done in 1.0s: built"));
  }
}
