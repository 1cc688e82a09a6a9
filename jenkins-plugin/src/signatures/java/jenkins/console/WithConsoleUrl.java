// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/jenkins/console/WithConsoleUrl.java
package jenkins.console;

public interface WithConsoleUrl {
}
