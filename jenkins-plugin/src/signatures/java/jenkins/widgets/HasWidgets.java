// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/jenkins/widgets/HasWidgets.java
package jenkins.widgets;

public interface HasWidgets {
}
