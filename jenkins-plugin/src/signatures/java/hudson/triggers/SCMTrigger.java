// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/triggers/SCMTrigger.java
package hudson.triggers;

import hudson.model.Cause;
import hudson.model.Item;

public class SCMTrigger extends Trigger<Item> {
    public SCMTrigger(String scmpoll_spec) { throw new UnsupportedOperationException(); }

    public static class SCMTriggerCause extends Cause {
    }
}
