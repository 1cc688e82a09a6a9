package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class BaseImageMapTest {

  private static final String DOCKERFILE = String.join("\n",
      "FROM docker-registry.wikimedia.org/bookworm:20240609 AS build",
      "RUN echo FROM docker-registry.wikimedia.org/bookworm:20240609",
      "from --platform=linux/amd64 docker-registry.wikimedia.org/bookworm:20240609 as production",
      "FROM docker-registry.wikimedia.org/bookworm AS untagged",
      "FROM build AS test",
      "");

  @Test
  public void substitutesExactReferencesInFromLinesOnly() {
    BaseImageMap map = BaseImageMap.parse(List.of("docker-registry.wikimedia.org/bookworm:20240609=local/bookworm:latest"));
    assertEquals(String.join("\n",
        "FROM local/bookworm:latest AS build",
        "RUN echo FROM docker-registry.wikimedia.org/bookworm:20240609",
        "from --platform=linux/amd64 local/bookworm:latest as production",
        "FROM docker-registry.wikimedia.org/bookworm AS untagged",
        "FROM build AS test",
        ""), map.apply(DOCKERFILE));
  }

  @Test
  public void rejectsEntriesThatAreNotFromEqualsTo() {
    assertThrows(IllegalArgumentException.class, () -> BaseImageMap.parse(List.of("no-equals-sign")));
    assertThrows(IllegalArgumentException.class, () -> BaseImageMap.parse(List.of("=local/x")));
    assertThrows(IllegalArgumentException.class, () -> BaseImageMap.parse(List.of("a/b:1=")));
  }

  @Test
  public void pipSettingsAreDeclaredInEveryStage() {
    ImageBuildOptions options = ImageBuildOptions.builder().pipSettings(ImageBuildOptions.PIP_OFFLINE)
        .baseImages(BaseImageMap.parse(List.of("a:1=b:2"))).build();
    assertEquals("FROM b:2 AS one\nARG PIP_NO_INDEX\nRUN x\nFROM one AS two\nARG PIP_NO_INDEX\nRUN y\n",
        ImageBuilder.prepare("FROM a:1 AS one\nRUN x\nFROM one AS two\nRUN y\n", options));
    assertThrows(IllegalArgumentException.class, () -> ImageBuildOptions.builder().pipSetting("HTTP_PROXY", "x"));
  }

  @Test
  public void labelsLeaveUnknownValuesOut() {
    ImageLabels labels = ImageLabels.builder().project("ml/inference").pipeline("").revision(null)
        .created(java.time.Instant.parse("2024-06-09T10:11:12.345Z"))
        .fromCiEnvironment(java.util.Map.of("JOB_NAME", "inference-pipeline-test", "BUILD_NUMBER", "42")).build();
    assertEquals(java.util.Map.of("ci.project", "ml/inference", "org.opencontainers.image.created", "2024-06-09T10:11:12Z",
        "jenkins.job", "inference-pipeline-test", "jenkins.build", "42"), labels.values());
  }
}
