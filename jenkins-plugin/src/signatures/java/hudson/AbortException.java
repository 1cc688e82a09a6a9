// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/AbortException.java
package hudson;

import java.io.IOException;

public class AbortException extends IOException {
    public AbortException(String message) { throw new UnsupportedOperationException(); }
}
