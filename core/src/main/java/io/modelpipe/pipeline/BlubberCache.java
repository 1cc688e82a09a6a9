package io.modelpipe.pipeline;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.blubber.CompiledDockerfile;
import io.modelpipe.blubber.DockerfileCompiler;
import io.modelpipe.config.BlubberSource;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads each Blubber config a repository's stages build from, and compiles each variant, once;
 * collects the problems and compiler warnings instead of throwing them, so that one pass can
 * report everything. Not thread-safe: one per pass over a repository.
 */
final class BlubberCache {

  private final Path root;
  private final YamlDocument configDocument;
  private final CompileOptions options;
  private final Map<String, Optional<BlubberFile>> files = new HashMap<>();
  private final Map<String, Optional<CompiledDockerfile>> compiled = new HashMap<>();
  private final Map<String, List<Diagnostic>> problems = new HashMap<>();
  private final List<Diagnostic> warnings = new ArrayList<>();

  /**
   * @param root the repository root, absolute and normalised
   * @param configDocument the config, where inline Blubber documents live
   */
  BlubberCache(Path root, YamlDocument configDocument, CompileOptions options) {
    this.root = root;
    this.configDocument = configDocument;
    this.options = options;
  }

  /** The Blubber config; empty (and a problem recorded) when it is missing or invalid. */
  Optional<BlubberFile> load(BlubberSource source) {
    String key = keyOf(source);
    return files.computeIfAbsent(key, k -> {
      try {
        if (source instanceof BlubberSource.File file && !Files.isRegularFile(root.resolve(file.path()))) {
          problemsOf(k).add(configDocument.problemAt(file.keyPath(),
              "Blubber file '" + file.path() + "' not found"
                  + (file.defaulted() ? " (the default for a pipeline without 'blubberfile')" : "")));
          return Optional.empty();
        }
        BlubberFile file = BlubberSources.read(root, configDocument, source);
        warnings.addAll(file.readWarnings());
        return Optional.of(file);
      } catch (InvalidInputException e) {
        problemsOf(k).addAll(e.diagnostics());
        return Optional.empty();
      }
    });
  }

  /** The problems of reading the source, and of compiling the variant when given; empty when there were none. */
  List<Diagnostic> problemsOf(BlubberSource source, Optional<String> variant) {
    List<Diagnostic> found = new ArrayList<>(problems.getOrDefault(keyOf(source), List.of()));
    variant.ifPresent(v -> found.addAll(problems.getOrDefault(compileKey(source, v), List.of())));
    return found;
  }

  /** Every problem recorded so far. */
  List<Diagnostic> problems() {
    return problems.values().stream().flatMap(List::stream).toList();
  }

  private List<Diagnostic> problemsOf(String key) {
    return problems.computeIfAbsent(key, k -> new ArrayList<>());
  }

  private static String keyOf(BlubberSource source) {
    return source instanceof BlubberSource.File file ? file.path() : "inline:" + source.keyPath();
  }

  private static String compileKey(BlubberSource source, String variant) {
    return keyOf(source) + "#" + variant;
  }

  /** The compiled variant; empty (and a problem recorded) when it does not compile. */
  Optional<CompiledDockerfile> compile(BlubberSource source, BlubberFile file, String variant) {
    String key = compileKey(source, variant);
    return compiled.computeIfAbsent(key, k -> {
      try {
        CompiledDockerfile dockerfile = DockerfileCompiler.compile(file, variant, options);
        warnings.addAll(dockerfile.warnings());
        return Optional.of(dockerfile);
      } catch (InvalidInputException e) {
        problemsOf(k).addAll(e.diagnostics());
        return Optional.empty();
      }
    });
  }

  /** Compiler warnings recorded so far. */
  List<Diagnostic> warnings() {
    return warnings;
  }
}
