package io.modelpipe.trigger;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.fail;

import com.sonymobile.tools.gerrit.gerritevents.dto.GerritEventType;
import java.util.List;
import org.junit.Test;

/**
 * gerrit-events is on the classpath with all of its dependencies excluded (root pom). This checks,
 * with exactly that classpath, that what modelpipe uses of it loads, and that the excluded libraries
 * (json-lib, commons-collections 3.2.1, jsch, ...) are really absent: a class that needed one would
 * fail here, in the build, not in a user's run.
 */
public class GerritEventsClassesTest {

  /** One class of each excluded library. */
  private static final List<String> EXCLUDED = List.of(
      "net.sf.json.JSONObject",                               // json-lib 2.4
      "org.apache.commons.collections.map.ListOrderedMap",    // commons-collections 3.2.1
      "org.apache.commons.beanutils.PropertyUtils",           // commons-beanutils
      "org.apache.commons.lang.StringUtils",                  // commons-lang 2
      "net.sf.ezmorph.Morpher",                               // ezmorph
      "com.jcraft.jsch.JSch",                                 // jsch (SSH)
      "org.apache.http.client.HttpClient",                    // httpclient 4
      "com.google.gson.Gson");                                // gson
  // commons-io is excluded from gerrit-events too (1.3.2), but docker-java brings a current one.

  @Test
  public void excludedLibrariesAreNotOnTheClasspath() {
    for (String name : EXCLUDED) {
      try {
        Class.forName(name, false, getClass().getClassLoader());
        fail(name + " is on the classpath: an exclusion of gerrit-events' dependencies is missing");
      } catch (ClassNotFoundException expected) {
        // excluded, as it should be
      }
    }
  }

  @Test
  public void theClassesModelpipeUsesLoadWithoutThem() throws Exception {
    // GerritEventType's initializer loads every event class it names; all must resolve.
    Class<?> type = Class.forName(GerritEventType.class.getName(), true, getClass().getClassLoader());
    assertNotNull(type);
    for (GerritEventType event : GerritEventType.values()) {
      assertNotNull(event.getEventRepresentative());
      assertFalse(event.getTypeValue().isEmpty());
      assertEquals(event, GerritEventType.findByTypeValue(event.getTypeValue()));
    }
    assertEquals(GerritEventType.CHANGE_MERGED, GerritEventType.findByTypeValue("change-merged"));
    // The classes of this package that use it initialise too.
    for (Class<?> user : List.of(TriggerReader.class, PublishGate.class)) {
      Class.forName(user.getName(), true, getClass().getClassLoader());
    }
    PublishGate.defaults().decide(TriggerReader.read(java.util.Map.of("GERRIT_EVENT_TYPE", "ref-updated",
        "GERRIT_REFNAME", "refs/heads/main")));
  }
}
