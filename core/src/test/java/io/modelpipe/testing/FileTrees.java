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

  /** Appends text to a file, creating it when it does not exist. */
  public static void append(Path file, String text) throws IOException {
    Files.writeString(file, (Files.exists(file) ? Files.readString(file) : "") + text);
  }

  /** Replaces text that must be in the file (a fixture that changed fails loudly). */
  public static void replace(Path file, String from, String to) throws IOException {
    String text = Files.readString(file);
    if (!text.contains(from)) {
      throw new AssertionError("fixture text not found in " + file + ": " + from);
    }
    Files.writeString(file, text.replace(from, to));
  }
}
