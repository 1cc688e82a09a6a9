package io.modelpipe.jenkins;

import hudson.Extension;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code modelpipeBuild}: builds a pipeline stage's image or a Blubber variant; returns the image ID. */
public final class BuildStep extends ModelpipeStep {

  @DataBoundConstructor
  public BuildStep() {}

  @Override protected StepSpec spec() { return StepSpecs.BUILD; }

  public String getPipeline() { return get("pipeline"); }
  @DataBoundSetter public void setPipeline(String pipeline) { set("pipeline", pipeline); }
  public String getStage() { return get("stage"); }
  @DataBoundSetter public void setStage(String stage) { set("stage", stage); }
  public String getBlubber() { return get("blubber"); }
  @DataBoundSetter public void setBlubber(String blubber) { set("blubber", blubber); }
  public String getVariant() { return get("variant"); }
  @DataBoundSetter public void setVariant(String variant) { set("variant", variant); }
  public String getContext() { return get("context"); }
  @DataBoundSetter public void setContext(String context) { set("context", context); }
  public List<String> getTags() { return get("tags"); }
  @DataBoundSetter public void setTags(List<String> tags) { set("tags", tags); }

  @Extension
  public static final class DescriptorImpl extends ModelpipeDescriptor {
    public DescriptorImpl() { super(StepSpecs.BUILD); }
  }
}
