package io.modelpipe.lint;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Runs commands on this machine with the tools installed here: no virtualenv, no pip.
 *
 * <p>Finding the tools (the {@code python3} first on a user's PATH may be another build, such as
 * pyenv's, without Debian's flake8 and black):
 *
 * <ul>
 *   <li>{@code python}, {@code python3}, {@code pythonX.Y} and {@code {envpython}} run {@code
 *       $MODELPIPE_PYTHON} when set, else {@code /usr/bin/python3} (Debian's, which has the
 *       packaged tools), else the first {@code python3} on the search path;
 *   <li>other programs are looked up in {@code $MODELPIPE_TOOL_PATH} when set, else in {@code
 *       /usr/bin:/bin} and then {@code $PATH}; the commands get that search path as their PATH;
 *   <li>a program that is not found, or {@code python -m MODULE} answering "No module named
 *       MODULE", is a {@link ToolNotInstalledException}.
 * </ul>
 */
public final class AgentCommandRunner implements CommandRunner {

  private static final Pattern PYTHON = Pattern.compile("python(\\d+(\\.\\d+)?)?");
  private static final Pattern NO_MODULE = Pattern.compile("(?m)^\\S*python[\\d.]*: No module named ([\\w.]+)\\s*$");

  private final Map<String, String> environment;
  private final List<Path> searchPath;
  private final String python;

  /** @param environment the environment commands inherit (normally {@code System.getenv()}) */
  public AgentCommandRunner(Map<String, String> environment) {
    this.environment = Map.copyOf(environment);
    Set<Path> dirs = new LinkedHashSet<>();
    String toolPath = environment.get("MODELPIPE_TOOL_PATH");
    String path = toolPath != null && !toolPath.isBlank() ? toolPath
        : "/usr/bin:/bin" + File.pathSeparator + environment.getOrDefault("PATH", "");
    for (String dir : path.split(File.pathSeparator)) {
      if (!dir.isBlank()) {
        dirs.add(Path.of(dir));
      }
    }
    this.searchPath = List.copyOf(dirs);
    String configured = environment.get("MODELPIPE_PYTHON");
    if (configured != null && !configured.isBlank()) {
      python = configured;
    } else if (Files.isExecutable(Path.of("/usr/bin/python3"))) {
      python = "/usr/bin/python3";
    } else {
      python = find("python3").map(Path::toString).orElse("python3");
    }
  }

  @Override
  public String where() {
    return "agent";
  }

  /** The interpreter {@code python} stands for. */
  public String python() {
    return python;
  }

  /** The directories programs are looked up in, in order. */
  public List<Path> searchPath() {
    return searchPath;
  }

  @Override
  public ToolPaths paths(Path projectRoot, Path workingDir) {
    return new ToolPaths(projectRoot, workingDir);
  }

  /** The path of a program as this runner would run it, or empty when it is not installed. */
  public java.util.Optional<Path> find(String program) {
    if (program.contains("/")) {
      Path path = Path.of(program);
      return Files.isExecutable(path) && !Files.isDirectory(path) ? java.util.Optional.of(path) : java.util.Optional.empty();
    }
    for (Path dir : searchPath) {
      Path candidate = dir.resolve(program);
      if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
        return java.util.Optional.of(candidate);
      }
    }
    return java.util.Optional.empty();
  }

  @Override
  public Outcome run(Request request) throws InterruptedException {
    List<String> argv = new ArrayList<>(request.argv());
    String program = argv.get(0);
    boolean isPython = PYTHON.matcher(program).matches();
    if (isPython) {
      argv.set(0, python);
      if (!Files.isExecutable(Path.of(python)) && find(python).isEmpty()) {
        throw new ToolNotInstalledException("python3", "no interpreter " + python);
      }
    } else {
      Path resolved = find(program.contains("/") ? request.workingDir().resolve(program).toString() : program)
          .orElseThrow(() -> new ToolNotInstalledException(OutputParsers.baseName(program),
              "env " + request.env() + " runs '" + Words.join(request.argv()) + "' and " + program
                  + " is not on " + describeSearchPath()));
      argv.set(0, resolved.toString());
    }
    ProcessBuilder builder = new ProcessBuilder(argv).directory(request.workingDir().toFile());
    Map<String, String> env = builder.environment();
    env.clear();
    env.putAll(environment);
    env.put("PATH", String.join(File.pathSeparator, searchPath.stream().map(Path::toString).toList()));
    env.put("PYTHONIOENCODING", "utf-8");
    env.putIfAbsent("LANG", "C.UTF-8");
    env.putAll(request.environment());
    Path out = null;
    Path err = null;
    long start = System.nanoTime();
    try {
      out = Files.createTempFile("modelpipe-lint-", ".out");
      builder.redirectOutput(out.toFile());
      if (request.mergeOutput()) {
        builder.redirectErrorStream(true);
      } else {
        err = Files.createTempFile("modelpipe-lint-", ".err");
        builder.redirectError(err.toFile());
      }
      Process process = builder.start();
      int code;
      try {
        code = process.waitFor();
      } catch (InterruptedException e) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        throw e;
      }
      Duration duration = Duration.ofNanos(System.nanoTime() - start);
      String stdout = Files.readString(out, StandardCharsets.UTF_8);
      String stderr = err == null ? "" : Files.readString(err, StandardCharsets.UTF_8);
      if (isPython && code != 0) {
        Matcher missing = NO_MODULE.matcher(request.mergeOutput() ? stdout : stderr);
        int m = argv.indexOf("-m");
        if (missing.find() && m > 0 && m + 1 < argv.size() && argv.get(m + 1).startsWith(missing.group(1))) {
          throw new ToolNotInstalledException(argv.get(m + 1),
              "env " + request.env() + " runs '" + Words.join(request.argv()) + "' and " + python
                  + " has no module " + argv.get(m + 1));
        }
      }
      return new Outcome(code, stdout, stderr, duration);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + Words.join(argv) + " in " + request.workingDir(), e);
    } finally {
      delete(out);
      delete(err);
    }
  }

  private String describeSearchPath() {
    return String.join(File.pathSeparator, searchPath.stream().map(Path::toString).toList());
  }

  private static void delete(Path file) {
    if (file != null) {
      try {
        Files.deleteIfExists(file);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
