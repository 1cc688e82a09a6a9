package io.modelpipe.jenkins;

import hudson.Extension;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import java.util.Map;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code modelpipeReview}: posts a {@code modelpipeRun} result to its Gerrit change. */
public final class ReviewStep extends ModelpipeStep {

  @DataBoundConstructor
  public ReviewStep(Map<String, Object> result) {
    set("result", result);
  }

  @Override protected StepSpec spec() { return StepSpecs.REVIEW; }

  public Map<String, Object> getResult() { return get("result"); }
  public String getGerritUrl() { return get("gerritUrl"); }
  @DataBoundSetter public void setGerritUrl(String gerritUrl) { set("gerritUrl", gerritUrl); }
  public String getGerritCredentialsId() { return get("gerritCredentialsId"); }
  @DataBoundSetter public void setGerritCredentialsId(String id) { set("gerritCredentialsId", id); }
  public Map<String, String> getLabels() { return get("labels"); }
  @DataBoundSetter public void setLabels(Map<String, String> labels) { set("labels", labels); }

  @Extension
  public static final class DescriptorImpl extends ModelpipeDescriptor {
    public DescriptorImpl() { super(StepSpecs.REVIEW); }
  }
}
