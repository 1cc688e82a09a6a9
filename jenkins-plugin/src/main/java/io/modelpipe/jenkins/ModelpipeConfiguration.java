package io.modelpipe.jenkins;

import hudson.Extension;
import hudson.ExtensionList;
import io.modelpipe.step.GlobalDefaults;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.GlobalConfiguration;
import org.jenkinsci.Symbol;
import org.kohsuke.stapler.DataBoundSetter;

/**
 * The defaults of every modelpipe step (Manage Jenkins, System; or {@code unclassified: modelpipe:}
 * in Configuration as Code). Lists are one entry per line, so both forms take plain text.
 */
@Extension
@Symbol("modelpipe")
public final class ModelpipeConfiguration extends GlobalConfiguration {

  private String registry;
  private String registryCredentialsId;
  private String gerritUrl;
  private String gerritCredentialsId;
  private String baseMap;
  private String publishContexts;
  private String allowedCredentials;

  public ModelpipeConfiguration() {
    load();
  }

  public static ModelpipeConfiguration get() {
    return ExtensionList.lookupSingleton(ModelpipeConfiguration.class);
  }

  GlobalDefaults defaults() {
    Map<String, String> bases = new LinkedHashMap<>();
    for (String entry : lines(baseMap)) {
      int equals = entry.indexOf('=');
      if (equals > 0) {
        bases.put(entry.substring(0, equals).strip(), entry.substring(equals + 1).strip());
      }
    }
    return GlobalDefaults.builder().registry(registry).registryCredentialsId(registryCredentialsId)
        .gerritUrl(gerritUrl).gerritCredentialsId(gerritCredentialsId).baseMap(bases)
        .publishContexts(lines(publishContexts)).allowedCredentials(lines(allowedCredentials)).build();
  }

  private static List<String> lines(String text) {
    return text == null ? List.of()
        : Arrays.stream(text.split("[\\r\\n,]+")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  public String getRegistry() { return registry; }
  @DataBoundSetter public void setRegistry(String registry) { this.registry = registry; save(); }
  public String getRegistryCredentialsId() { return registryCredentialsId; }
  @DataBoundSetter public void setRegistryCredentialsId(String id) { this.registryCredentialsId = id; save(); }
  public String getGerritUrl() { return gerritUrl; }
  @DataBoundSetter public void setGerritUrl(String gerritUrl) { this.gerritUrl = gerritUrl; save(); }
  public String getGerritCredentialsId() { return gerritCredentialsId; }
  @DataBoundSetter public void setGerritCredentialsId(String id) { this.gerritCredentialsId = id; save(); }

  /** One {@code FROM_IMAGE = REPLACEMENT} per line. */
  public String getBaseMap() { return baseMap; }
  @DataBoundSetter public void setBaseMap(String baseMap) { this.baseMap = baseMap; save(); }

  /** One context per line, as {@code modelpipe run --publish-contexts} takes them. */
  public String getPublishContexts() { return publishContexts; }
  @DataBoundSetter public void setPublishContexts(String contexts) { this.publishContexts = contexts; save(); }

  /** One credential id per line: ids every modelpipeRun may hand to the config's run steps. */
  public String getAllowedCredentials() { return allowedCredentials; }
  @DataBoundSetter public void setAllowedCredentials(String ids) { this.allowedCredentials = ids; save(); }
}
