package io.modelpipe.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.stream.Stream;

/** Copies fixture trees (the example monorepo, lint projects) into a test's temporary folder. */
public final class FileTrees {

  private FileTrees() {}

  /** Copies every file and folder under {@code source} to {@code target}; returns {@code target}. */
  public static Path copy(Path source, Path target) {
    try (Stream<Path> paths = Files.walk(source)) {
      for (Path from : paths.toList()) {
        // toString: the two trees may sit on different file systems
        Path to = target.resolve(source.relativize(from).toString());
        if (Files.isDirectory(from)) {
          Files.createDirectories(to);
        } else {
          Files.copy(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return target;
  }
}
