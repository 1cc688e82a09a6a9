// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/model/PersistenceRoot.java
package hudson.model;

public interface PersistenceRoot extends Saveable {
}
