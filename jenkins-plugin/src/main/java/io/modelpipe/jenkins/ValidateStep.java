package io.modelpipe.jenkins;

import hudson.Extension;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code modelpipeValidate}: checks a repository's PipelineLib and Blubber files. */
public final class ValidateStep extends ModelpipeStep {

  @DataBoundConstructor
  public ValidateStep() {}

  @Override protected StepSpec spec() { return StepSpecs.VALIDATE; }

  public String getDir() { return get("dir"); }
  @DataBoundSetter public void setDir(String dir) { set("dir", dir); }

  @Extension
  public static final class DescriptorImpl extends ModelpipeDescriptor {
    public DescriptorImpl() { super(StepSpecs.VALIDATE); }
  }
}
