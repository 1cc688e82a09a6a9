package io.modelpipe.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.modelpipe.step.StepSpec;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jenkinsci.plugins.workflow.steps.Step;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.StepDescriptor;
import org.jenkinsci.plugins.workflow.steps.StepExecution;

/**
 * A modelpipe step: the parameters the Jenkinsfile set, by their core names. Subclasses only declare
 * the data-bound properties core's {@link StepSpec} lists; core checks and uses the values.
 */
public abstract class ModelpipeStep extends Step {

  private final Map<String, Object> values = new LinkedHashMap<>();

  /** The core declaration of this step. */
  protected abstract StepSpec spec();

  /**
   * Records a parameter the Jenkinsfile set. Null counts as not set, and so does a blank text where
   * core declares no default: an empty field of the Snippet Generator's form means "not set".
   */
  protected final void set(String name, Object value) {
    boolean blank = value instanceof String text && text.isBlank()
        && spec().parameter(name).map(p -> p.defaultValue() == null).orElse(true);
    if (value == null || blank) {
      values.remove(name);
    } else {
      values.put(name, value);
    }
  }

  @SuppressWarnings("unchecked")
  protected final <T> T get(String name) {
    return (T) values.get(name);
  }

  @SuppressWarnings("unchecked")

  @Override
  public StepExecution start(StepContext context) {
    return new ModelpipeExecution(context, spec().functionName(), new LinkedHashMap<>(values));
  }

  /** The descriptor every modelpipe step shares: names and context come from core's declaration. */
  public abstract static class ModelpipeDescriptor extends StepDescriptor {

    private final StepSpec spec;

    protected ModelpipeDescriptor(StepSpec spec) {
      this.spec = spec;
    }

    @Override
    public String getFunctionName() {
      return spec.functionName();
    }

    @Override
    public String getDisplayName() {
      return spec.displayName();
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class, Launcher.class);
    }
  }
}
