// Compile-only declaration from jenkinsci/workflow-step-api-plugin 710.v3e456cc85233, src/main/java/org/jenkinsci/plugins/workflow/steps/StepExecution.java
package org.jenkinsci.plugins.workflow.steps;

import java.io.Serializable;

public abstract class StepExecution implements Serializable {
    protected StepExecution(StepContext context) { throw new UnsupportedOperationException(); }

    public StepContext getContext() { throw new UnsupportedOperationException(); }
}
