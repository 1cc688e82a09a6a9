// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/EnvVars.java
package hudson;

import java.util.TreeMap;

public class EnvVars extends TreeMap<String, String> {
}
