package io.modelpipe.pipeline;

import io.modelpipe.image.SecretMasker;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A stage's log file, {@code DIR/PIPELINE/STAGE.log}: every step, build line and container line,
 * secrets masked. The result names it, so that a failure message can point to it. Writing is best
 * effort: a log that cannot be written never fails the stage.
 */
final class StageLog {

  private final Optional<Path> file;
  private final SecretMasker masker;
  private BufferedWriter writer;

  private StageLog(Optional<Path> file, BufferedWriter writer, SecretMasker masker) {
    this.file = file;
    this.writer = writer;
    this.masker = masker;
  }

  static StageLog open(Optional<Path> directory, StageId stage, SecretMasker masker) {
    if (directory.isEmpty()) {
      return new StageLog(Optional.empty(), null, masker);
    }
    Path file = directory.get().resolve(safe(stage.pipeline())).resolve(safe(stage.stage()) + ".log");
    try {
      Files.createDirectories(file.getParent());
      return new StageLog(Optional.of(file), Files.newBufferedWriter(file, StandardCharsets.UTF_8), masker);
    } catch (IOException e) {
      return new StageLog(Optional.empty(), null, masker);
    }
  }

  synchronized void line(String text) {
    if (writer == null) {
      return;
    }
    try {
      writer.write(masker.mask(text));
      writer.newLine();
    } catch (IOException e) {
      writer = null;
    }
  }

  /** Closes the file; its path when it was written. */
  synchronized Optional<String> close() {
    if (writer != null) {
      try {
        writer.close();
      } catch (IOException e) {
        return Optional.empty();
      }
      writer = null;
    }
    return file.map(Path::toString);
  }

  private static String safe(String name) {
    return name.replaceAll("[^A-Za-z0-9._-]", "_");
  }
}
