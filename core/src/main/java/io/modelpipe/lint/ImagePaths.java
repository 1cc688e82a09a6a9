package io.modelpipe.lint;

import io.modelpipe.blubber.Artifact;
import io.modelpipe.blubber.Variant;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Maps the paths tools print inside a Blubber variant's image back to repository paths, through the
 * variant's copies from the build context: {@code /srv/app/outlink/model.py} is
 * {@code outlink/model.py} of the repository when the variant copies the context's {@code outlink}
 * to {@code outlink} under {@code lives.in} {@code /srv/app}. Relative paths are the tools' own,
 * relative to {@code lives.in} (the image's working directory, where its entry point runs tox). A
 * path no copy explains stays as the image has it (absolute).
 */
public final class ImagePaths {

  private static final Path IMAGE_ROOT = Path.of("/");

  /** One local copy: where it lands in the image, where it comes from in the repository. */
  private record Copy(Path inImage, Path onDisk, boolean directory) {}

  private final Path repositoryRoot;
  private final Path workingDir;
  private final List<Copy> copies;

  private ImagePaths(Path repositoryRoot, Path workingDir, List<Copy> copies) {
    this.repositoryRoot = repositoryRoot;
    this.workingDir = workingDir;
    this.copies = List.copyOf(copies);
  }

  /**
   * @param repositoryRoot the repository on this machine
   * @param contextDir the build context on this machine
   * @param variant the variant the image was built from (its copies and {@code lives.in})
   */
  public static ImagePaths of(Path repositoryRoot, Path contextDir, Variant variant) {
    Objects.requireNonNull(variant, "variant");
    Path root = repositoryRoot.toAbsolutePath().normalize();
    Path context = contextDir.toAbsolutePath().normalize();
    Path livesIn = IMAGE_ROOT.resolve(variant.lives().in()).normalize();
    List<Copy> copies = new ArrayList<>();
    for (Artifact written : variant.copies()) {
      for (Artifact copy : written.expand(variant.lives().in())) {
        if (!copy.isLocal()) {
          continue;
        }
        try {
          String source = copy.source().orElse(".");
          String destination = copy.destination().orElse(source);
          Path onDisk = context.resolve(source.startsWith("/") ? source.substring(1) : source).normalize();
          boolean directory = Files.isDirectory(onDisk);
          Path inImage = livesIn.resolve(destination).normalize();
          if (!directory && (destination.endsWith("/") || destination.equals("."))) {
            inImage = inImage.resolve(onDisk.getFileName().toString());
          }
          copies.add(new Copy(inImage, onDisk, directory));
        } catch (InvalidPathException e) {
          // a path this file system cannot name maps nothing
        }
      }
    }
    return new ImagePaths(root, livesIn, copies);
  }

  /** How the parsers see the image: everything relative to {@code /}, the tools run in {@code lives.in}. */
  public ToolPaths toolPaths() {
    return new ToolPaths(IMAGE_ROOT, workingDir);
  }

  /**
   * The repository path of a file the parsers read with {@link #toolPaths()} (relative to the
   * image's {@code /}); the absolute image path when no copy of the variant explains it.
   */
  public String toRepository(String parsed) {
    if (parsed.isEmpty()) {
      return parsed;
    }
    Path inImage;
    try {
      inImage = IMAGE_ROOT.resolve(parsed).normalize();
    } catch (InvalidPathException e) {
      return parsed;
    }
    // later copies overwrite earlier ones in the image: the last that covers the path made it
    for (int i = copies.size() - 1; i >= 0; i--) {
      Copy copy = copies.get(i);
      Path onDisk = null;
      if (copy.directory() && inImage.startsWith(copy.inImage())) {
        onDisk = copy.onDisk().resolve(copy.inImage().relativize(inImage).toString()).normalize();
      } else if (!copy.directory() && inImage.equals(copy.inImage())) {
        onDisk = copy.onDisk();
      }
      if (onDisk != null && onDisk.startsWith(repositoryRoot)) {
        return repositoryRoot.relativize(onDisk).toString().replace('\\', '/');
      }
    }
    return inImage.toString();
  }
}
