// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/security/AccessControlled.java
package hudson.security;

public interface AccessControlled {
}
