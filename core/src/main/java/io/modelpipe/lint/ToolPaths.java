package io.modelpipe.lint;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;

/**
 * Turns the paths a tool prints into project-relative paths: a tool prints them relative to its
 * working directory ({@code ./app/model.py}) or absolute ({@code black} prints absolute paths).
 *
 * @param root the project directory as the tool sees it (on the agent, the real directory; in an
 *     image, where the project is in the image)
 * @param workingDir the tool's working directory as the tool sees it
 */
public record ToolPaths(Path root, Path workingDir) {

  /** The file relative to the project with {@code /} separators, or as printed when outside. */
  public String relative(String printed) {
    if (printed.isEmpty()) {
      return printed;
    }
    try {
      Path resolved = workingDir.resolve(printed).normalize();
      if (resolved.startsWith(root)) {
        return root.relativize(resolved).toString().replace('\\', '/');
      }
      return printed;
    } catch (InvalidPathException e) {
      return printed;
    }
  }
}
