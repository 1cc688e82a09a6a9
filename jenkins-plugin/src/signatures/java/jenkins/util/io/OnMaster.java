// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/jenkins/util/io/OnMaster.java
package jenkins.util.io;

public interface OnMaster {
}
