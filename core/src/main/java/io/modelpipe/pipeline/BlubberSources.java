package io.modelpipe.pipeline;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import io.modelpipe.config.BlubberSource;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Path;

/** Reads the Blubber config a pipeline or stage names: a file of the repository, or a document inline in the config. */
public final class BlubberSources {

  private BlubberSources() {}

  /**
   * @param root the repository root, which file paths are relative to
   * @param configDocument the config, where inline documents live
   * @throws InvalidInputException when the file is missing or invalid
   */
  public static BlubberFile read(Path root, YamlDocument configDocument, BlubberSource source) {
    if (source instanceof BlubberSource.Inline inline) {
      return BlubberReader.read(configDocument, inline.keyPath(), inline.node());
    }
    BlubberSource.File file = (BlubberSource.File) source;
    return BlubberReader.read(root.resolve(file.path()), file.path());
  }
}
