package io.modelpipe.jenkins;

import static org.junit.Assert.assertEquals;

import io.modelpipe.step.GlobalDefaults;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class ModelpipeConfigurationTest {

  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void theFormKeepsEveryDefaultAndCoreReadsThem() throws Exception {
    ModelpipeConfiguration config = ModelpipeConfiguration.get();
    config.setRegistry("docker-registry.example.org/wikimedia");
    config.setRegistryCredentialsId("registry");
    config.setGerritUrl("https://gerrit.example.org/r/");
    config.setGerritCredentialsId("gerrit");
    config.setBaseMap("docker-registry.wikimedia.org/bookworm:latest = mirror.example.org/bookworm:latest\n");
    config.setPublishContexts("zuul:postmerge\ngerrit:change-merged\n");
    config.setAllowedCredentials("deploy-token\nother-token");
    r.configRoundtrip();

    GlobalDefaults defaults = ModelpipeConfiguration.get().defaults();
    assertEquals("docker-registry.example.org/wikimedia", defaults.registry().orElseThrow());
    assertEquals("registry", defaults.registryCredentialsId().orElseThrow());
    assertEquals("https://gerrit.example.org/r/", defaults.gerritUrl().orElseThrow());
    assertEquals("gerrit", defaults.gerritCredentialsId().orElseThrow());
    assertEquals(Map.of("docker-registry.wikimedia.org/bookworm:latest", "mirror.example.org/bookworm:latest"),
        defaults.baseMap());
    assertEquals(List.of("zuul:postmerge", "gerrit:change-merged"), defaults.publishContexts());
    assertEquals(List.of("deploy-token", "other-token"), defaults.allowedCredentials());
  }
}
