package io.modelpipe.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.modelpipe.step.EngineJar;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine jar on the agent. The plugin carries it as a resource ({@code modelpipe.jar} beside this
 * class, the build's {@code core/target/modelpipe.jar}); its name on the agent carries a digest of
 * its content, so a build copies it at most once per temporary folder and a changed plugin never
 * runs a stale copy.
 */
final class EngineCopy {

  private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

  private EngineCopy() {}

  static FilePath onAgent(FilePath temp, TaskListener listener) throws IOException, InterruptedException {
    URL engine = engineJar();
    FilePath target = temp.child(nameOf(engine));
    if (!target.exists()) {
      FilePath partial = temp.child(target.getName() + "." + UUID.randomUUID() + ".part");
      partial.copyFrom(engine);
      partial.renameTo(target);
      listener.getLogger().println("modelpipe: engine copied to " + target.getRemote());
    }
    return target;
  }

  /** The jar the plugin carries; else, when these classes run from the engine jar itself, that jar. */
  private static URL engineJar() throws IOException {
    URL carried = EngineCopy.class.getResource("modelpipe.jar");
    if (carried != null) {
      return carried;
    }
    Optional<java.nio.file.Path> own = EngineJar.location();
    if (own.isPresent()) {
      return own.get().toUri().toURL();
    }
    throw new AbortException("modelpipe: this plugin carries no engine jar (io/modelpipe/jenkins/modelpipe.jar);"
        + " build it with mvn -Pjenkins verify, which packages core first");
  }

  private static String nameOf(URL jar) throws IOException {
    String name = NAMES.get(jar.toString());
    if (name == null) {
      name = EngineJar.fileName().replaceFirst("\\.jar$", "") + "-" + digest(jar).substring(0, 12) + ".jar";
      NAMES.put(jar.toString(), name);
    }
    return name;
  }

  private static String digest(URL jar) throws IOException {
    try (InputStream in = jar.openStream()) {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      byte[] buffer = new byte[1 << 16];
      for (int n; (n = in.read(buffer)) > 0; ) {
        sha.update(buffer, 0, n);
      }
      return HexFormat.of().formatHex(sha.digest());
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java has SHA-256", e);
    }
  }
}
