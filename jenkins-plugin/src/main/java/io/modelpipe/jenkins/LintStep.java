package io.modelpipe.jenkins;

import hudson.Extension;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code modelpipeLint}: tox-style lint with JUnit and checkstyle reports in the workspace. */
public final class LintStep extends ModelpipeStep {

  @DataBoundConstructor
  public LintStep() {}

  @Override protected StepSpec spec() { return StepSpecs.LINT; }

  public String getDir() { return get("dir"); }
  @DataBoundSetter public void setDir(String dir) { set("dir", dir); }
  public List<String> getEnvs() { return get("envs"); }
  @DataBoundSetter public void setEnvs(List<String> envs) { set("envs", envs); }
  public boolean isInImage() { return Boolean.TRUE.equals(get("inImage")); }
  @DataBoundSetter public void setInImage(boolean inImage) { set("inImage", inImage); }
  public String getPipeline() { return get("pipeline"); }
  @DataBoundSetter public void setPipeline(String pipeline) { set("pipeline", pipeline); }
  public String getJunit() { return get("junit"); }
  @DataBoundSetter public void setJunit(String junit) { set("junit", junit); }
  public String getCheckstyle() { return get("checkstyle"); }
  @DataBoundSetter public void setCheckstyle(String checkstyle) { set("checkstyle", checkstyle); }
  public boolean isUnstableOnFindings() { return Boolean.TRUE.equals(get("unstableOnFindings")); }
  @DataBoundSetter public void setUnstableOnFindings(boolean unstableOnFindings) { set("unstableOnFindings", unstableOnFindings); }

  @Extension
  public static final class DescriptorImpl extends ModelpipeDescriptor {
    public DescriptorImpl() { super(StepSpecs.LINT); }
  }
}
