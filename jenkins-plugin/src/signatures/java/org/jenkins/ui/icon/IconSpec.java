// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/org/jenkins/ui/icon/IconSpec.java
package org.jenkins.ui.icon;

public interface IconSpec {
}
