package io.modelpipe.jenkins;

import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.model.Run;
import hudson.model.TaskListener;
import io.modelpipe.step.StepParameter;
import io.modelpipe.step.StepSpec;
import java.util.Arrays;
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
   * Records a parameter the Jenkinsfile or the Snippet Generator's form set. Not set are: null, the
   * declared default (so a generated snippet leaves it out), a blank text where core declares no
   * default (an empty form field), and an empty list. A list's items are split at commas, as the
   * form's single field for a list gives them.
   */
  protected final void set(String name, Object value) {
    Object normal = value instanceof List<?> list ? items(list) : value;
    Object declaredDefault = spec().parameter(name).map(StepParameter::defaultValue).orElse(null);
    boolean unset = normal == null || normal.equals(declaredDefault)
        || normal instanceof String text && text.isBlank() && declaredDefault == null
        || normal instanceof List<?> items && items.isEmpty();
    if (unset) {
      values.remove(name);
    } else {
      values.put(name, normal);
    }
  }

  private static List<String> items(List<?> list) {
    return list.stream().flatMap(item -> Arrays.stream(String.valueOf(item).split(",")))
        .map(String::strip).filter(item -> !item.isEmpty()).toList();
  }

  @SuppressWarnings("unchecked")
  protected final <T> T get(String name) {
    return (T) values.get(name);
  }

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

    /** A list parameter as the form's single field shows it. */
    public String join(List<String> values) {
      return values == null ? "" : String.join(", ", values);
    }

    @Override
    public Set<? extends Class<?>> getRequiredContext() {
      return Set.of(Run.class, TaskListener.class, FilePath.class, EnvVars.class, Launcher.class);
    }
  }
}
