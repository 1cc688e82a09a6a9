// Compile-only declaration from jenkinsci/workflow-step-api-plugin 710.v3e456cc85233, src/main/java/org/jenkinsci/plugins/workflow/steps/StepContext.java
package org.jenkinsci.plugins.workflow.steps;

import com.google.common.util.concurrent.FutureCallback;
import java.io.IOException;
import java.io.Serializable;

public abstract class StepContext implements FutureCallback<Object>, Serializable {
    public abstract <T> T get(Class<T> key) throws IOException, InterruptedException;
}
