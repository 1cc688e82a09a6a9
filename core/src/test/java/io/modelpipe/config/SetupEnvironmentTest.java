package io.modelpipe.config;

import static org.junit.Assert.assertEquals;

import io.modelpipe.config.SetupEnvironment.Overrides;
import java.time.Instant;
import java.util.Map;
import org.junit.Test;

public class SetupEnvironmentTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");

  @Test
  public void zuulEnvironment() {
    Setup setup = SetupEnvironment.resolve(Overrides.NONE, Map.of(
        "ZUUL_PROJECT", "machinelearning/liftwing/inference-services",
        "ZUUL_COMMIT", "abc123",
        "ZUUL_BRANCH", "master",
        "ZUUL_REF", "refs/zuul/master/Z1234"), "checkout", NOW);
    assertEquals("machinelearning-liftwing-inference-services", setup.project());
    assertEquals("inference-services", setup.projectShortName());
    assertEquals("abc123", setup.commit());
    assertEquals("master", setup.branch());
    assertEquals("", setup.tag());
    assertEquals("2024-05-01-120000", setup.timestamp());
  }

  @Test
  public void zuulTagEvent() {
    Setup setup = SetupEnvironment.resolve(Overrides.NONE, Map.of(
        "ZUUL_PROJECT", "a/b", "ZUUL_NEWREV", "def456", "ZUUL_REF", "refs/tags/v2.0"), "x", NOW);
    assertEquals("def456", setup.commit());
    assertEquals("v2.0", setup.tag());
    assertEquals("v3", SetupEnvironment.resolve(Overrides.NONE, Map.of("ZUUL_REFNAME", "refs/tags/v3"), "x", NOW).tag());
  }

  @Test
  public void gerritTriggerEnvironment() {
    Setup setup = SetupEnvironment.resolve(Overrides.NONE, Map.of(
        "GERRIT_PROJECT", "a/b",
        "GERRIT_PATCHSET_REVISION", "fff",
        "GERRIT_BRANCH", "main",
        "GERRIT_REFNAME", "refs/tags/1.0"), "x", NOW);
    assertEquals("a-b", setup.project());
    assertEquals("fff", setup.commit());
    assertEquals("main", setup.branch());
    assertEquals("1.0", setup.tag());
    assertEquals("new", SetupEnvironment.resolve(Overrides.NONE, Map.of("GERRIT_NEWREV", "new"), "x", NOW).commit());
  }

  @Test
  public void flagsWinOverTheEnvironment() {
    Setup setup = SetupEnvironment.resolve(
        new Overrides("https://gerrit.wikimedia.org/r/c/d.git", "c1", "b1", "refs/tags/t1", "2020-01-01-000000"),
        Map.of("ZUUL_PROJECT", "a/b", "ZUUL_COMMIT", "z", "ZUUL_BRANCH", "zb", "ZUUL_REF", "refs/tags/zt"), "x", NOW);
    assertEquals("c-d", setup.project());
    assertEquals("c1", setup.commit());
    assertEquals("b1", setup.branch());
    assertEquals("t1", setup.tag());
    assertEquals("2020-01-01-000000", setup.timestamp());
    assertEquals("", SetupEnvironment.resolve(new Overrides(null, null, null, "", null),
        Map.of("ZUUL_REF", "refs/tags/zt"), "x", NOW).tag());
  }

  @Test
  public void fallbacksWhenNothingIsKnown() {
    Setup setup = SetupEnvironment.resolve(Overrides.NONE, Map.of("ZUUL_PROJECT", " "), "inference-services", NOW);
    assertEquals("inference-services", setup.project());
    assertEquals("", setup.commit());
    assertEquals("", setup.branch());
    assertEquals("", setup.tag());
    assertEquals("2024-05-01-120000", setup.timestamp());
  }
}
