package io.modelpipe.testing;

import java.io.IOException;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.stream.Stream;

/** A corpus of test cases on the test class path: one directory per case, run as a JUnit parameterized test. */
public final class Corpus {

  private Corpus() {}

  /**
   * The case directories under class path resource {@code resource} (e.g. {@code /shapes}), sorted by
   * name, as {@code @Parameters} rows {@code {name, directory}}.
   */
  public static Collection<Object[]> cases(String resource) throws IOException, URISyntaxException {
    URL url = Corpus.class.getResource(resource);
    if (url == null) {
      throw new IOException("no corpus on the class path: " + resource);
    }
    List<Object[]> cases = new ArrayList<>();
    try (Stream<Path> dirs = Files.list(Paths.get(url.toURI()))) {
      dirs.filter(Files::isDirectory)
          .sorted()
          .forEach(d -> cases.add(new Object[] {d.getFileName().toString(), d}));
    }
    return cases;
  }
}
