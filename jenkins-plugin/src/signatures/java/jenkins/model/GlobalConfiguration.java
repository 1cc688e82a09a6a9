// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/jenkins/model/GlobalConfiguration.java
package jenkins.model;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Descriptor;

public abstract class GlobalConfiguration extends Descriptor<GlobalConfiguration> implements ExtensionPoint, Describable<GlobalConfiguration> {
    protected GlobalConfiguration() { throw new UnsupportedOperationException(); }
}
