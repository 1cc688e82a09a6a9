package io.modelpipe.trigger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import io.modelpipe.config.Setup;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.Test;

/** {@code ${setup.*}} precedence: flags, then the trigger environment, then git, then fallbacks. */
public class SetupResolverTest {

  private static final Instant NOW = Instant.parse("2024-05-01T12:00:00Z");
  private static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  private static final String SHA2 = "89abcdef0123456789abcdef0123456789abcdef";

  private static Setup resolve(TriggerFlags flags, Map<String, String> environment, String fallbackProject) {
    String timestamp = null;
    return SetupResolver.resolve(TriggerReader.read(flags, environment), timestamp, fallbackProject, NOW);
  }

  private static Setup resolve(Map<String, String> environment) {
    return resolve(TriggerFlags.NONE, environment, "checkout");
  }

  @Test
  public void zuulEnvironment() {
    Setup setup = resolve(Map.of(
        "ZUUL_PROJECT", "machinelearning/liftwing/inference-services",
        "ZUUL_COMMIT", SHA,
        "ZUUL_BRANCH", "master",
        "ZUUL_REF", "refs/zuul/master/Z1234"));
    assertEquals("machinelearning/liftwing/inference-services", setup.project());
    assertEquals("inference-services", setup.projectShortName());
    assertEquals(SHA, setup.commit());
    assertEquals("master", setup.branch());
    assertEquals("", setup.tag());
    assertEquals("2024-05-01-120000", setup.timestamp());
  }

  @Test
  public void zuulTagEvent() {
    Setup setup = resolve(Map.of("ZUUL_PROJECT", "a/b", "ZUUL_NEWREV", SHA2, "ZUUL_REF", "refs/tags/v2.0"));
    assertEquals(SHA2, setup.commit());
    assertEquals("v2.0", setup.tag());
    assertEquals("v3", resolve(Map.of("ZUUL_REFNAME", "refs/tags/v3")).tag());
  }

  @Test
  public void gerritTriggerEnvironment() {
    Setup setup = resolve(Map.of(
        "GERRIT_PROJECT", "a/b",
        "GERRIT_PATCHSET_REVISION", SHA,
        "GERRIT_BRANCH", "main",
        "GERRIT_REFNAME", "refs/tags/1.0"));
    assertEquals("a/b", setup.project());
    assertEquals(SHA, setup.commit());
    assertEquals("main", setup.branch());
    assertEquals("1.0", setup.tag());
    assertEquals(SHA2, resolve(Map.of("GERRIT_NEWREV", SHA2)).commit());
    // A ref update names its branch by the ref.
    assertEquals("main", resolve(Map.of("GERRIT_EVENT_TYPE", "ref-updated", "GERRIT_REFNAME", "refs/heads/main",
        "GERRIT_NEWREV", SHA)).branch());
  }

  @Test
  public void changeMergedBuildsTheMergedCommitNotThePatchSet() {
    Setup setup = resolve(Map.of("GERRIT_EVENT_TYPE", "change-merged", "GERRIT_CHANGE_NUMBER", "12",
        "GERRIT_PATCHSET_NUMBER", "3", "GERRIT_PATCHSET_REVISION", SHA, "GERRIT_NEWREV", SHA2));
    assertEquals(SHA2, setup.commit());
  }

  @Test
  public void flagsWinOverTheEnvironment() {
    Setup setup = SetupResolver.resolve(
        TriggerReader.read(new TriggerFlags("https://gerrit.wikimedia.org/r/c/d.git", "c1", "b1", "refs/tags/t1",
            null, null, null),
            Map.of("ZUUL_PROJECT", "a/b", "ZUUL_COMMIT", SHA, "ZUUL_BRANCH", "zb", "ZUUL_REF", "refs/tags/zt")),
        "2020-01-01-000000", "x", NOW);
    assertEquals("c/d", setup.project());
    assertEquals("c1", setup.commit());
    assertEquals("b1", setup.branch());
    assertEquals("t1", setup.tag());
    assertEquals("2020-01-01-000000", setup.timestamp());
    assertEquals("", resolve(new TriggerFlags(null, null, null, "", null, null, null),
        Map.of("ZUUL_REF", "refs/tags/zt"), "x").tag());
  }

  @Test
  public void fallbacksWhenNothingIsKnown() {
    Setup setup = resolve(TriggerFlags.NONE, Map.of("ZUUL_PROJECT", " "), "inference-services");
    assertEquals("inference-services", setup.project());
    assertEquals("", setup.commit());
    assertEquals("", setup.branch());
    assertEquals("", setup.tag());
    assertEquals("2024-05-01-120000", setup.timestamp());
  }

  @Test
  public void gitIsAskedOnlyWhenSomethingIsStillUnknownAndOnce() {
    AtomicInteger calls = new AtomicInteger();
    TriggerContext full = TriggerReader.read(Map.of("ZUUL_PROJECT", "a/b", "ZUUL_COMMIT", SHA, "ZUUL_BRANCH", "m"));
    SetupResolver.resolve(full, null, () -> {
      calls.incrementAndGet();
      return new SetupResolver.Defaults("git", "g", "gb");
    }, NOW);
    assertEquals(0, calls.get());
    Setup partial = SetupResolver.resolve(TriggerContext.none(), null, () -> {
      calls.incrementAndGet();
      return new SetupResolver.Defaults("git/project", "g", "gb");
    }, NOW);
    assertEquals(1, calls.get());
    assertEquals("git/project", partial.project());
    assertEquals("g", partial.commit());
    assertEquals("gb", partial.branch());
    assertTrue(partial.tag().isEmpty());
    assertFalse(partial.timestamp().isEmpty());
  }
}
