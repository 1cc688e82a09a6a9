package io.modelpipe.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --result-file FILE}: the command's JSON result also goes to a file, whatever is printed.
 * The Jenkins steps read it back (the console output stays for people). Written whole or not at
 * all: a temporary file beside it is moved into place.
 */
final class ResultFileOption {

  static final String VARIABLE = "MODELPIPE_RESULT_FILE";

  @Option(names = "--result-file", paramLabel = "FILE",
      description = "Also write the result as JSON to FILE (default: $$" + VARIABLE + ").")
  Path file;

  /** The file from the flag, else the variable; empty when neither is set. */
  Optional<Path> path(Map<String, String> environment) {
    if (file != null) {
      return Optional.of(file);
    }
    String value = environment.get(VARIABLE);
    return value == null || value.isBlank() ? Optional.empty() : Optional.of(Path.of(value.strip()));
  }

  /** Writes {@code json} to the result file, if one is set. */
  void write(Map<String, String> environment, String json) {
    path(environment).ifPresent(path -> write(path, json));
  }

  static void write(Path path, String json) {
    try {
      Path target = path.toAbsolutePath();
      Files.createDirectories(target.getParent());
      Path temporary = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp");
      Files.writeString(temporary, json.endsWith("\n") ? json : json + "\n", StandardCharsets.UTF_8);
      try {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the result file " + path, e);
    }
  }
}
