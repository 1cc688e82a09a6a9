// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/model/Cause.java
package hudson.model;

public abstract class Cause {
}
