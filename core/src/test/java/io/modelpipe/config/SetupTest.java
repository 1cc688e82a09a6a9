package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class SetupTest {

  @Test
  public void projectFromGerritAndOtherRemotes() {
    assertEquals("machinelearning/liftwing/inference-services",
        Setup.projectFromRemote("https://gerrit.wikimedia.org/r/machinelearning/liftwing/inference-services.git"));
    assertEquals("machinelearning/liftwing/inference-services",
        Setup.projectFromRemote("https://gerrit.wikimedia.org/r/machinelearning/liftwing/inference-services"));
    assertEquals("operations/deployment-charts",
        Setup.projectFromRemote("ssh://user@gerrit.wikimedia.org:29418/operations/deployment-charts.git"));
    assertEquals("group/repo", Setup.projectFromRemote("git@gitlab.example.org:group/repo.git"));
    assertEquals("group/repo", Setup.projectFromRemote("https://host/group/repo/"));
    assertEquals("a/b", Setup.projectFromRemote("a/b"));
    assertEquals("a/b", Setup.projectFromRemote("/r/a/b.git"));
  }

  @Test
  public void localDirectoryRemoteGivesItsOwnName() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("upstream");
    try {
      String name = dir.getFileName().toString();
      assertEquals(name, Setup.projectFromRemote(dir + "/."));
      assertEquals(name, Setup.projectFromRemote("file://" + dir));
    } finally {
      java.nio.file.Files.delete(dir);
    }
  }

  @Test
  public void shortNameIsTheLastSegment() {
    assertEquals("inference-services", Setup.shortNameOf("machinelearning/liftwing/inference-services"));
    assertEquals("blubber", Setup.shortNameOf("blubber"));
  }

  @Test
  public void tagOnlyForTagRefs() {
    assertEquals("v1.2", Setup.tagFromRef("refs/tags/v1.2"));
    assertEquals("", Setup.tagFromRef("refs/heads/master"));
    assertEquals("", Setup.tagFromRef("refs/changes/12/3412/2"));
    assertEquals("", Setup.tagFromRef(null));
  }

  @Test
  public void timestampIsUtc() {
    assertEquals("2024-01-31-235959", Setup.timestampOf(Instant.parse("2024-01-31T23:59:59.900Z")));
    assertTrue(Setup.isTimestamp("2024-01-31-235959"));
    assertFalse(Setup.isTimestamp("2024-01-31T23:59:59"));
  }

  @Test
  public void builderDerivesTheShortNameAndLeavesTheRestEmpty() {
    Setup setup = Setup.builder().project("a/b/c").timestamp(Instant.parse("2024-02-01T00:00:00Z")).build();
    assertEquals("c", setup.projectShortName());
    assertEquals("", setup.commit());
    assertEquals("", setup.tag());
    assertEquals("2024-02-01-000000", setup.timestamp());
    assertEquals("x", Setup.builder().project("a/b").projectShortName("x").build().projectShortName());
  }

  @Test
  public void valuesByName() {
    Setup setup = Setup.builder().project("p").branch("main").build().forPipeline("outlink");
    assertEquals(Optional.of("outlink"), setup.value("pipeline"));
    assertEquals(Optional.of("main"), setup.value("branch"));
    assertEquals(Optional.empty(), setup.value("remote"));
    assertEquals(List.copyOf(setup.asMap().keySet()), Setup.NAMES);
  }
}
