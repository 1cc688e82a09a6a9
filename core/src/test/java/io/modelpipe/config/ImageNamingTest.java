package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class ImageNamingTest {

  @Test
  public void normalizeLowercasesAndReplacesSlashes() {
    assertEquals("machinelearning-liftwing-inference-services-outlink",
        ImageNaming.normalize("machinelearning/liftwing/inference-services-Outlink"));
    assertEquals("release-1.0", ImageNaming.normalize("Release/1.0"));
  }

  @Test
  public void dockerTagRule() {
    assertTrue(ImageNaming.isValidTag("2024-05-01-120000-publish"));
    assertTrue(ImageNaming.isValidTag("_x"));
    assertTrue(ImageNaming.isValidTag("a".repeat(128)));
    assertFalse(ImageNaming.isValidTag("a".repeat(129)));
    assertFalse(ImageNaming.isValidTag(".x"));
    assertFalse(ImageNaming.isValidTag("-x"));
    assertFalse(ImageNaming.isValidTag("bad tag"));
    assertFalse(ImageNaming.isValidTag(""));
  }

  @Test
  public void dockerNameRule() {
    assertTrue(ImageNaming.isValidName("machinelearning-liftwing-inference-services"));
    assertTrue(ImageNaming.isValidName("a__b.c"));
    assertFalse(ImageNaming.isValidName("-a"));
    assertFalse(ImageNaming.isValidName("a-"));
    assertFalse(ImageNaming.isValidName("A"));
    assertFalse(ImageNaming.isValidName("a b"));
  }

  @Test
  public void problemsNameTheNormalisedValue() {
    assertEquals(Optional.empty(), ImageNaming.problem("Stable", true));
    assertEquals(
        Optional.of("'Bad Tag!' is not a valid image tag (normalised: 'bad tag!'): " + ImageNaming.TAG_RULE),
        ImageNaming.problem("Bad Tag!", true));
    assertEquals(Optional.of("'x y' is not a valid image name: " + ImageNaming.NAME_RULE),
        ImageNaming.problem("x y", false));
  }

  @Test
  public void publishedNamesFollowPipelineLibsProjectPrefixRule() {
    String project = "machinelearning-liftwing-inference-services";
    String shortName = "inference-services";
    for (String allowed : List.of(project, project + "-outlink", shortName, shortName + "-outlink", shortName + "--x")) {
      assertEquals(allowed, Optional.empty(), ImageNaming.projectPrefixProblem(allowed, project, shortName));
    }
    for (String refused : List.of("outlink", shortName + "x", "services-outlink", "x-" + shortName, project + "x")) {
      assertTrue(refused, ImageNaming.projectPrefixProblem(refused, project, shortName).isPresent());
    }
    // both sides are sanitised: upper case and '/' in the project do not matter
    assertEquals(Optional.empty(), ImageNaming.projectPrefixProblem("a-b-c-x", "A/B/C", "C"));
    assertEquals(Optional.of("PipelineLib publishes an image only under the project's full or short name, or a name"
            + " starting with one of them and '-': 'demo' or 'demo-*'"),
        ImageNaming.projectPrefixProblem("app", "demo", "demo"));
  }
}
