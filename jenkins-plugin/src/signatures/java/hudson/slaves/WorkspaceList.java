// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/slaves/WorkspaceList.java
package hudson.slaves;

import hudson.FilePath;

public final class WorkspaceList {
    public static FilePath tempDir(FilePath ws) { throw new UnsupportedOperationException(); }
}
