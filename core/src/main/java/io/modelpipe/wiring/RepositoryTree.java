package io.modelpipe.wiring;

import io.modelpipe.git.ChangedFiles;
import io.modelpipe.git.GitException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * The files of a monorepo as a reviewer sees them (git's index; every file below the root when it
 * is not in git), and one new file in every directory: the paths a filter is checked against.
 *
 * @param files repo-relative, sorted
 * @param probes a path that does not exist yet in every directory, the root included
 */
public record RepositoryTree(List<String> files, List<String> probes) {

  /** The name of a file that no directory holds yet. */
  public static final String PROBE_NAME = "new_file.txt";

  public RepositoryTree {
    files = List.copyOf(files);
    probes = List.copyOf(probes);
  }

  public static RepositoryTree of(Path root) {
    List<String> files;
    try (ChangedFiles git = ChangedFiles.open(root)) {
      files = git.trackedFiles();
    } catch (GitException e) {
      files = walk(root);
    }
    return of(files);
  }

  public static RepositoryTree of(List<String> files) {
    TreeSet<String> directories = new TreeSet<>();
    directories.add("");
    for (String file : files) {
      for (int cut = file.indexOf('/'); cut > 0; cut = file.indexOf('/', cut + 1)) {
        directories.add(file.substring(0, cut));
      }
    }
    List<String> probes = new ArrayList<>();
    for (String directory : directories) {
      String probe = directory.isEmpty() ? PROBE_NAME : directory + "/" + PROBE_NAME;
      if (!files.contains(probe)) {
        probes.add(probe);
      }
    }
    return new RepositoryTree(files.stream().sorted().toList(), probes);
  }

  /** The files, then the probes. */
  public List<String> paths() {
    List<String> all = new ArrayList<>(files);
    all.addAll(probes);
    return all;
  }

  private static List<String> walk(Path root) {
    try (Stream<Path> paths = Files.walk(root)) {
      return paths.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .filter(p -> !p.startsWith(".git/") && !p.startsWith(".modelpipe/"))
          .sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
