package io.modelpipe.jenkins;

import hudson.Extension;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import java.util.List;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code modelpipeRun}: the whole job, as {@code modelpipe run}; returns the run result as a map. */
public final class RunStep extends ModelpipeStep {

  @DataBoundConstructor
  public RunStep() {}

  @Override protected StepSpec spec() { return StepSpecs.RUN; }

  public List<String> getPipelines() { return get("pipelines"); }
  @DataBoundSetter public void setPipelines(List<String> pipelines) { set("pipelines", pipelines); }
  public boolean isAffected() { return Boolean.TRUE.equals(get("affected")); }
  @DataBoundSetter public void setAffected(boolean affected) { set("affected", affected); }
  public String getSince() { return get("since"); }
  @DataBoundSetter public void setSince(String since) { set("since", since); }
  public String getRegistry() { return get("registry"); }
  @DataBoundSetter public void setRegistry(String registry) { set("registry", registry); }
  public String getRegistryCredentialsId() { return get("registryCredentialsId"); }
  @DataBoundSetter public void setRegistryCredentialsId(String id) { set("registryCredentialsId", id); }
  public String getGerritUrl() { return get("gerritUrl"); }
  @DataBoundSetter public void setGerritUrl(String gerritUrl) { set("gerritUrl", gerritUrl); }
  public String getGerritCredentialsId() { return get("gerritCredentialsId"); }
  @DataBoundSetter public void setGerritCredentialsId(String id) { set("gerritCredentialsId", id); }
  public List<String> getAllowedCredentials() { return get("allowedCredentials"); }
  @DataBoundSetter public void setAllowedCredentials(List<String> ids) { set("allowedCredentials", ids); }
  public Map<String, String> getLabels() { return get("labels"); }
  @DataBoundSetter public void setLabels(Map<String, String> labels) { set("labels", labels); }
  public Map<String, String> getBaseMap() { return get("baseMap"); }
  @DataBoundSetter public void setBaseMap(Map<String, String> baseMap) { set("baseMap", baseMap); }
  public String getNetwork() { return get("network"); }
  @DataBoundSetter public void setNetwork(String network) { set("network", network); }
  public Integer getJobs() { return get("jobs"); }
  @DataBoundSetter public void setJobs(Integer jobs) { set("jobs", jobs); }

  @Extension
  public static final class DescriptorImpl extends ModelpipeDescriptor {
    public DescriptorImpl() { super(StepSpecs.RUN); }
  }
}
