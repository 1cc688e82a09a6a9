// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/jenkins/model/FullyNamed.java
package jenkins.model;

public interface FullyNamed {
}
