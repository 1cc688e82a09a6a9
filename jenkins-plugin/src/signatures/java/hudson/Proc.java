// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/Proc.java
package hudson;

import java.io.IOException;

public abstract class Proc {
    protected Proc() { throw new UnsupportedOperationException(); }

    public abstract void kill() throws IOException, InterruptedException;

    public abstract int join() throws IOException, InterruptedException;
}
