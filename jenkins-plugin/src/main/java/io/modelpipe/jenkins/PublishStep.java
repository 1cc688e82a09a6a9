package io.modelpipe.jenkins;

import hudson.Extension;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import java.util.List;
import org.kohsuke.stapler.DataBoundConstructor;
import org.kohsuke.stapler.DataBoundSetter;

/** {@code modelpipePublish}: pushes an image's tags and checks they resolve to one digest. */
public final class PublishStep extends ModelpipeStep {

  @DataBoundConstructor
  public PublishStep(String image, String name, List<String> tags) {
    set("image", image);
    set("name", name);
    set("tags", tags);
  }

  @Override protected StepSpec spec() { return StepSpecs.PUBLISH; }

  public String getImage() { return get("image"); }
  public String getName() { return get("name"); }

  public List<String> getTags() { return get("tags"); }
  public String getRegistry() { return get("registry"); }
  @DataBoundSetter public void setRegistry(String registry) { set("registry", registry); }
  public String getRegistryCredentialsId() { return get("registryCredentialsId"); }
  @DataBoundSetter public void setRegistryCredentialsId(String id) { set("registryCredentialsId", id); }

  @Extension
  public static final class DescriptorImpl extends ModelpipeDescriptor {
    public DescriptorImpl() { super(StepSpecs.PUBLISH); }
  }
}
