// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/util/Secret.java
package hudson.util;

import java.io.Serializable;

public final class Secret implements Serializable {
    Secret(String value) { throw new UnsupportedOperationException(); }

    public String getPlainText() { throw new UnsupportedOperationException(); }
}
