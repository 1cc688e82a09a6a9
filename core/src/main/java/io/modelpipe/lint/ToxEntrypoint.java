package io.modelpipe.lint;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A variant's entry point that runs tox ({@code tox ...} or {@code pythonX -m tox ...}), and the
 * envs it selects with {@code -e}.
 *
 * @param words the entry point as the Blubber file gives it
 * @param envIndex index of the word holding the env list ({@code -e LIST} or {@code -eLIST}), or -1
 */
public record ToxEntrypoint(List<String> words, int envIndex) {

  private static final Pattern PYTHON = Pattern.compile("python(\\d+(\\.\\d+)?)?");

  public ToxEntrypoint {
    words = List.copyOf(words);
  }

  /** The entry point when it runs tox, else empty. */
  public static Optional<ToxEntrypoint> of(List<String> entrypoint) {
    if (entrypoint.isEmpty()) {
      return Optional.empty();
    }
    int start;
    String program = baseName(entrypoint.get(0));
    if (program.equals("tox")) {
      start = 1;
    } else if (PYTHON.matcher(program).matches() && entrypoint.size() >= 3
        && entrypoint.get(1).equals("-m") && entrypoint.get(2).equals("tox")) {
      start = 3;
    } else {
      return Optional.empty();
    }
    int index = -1;
    for (int i = start; i < entrypoint.size(); i++) {
      String word = entrypoint.get(i);
      if (word.equals("--")) {
        break;
      }
      if ((word.equals("-e") || word.equals("--env")) && i + 1 < entrypoint.size()) {
        index = i + 1;
      } else if (word.startsWith("-e") && word.length() > 2 && !word.startsWith("--")) {
        index = i;
      }
    }
    return Optional.of(new ToxEntrypoint(entrypoint, index));
  }

  /** The envs the entry point names with {@code -e}; empty when it runs tox's envlist. */
  public List<String> envs() {
    if (envIndex < 0) {
      return List.of();
    }
    String word = words.get(envIndex);
    String list = word.startsWith("-e") ? word.substring(2) : word;
    return Arrays.stream(list.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList();
  }

  /** The same entry point running {@code envs} instead (its env list replaced, or {@code -e} added). */
  public List<String> withEnvs(List<String> envs) {
    String list = String.join(",", envs);
    List<String> result = new ArrayList<>(words);
    if (envIndex >= 0) {
      result.set(envIndex, words.get(envIndex).startsWith("-e") ? "-e" + list : list);
    } else {
      int insert = baseName(words.get(0)).equals("tox") ? 1 : 3;
      result.add(insert, list);
      result.add(insert, "-e");
    }
    return List.copyOf(result);
  }

  private static String baseName(String program) {
    Path name = Path.of(program).getFileName();
    return name == null ? program : name.toString();
  }
}
