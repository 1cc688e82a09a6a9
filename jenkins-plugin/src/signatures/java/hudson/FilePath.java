// Compile-only declaration from jenkinsci/jenkins jenkins-2.568.2, core/src/main/java/hudson/FilePath.java
package hudson;

import java.io.File;
import java.io.IOException;
import java.net.URL;
import org.jenkinsci.remoting.SerializableOnlyOverRemoting;

public final class FilePath implements SerializableOnlyOverRemoting {
    public FilePath(File localPath) { throw new UnsupportedOperationException(); }

    public String getRemote() { throw new UnsupportedOperationException(); }

    public void copyFrom(URL url) throws IOException, InterruptedException { throw new UnsupportedOperationException(); }

    public void mkdirs() throws IOException, InterruptedException { throw new UnsupportedOperationException(); }

    public boolean delete() throws IOException, InterruptedException { throw new UnsupportedOperationException(); }

    public boolean exists() throws IOException, InterruptedException { throw new UnsupportedOperationException(); }

    public String getName() { throw new UnsupportedOperationException(); }

    public FilePath child(String relOrAbsolute) { throw new UnsupportedOperationException(); }

    public String readToString() throws IOException, InterruptedException { throw new UnsupportedOperationException(); }

    public void renameTo(final FilePath target) throws IOException, InterruptedException { throw new UnsupportedOperationException(); }
}
