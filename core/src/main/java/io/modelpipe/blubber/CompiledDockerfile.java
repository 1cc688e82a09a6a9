package io.modelpipe.blubber;

import io.modelpipe.yaml.Diagnostic;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A Dockerfile compiled from one Blubber variant, for Docker's classic builder.
 *
 * @param text the Dockerfile
 * @param target the final stage: the variant's name, for {@code docker build --target}
 * @param warnings where the Dockerfile only approximates the Blubber file
 * @param localSources build-context paths (or globs) the build copies, in order: local copies and
 *     requirements of every stage
 * @param localReads the same, each with its {@code exclude} patterns, for {@link #reads(String)}
 * @param dockerIgnore the context's {@code .dockerignore}
 */
public record CompiledDockerfile(
    String text,
    String target,
    List<Diagnostic> warnings,
    List<String> localSources,
    List<LocalRead> localReads,
    DockerIgnore dockerIgnore) {

  /**
   * One local source a stage of the build copies, and the patterns excluded from it.
   *
   * @param variant the variant (stage of the Dockerfile) that copies it
   * @param requirement true for a builder's {@code requirements} entry, false for {@code copies}
   * @param source the path (or glob) in the build context, cleaned
   * @param exclude the copy's {@code exclude} patterns
   */
  public record LocalRead(String variant, boolean requirement, String source, DockerIgnore exclude) {
    public LocalRead {
      Objects.requireNonNull(variant, "variant");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(exclude, "exclude");
    }
  }

  public CompiledDockerfile {
    Objects.requireNonNull(text, "text");
    Values.text(target, "target");
    warnings = Values.list(warnings, "warnings");
    localSources = Values.list(localSources, "localSources");
    localReads = Values.list(localReads, "localReads");
    Objects.requireNonNull(dockerIgnore, "dockerIgnore");
  }

  static List<String> sourcesOf(List<LocalRead> reads) {
    Set<String> sources = new LinkedHashSet<>();
    reads.forEach(read -> sources.add(read.source()));
    return List.copyOf(sources);
  }

  /**
   * True when the build reads the file at {@code contextPath} (relative to the build context, with
   * {@code /}): a change to it may change the image. Honours {@code exclude} and {@code .dockerignore}.
   */
  public boolean reads(String contextPath) {
    return readerOf(contextPath).isPresent();
  }

  /**
   * The first local source, in build order, through which the build reads the file at {@code
   * contextPath}; empty when it does not read it (see {@link #reads}).
   */
  public Optional<LocalRead> readerOf(String contextPath) {
    String path = VariantPaths.clean(contextPath);
    if (dockerIgnore.ignores(path)) {
      return Optional.empty();
    }
    for (LocalRead read : localReads) {
      String source = read.source();
      String relative;
      if (source.equals(".")) {
        relative = path;
      } else if (DockerIgnore.isGlob(source)) {
        if (!DockerIgnore.globCovers(source, path)) {
          continue;
        }
        relative = path;
      } else if (path.equals(source)) {
        relative = VariantPaths.basename(path);
      } else if (path.startsWith(source + "/")) {
        relative = path.substring(source.length() + 1);
      } else {
        continue;
      }
      if (!read.exclude().ignores(relative)) {
        return Optional.of(read);
      }
    }
    return Optional.empty();
  }

  /** The same build with another context's {@code .dockerignore}: what {@link #reads} honours. */
  public CompiledDockerfile withDockerIgnore(DockerIgnore ignore) {
    return new CompiledDockerfile(text, target, warnings, localSources, localReads, ignore);
  }
}
