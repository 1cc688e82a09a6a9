// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/model/Run.java
package hudson.model;

import hudson.ExtensionPoint;
import hudson.security.AccessControlled;
import jenkins.console.WithConsoleUrl;
import jenkins.model.HistoricalBuild;
import jenkins.util.io.OnMaster;
import org.kohsuke.stapler.StaplerProxy;

public abstract class Run<JobT extends Job<JobT, RunT>, RunT extends Run<JobT, RunT>>
        extends Actionable implements ExtensionPoint, Comparable<RunT>, AccessControlled, PersistenceRoot, DescriptorByNameOwner, OnMaster, StaplerProxy, HistoricalBuild, WithConsoleUrl {
    protected Run(JobT job, long timestamp) { throw new UnsupportedOperationException(); }

    public void setResult(Result r) { throw new UnsupportedOperationException(); }

    public <T extends Cause> T getCause(Class<T> type) { throw new UnsupportedOperationException(); }
}
