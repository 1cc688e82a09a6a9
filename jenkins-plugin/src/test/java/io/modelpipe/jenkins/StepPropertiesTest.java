package io.modelpipe.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNull;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * What the steps' data-bound properties keep: the values core gets. No Jenkins at run time:
 * bin/check-jenkins-plugin runs this test too.
 */
public class StepPropertiesTest {

  @Test
  public void declaredDefaultsCountAsNotSetSoSnippetsLeaveThemOut() {
    LintStep lint = new LintStep();
    lint.setDir(".");
    lint.setJunit("modelpipe-reports/lint-junit.xml");
    lint.setInImage(false);
    assertNull(lint.getDir());
    assertNull(lint.getJunit());
    assertFalse(lint.isInImage());
  }

  @Test
  public void anEmptyReportPathIsKeptBecauseItMeansNoReport() {
    LintStep lint = new LintStep();
    lint.setCheckstyle("");
    assertEquals("", lint.getCheckstyle());
  }

  @Test
  public void aBlankFieldWithoutADefaultIsNotSet() {
    RunStep run = new RunStep();
    run.setRegistry(" ");
    run.setGerritCredentialsId("");
    assertNull(run.getRegistry());
    assertNull(run.getGerritCredentialsId());
  }

  @Test
  public void listItemsAreSplitAtCommasAsTheFormGivesThem() {
    PublishStep publish = new PublishStep("sha256:abc", "outlink", List.of("2026-01-01, stable", " "));
    assertEquals(List.of("2026-01-01", "stable"), publish.getTags());
    RunStep run = new RunStep();
    run.setPipelines(List.of());
    assertNull("an empty list is not set", run.getPipelines());
  }

  @Test
  public void aRequiredParameterLeftEmptyStaysUnsetForCoreToReport() {
    PublishStep publish = new PublishStep("", "outlink", List.of("stable"));
    assertNull(publish.getImage());
    ReviewStep review = new ReviewStep(null);
    assertNull(review.getResult());
  }

  @Test
  public void mapsAndNumbersPassUnchanged() {
    RunStep run = new RunStep();
    run.setLabels(Map.of("Verified", "1"));
    run.setJobs(4);
    run.setAffected(true);
    assertEquals(Map.of("Verified", "1"), run.getLabels());
    assertEquals(Integer.valueOf(4), run.getJobs());
    assertTrue(run.isAffected());
  }
}
