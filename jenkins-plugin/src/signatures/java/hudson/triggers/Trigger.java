// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/triggers/Trigger.java
package hudson.triggers;

import hudson.ExtensionPoint;
import hudson.model.Describable;
import hudson.model.Item;

public abstract class Trigger<J extends Item> implements Describable<Trigger<?>>, ExtensionPoint {
    protected Trigger() { throw new UnsupportedOperationException(); }
}
