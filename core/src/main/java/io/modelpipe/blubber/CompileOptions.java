package io.modelpipe.blubber;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;

/**
 * Settings of one compilation beyond the Blubber file itself. Immutable; the {@code with...}
 * methods return changed copies, so new settings (an offline package index, say) can be added
 * without breaking callers.
 *
 * @param compilerVersion written to the {@code blubber.version} label
 * @param frontendVersion the Blubber semantics to follow instead of the file's {@code # syntax=} pin
 * @param buildArgs build arguments the caller will pass to {@code docker build --build-arg}; carried
 *     for the build step, they do not change the Dockerfile text
 * @param dockerIgnore the build context's {@code .dockerignore}, which Docker applies to every
 *     {@code COPY} from the context and {@link CompiledDockerfile#reads} takes into account
 */
public record CompileOptions(
    String compilerVersion, Optional<BlubberVersion> frontendVersion, Map<String, String> buildArgs, DockerIgnore dockerIgnore) {

  public CompileOptions {
    Values.text(compilerVersion, "compilerVersion");
    Objects.requireNonNull(frontendVersion, "frontendVersion");
    buildArgs = Values.orderedMap(buildArgs, "buildArgs");
    Objects.requireNonNull(dockerIgnore, "dockerIgnore");
  }

  /** The defaults: this modelpipe's version, the file's pinned semantics, no build arguments. */
  public static CompileOptions defaults() {
    return new CompileOptions("modelpipe-" + modelpipeVersion(), Optional.empty(), Map.of(), DockerIgnore.NONE);
  }

  public CompileOptions withCompilerVersion(String version) {
    return new CompileOptions(version, frontendVersion, buildArgs, dockerIgnore);
  }

  public CompileOptions withFrontendVersion(BlubberVersion version) {
    return new CompileOptions(compilerVersion, Optional.of(version), buildArgs, dockerIgnore);
  }

  public CompileOptions withBuildArgs(Map<String, String> args) {
    return new CompileOptions(compilerVersion, frontendVersion, args, dockerIgnore);
  }

  public CompileOptions withDockerIgnore(DockerIgnore ignore) {
    return new CompileOptions(compilerVersion, frontendVersion, buildArgs, ignore);
  }

  private static String modelpipeVersion() {
    Properties properties = new Properties();
    try (InputStream in = CompileOptions.class.getResourceAsStream("/io/modelpipe/version.properties")) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return properties.getProperty("version", "unknown");
  }
}
