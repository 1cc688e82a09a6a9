// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/Launcher.java
package hudson;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Map;

public abstract class Launcher {
    protected Launcher(Launcher launcher) { throw new UnsupportedOperationException(); }

    public final class ProcStarter {
        public ProcStarter cmds(List<String> args) { throw new UnsupportedOperationException(); }

        public ProcStarter pwd(FilePath workDir) { throw new UnsupportedOperationException(); }

        public ProcStarter stdout(OutputStream out) { throw new UnsupportedOperationException(); }

        public ProcStarter stdin(InputStream in) { throw new UnsupportedOperationException(); }

        public ProcStarter envs(Map<String, String> overrides) { throw new UnsupportedOperationException(); }

        public Proc start() throws IOException { throw new UnsupportedOperationException(); }
    }

    public final ProcStarter launch() { throw new UnsupportedOperationException(); }
}
