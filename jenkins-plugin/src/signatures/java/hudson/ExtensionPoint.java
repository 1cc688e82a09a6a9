// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/ExtensionPoint.java
package hudson;

public interface ExtensionPoint {
}
