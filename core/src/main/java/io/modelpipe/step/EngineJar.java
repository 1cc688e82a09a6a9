package io.modelpipe.step;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.Optional;
import java.util.jar.JarFile;

/**
 * The engine jar: the runnable jar holding {@code io.modelpipe.cli.Main} and its libraries, which
 * the plugin copies to the agent and starts with {@code java -jar}.
 */
public final class EngineJar {

  private static final String MAIN_CLASS = "io.modelpipe.cli.Main";

  private EngineJar() {}

  /**
   * Where the engine jar is on this JVM's class path: the jar that holds {@code Main}, when its
   * manifest names {@code Main} as its main class (the shaded jar, {@code core/target/modelpipe.jar});
   * empty when the classes come from a directory or a plain library jar.
   */
  public static Optional<Path> location() {
    try {
      CodeSource source = Class.forName(MAIN_CLASS, false, EngineJar.class.getClassLoader())
          .getProtectionDomain().getCodeSource();
      if (source == null || source.getLocation() == null) {
        return Optional.empty();
      }
      Path path = Path.of(source.getLocation().toURI());
      return Files.isRegularFile(path) && isRunnable(path) ? Optional.of(path) : Optional.empty();
    } catch (ClassNotFoundException | URISyntaxException | IllegalArgumentException e) {
      return Optional.empty();
    }
  }

  /** Whether a jar's manifest names the engine's main class. */
  public static boolean isRunnable(Path jar) {
    try (JarFile file = new JarFile(jar.toFile())) {
      return file.getManifest() != null
          && MAIN_CLASS.equals(file.getManifest().getMainAttributes().getValue("Main-Class"));
    } catch (IOException e) {
      return false;
    }
  }

  /** The name the copy on an agent gets, with this engine's version: {@code modelpipe-engine-VERSION.jar}. */
  public static String fileName() {
    return "modelpipe-engine-" + version() + ".jar";
  }

  /** This engine's version, from its build. */
  public static String version() {
    try (var in = EngineJar.class.getResourceAsStream("/io/modelpipe/version.properties")) {
      if (in == null) {
        return "dev";
      }
      java.util.Properties properties = new java.util.Properties();
      properties.load(in);
      String version = properties.getProperty("version", "dev");
      return version.isBlank() || version.contains("${") ? "dev" : version.strip();
    } catch (IOException e) {
      return "dev";
    }
  }
}
