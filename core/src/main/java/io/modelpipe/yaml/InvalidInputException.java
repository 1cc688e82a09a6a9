package io.modelpipe.yaml;

import java.util.List;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The user's input (a config, a Blubber file, a flag) is wrong. Carries every problem found, not
 * only the first, so one run shows everything to fix. The command line maps it to exit code 2.
 */
public final class InvalidInputException extends RuntimeException {

  private final List<Diagnostic> diagnostics;

  public InvalidInputException(List<Diagnostic> diagnostics) {
    super(describe(diagnostics), null, false, false);
    if (diagnostics.isEmpty()) {
      throw new IllegalArgumentException("an InvalidInputException needs at least one diagnostic");
    }
    this.diagnostics = diagnostics.stream().sorted(Diagnostic.IN_SOURCE_ORDER).distinct().toList();
  }

  public InvalidInputException(Diagnostic diagnostic) {
    this(List.of(diagnostic));
  }

  public List<Diagnostic> diagnostics() {
    return diagnostics;
  }

  /**
   * Reads one input; when it is invalid, adds its problems to {@code problems} and returns null, so
   * that a caller reading several inputs reports every problem at once.
   */
  public static <T> T collect(List<Diagnostic> problems, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (InvalidInputException e) {
      problems.addAll(e.diagnostics());
      return null;
    }
  }

  private static String describe(List<Diagnostic> diagnostics) {
    return diagnostics.stream()
        .sorted(Diagnostic.IN_SOURCE_ORDER)
        .distinct()
        .map(Diagnostic::format)
        .collect(Collectors.joining("\n"));
  }
}
