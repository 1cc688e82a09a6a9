// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/model/Actionable.java
package hudson.model;

import jenkins.model.ModelObjectWithContextMenu;

public abstract class Actionable extends AbstractModelObject implements ModelObjectWithContextMenu {
    public void addAction(Action a) { throw new UnsupportedOperationException(); }

    public <T extends Action> T getAction(Class<T> type) { throw new UnsupportedOperationException(); }
}
