package io.modelpipe.cli;

import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.Location;
import java.nio.file.Files;
import java.nio.file.Path;

/** Paths given on a command line, checked the same way by every command. */
final class CommandPaths {

  private CommandPaths() {}

  /** {@code given} as an absolute, normalised path; exit 2 naming it as given when it is not a directory. */
  static Path existingDirectory(Path given) {
    Path directory = given.toAbsolutePath().normalize();
    if (!Files.isDirectory(directory)) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(given.toString()), "", "not a directory"));
    }
    return directory;
  }
}
