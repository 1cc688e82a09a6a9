package io.modelpipe.blubber;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Files to copy into an image: from the build context ({@code from: local}) or from another
 * variant's (or image's) filesystem. Used both by {@code copies} and by builders' {@code
 * requirements}.
 *
 * <p>The shorthand forms are kept as written ({@code copies: [build]} has neither source nor
 * destination) and turned into concrete copies by {@link #expand(String)}, as Blubber does.
 *
 * @param from {@value #LOCAL}, a variant name, or an image reference
 * @param source path to copy; empty for the {@code copies: [variant]} shorthand
 * @param destination where to copy to; empty means "the same as the source"
 * @param exclude glob patterns of files not to copy
 */
public record Artifact(String from, Optional<String> source, Optional<String> destination, List<String> exclude) {

  /** The {@code from} value naming the build context. */
  public static final String LOCAL = "local";

  public Artifact {
    Values.text(from, "from");
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(destination, "destination");
    exclude = Values.list(exclude, "exclude");
  }

  /** A copy from the build context, as the shorthand {@code requirements: [path]} means. */
  public static Artifact local(String source) {
    return new Artifact(LOCAL, Optional.of(source), Optional.empty(), List.of());
  }

  public boolean isLocal() {
    return LOCAL.equals(from);
  }

  /**
   * The concrete copies this one stands for. {@code copies: [local]} copies the whole context to
   * the working directory; {@code copies: [variant]} copies that variant's application directory
   * and {@code /opt/lib}; a missing destination defaults to the source.
   *
   * @param appDirectory the copying variant's {@code lives.in}
   */
  public List<Artifact> expand(String appDirectory) {
    if (source.isEmpty() && destination.isEmpty()) {
      if (isLocal()) {
        return List.of(new Artifact(from, Optional.of("."), Optional.of("."), exclude));
      }
      return List.of(
          new Artifact(from, Optional.of(appDirectory), Optional.of(appDirectory), exclude),
          new Artifact(from, Optional.of(VariantPaths.LOCAL_LIB), Optional.of(VariantPaths.LOCAL_LIB), exclude));
    }
    if (destination.isEmpty()) {
      return List.of(new Artifact(from, source, source, exclude));
    }
    return List.of(this);
  }

  /** The source, cleaned, keeping a trailing {@code /} that marks a directory. */
  public String normalizedSource() {
    String raw = source.orElse(".");
    String cleaned = VariantPaths.clean(raw);
    return !cleaned.equals("/") && VariantPaths.isDirectory(raw) ? cleaned + "/" : cleaned;
  }

  /**
   * Where a requirement is copied to: the destination cleaned (a directory keeps its trailing
   * {@code /}), or the source's directory when no destination is given.
   */
  public String normalizedDestination() {
    String raw = source.orElse(".");
    if (destination.isEmpty()) {
      if (source.isPresent() && VariantPaths.isDirectory(raw)) {
        return raw;
      }
      return VariantPaths.dirname(normalizedSource()) + "/";
    }
    String dest = VariantPaths.clean(destination.get());
    if (!dest.equals("/") && (VariantPaths.isDirectory(destination.get()) || VariantPaths.isDirectory(raw))) {
      dest += "/";
    }
    return dest;
  }

  /** Where the copied file ends up, relative to the working directory: used for {@code pip -r}. */
  public String effectiveDestination() {
    String dest = normalizedDestination();
    String raw = source.orElse(".");
    if (!VariantPaths.isDirectory(dest) || VariantPaths.isDirectory(raw)) {
      return dest;
    }
    String base = VariantPaths.basename(raw);
    return dest.equals("./") ? base : dest + base;
  }
}
