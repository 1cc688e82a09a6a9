package io.modelpipe.jenkins;

import hudson.AbortException;
import hudson.FilePath;
import hudson.model.TaskListener;
import io.modelpipe.step.EngineJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The engine jar on the agent. Its name on the agent carries a digest of its content, so a build
 * copies it at most once per temporary folder, and a changed plugin never runs a stale copy.
 */
final class EngineCopy {

  private static final Map<String, String> NAMES = new ConcurrentHashMap<>();

  private EngineCopy() {}

  static FilePath onAgent(FilePath temp, TaskListener listener) throws IOException, InterruptedException {
    Path local = EngineJar.location().orElseThrow(() ->
        new AbortException("modelpipe: the engine jar is not on the plugin's class path; reinstall the plugin"));
    FilePath target = temp.child(nameOf(local));
    if (!target.exists()) {
      FilePath partial = temp.child(target.getName() + "." + UUID.randomUUID() + ".part");
      partial.copyFrom(new FilePath(local.toFile()));
      partial.renameTo(target);
      listener.getLogger().println("modelpipe: engine copied to " + target.getRemote());
    }
    return target;
  }

  private static String nameOf(Path jar) throws IOException {
    String key = jar + "@" + Files.getLastModifiedTime(jar).toMillis();
    String name = NAMES.get(key);
    if (name == null) {
      name = EngineJar.fileName().replaceFirst("\\.jar$", "") + "-" + digest(jar).substring(0, 12) + ".jar";
      NAMES.put(key, name);
    }
    return name;
  }

  private static String digest(Path jar) throws IOException {
    try (InputStream in = Files.newInputStream(jar)) {
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
