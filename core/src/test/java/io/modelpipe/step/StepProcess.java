package io.modelpipe.step;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.jar.Attributes;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.stream.Stream;

/**
 * Runs a step as the plugin does on an agent: {@code java -jar ENGINE_JAR ARGS} in the workspace,
 * with the build's environment plus the step's, the result file in a temporary folder read back,
 * the output as the build log shows it. The engine jar is {@code core/target/modelpipe.jar} when it
 * is newer than the compiled classes; else (in {@code mvn test}, before {@code package}) a jar
 * whose manifest has the same main class and names the same classes and libraries on its
 * {@code Class-Path}.
 */
final class StepProcess {

  private static final Path TARGET = Path.of("target").toAbsolutePath();
  private static Path engineJar;
  private static int results;

  /** One finished step: what the plugin would have. */
  record Finished(StepCommand command, int exitCode, String log, String resultJson, StepOutcome outcome) {
    String describe() {
      return outcome.status() + " (exit " + exitCode + ")\n--- message\n" + outcome.message() + "\n--- log\n" + log;
    }
  }

  private StepProcess() {}

  static Finished run(StepInvocation call, List<StepCredential> credentials, Path temporary) {
    Path resultFile = temporary.resolve("modelpipe-result-" + (++results) + ".json");
    StepCommand command = call.command(credentials, resultFile.toString());
    List<String> argv = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-jar", engineJar().toString()));
    argv.addAll(command.arguments());
    ProcessBuilder builder = new ProcessBuilder(argv).directory(Path.of(command.workingDirectory()).toFile())
        .redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(key -> key.startsWith("MODELPIPE_") || key.startsWith("DOCKER_") || key.startsWith("GERRIT_")
        || key.startsWith("ZUUL_"));
    env.putAll(call.environment());
    env.putAll(command.environment());
    try {
      Path log = temporary.resolve("modelpipe-log-" + results + ".txt");
      builder.redirectOutput(log.toFile());
      Process process = builder.start();
      try (OutputStream stdin = process.getOutputStream()) {
        if (command.standardInput().isPresent()) {
          stdin.write(command.standardInput().get().getBytes(StandardCharsets.UTF_8));
        }
      }
      if (!process.waitFor(10, TimeUnit.MINUTES)) {
        process.destroyForcibly();
        throw new AssertionError(call.spec() + " did not end in 10 minutes:\n" + Files.readString(log));
      }
      String output = Files.readString(log);
      String json = Files.isRegularFile(resultFile) ? Files.readString(resultFile) : null;
      List<String> lines = output.lines().toList();
      String tail = String.join("\n", lines.subList(Math.max(0, lines.size() - 200), lines.size()));
      StepOutcome outcome = StepOutcome.of(call, process.exitValue(), json, tail);
      System.err.println("StepProcess: " + call.spec() + " " + command.arguments() + ": " + outcome);
      return new Finished(command, process.exitValue(), output, json, outcome);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /** The engine jar to start with {@code java -jar}. */
  static synchronized Path engineJar() {
    if (engineJar != null) {
      return engineJar;
    }
    try {
      Path shaded = TARGET.resolve("modelpipe.jar");
      Path classes = TARGET.resolve("classes");
      if (Files.isRegularFile(shaded) && EngineJar.isRunnable(shaded)
          && Files.getLastModifiedTime(shaded).compareTo(newest(classes)) >= 0) {
        engineJar = shaded;
      } else {
        engineJar = manifestJar(classes);
      }
      System.err.println("StepProcess: engine jar " + engineJar);
      return engineJar;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static java.nio.file.attribute.FileTime newest(Path directory) throws IOException {
    try (Stream<Path> files = Files.walk(directory)) {
      return files.filter(Files::isRegularFile).map(p -> {
        try {
          return Files.getLastModifiedTime(p);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }).max(java.util.Comparator.naturalOrder()).orElseThrow();
    }
  }

  /** A jar with Main-Class and a Class-Path of the engine's classes and runtime libraries (no test ones). */
  private static Path manifestJar(Path classes) throws IOException {
    List<String> path = new ArrayList<>();
    for (String entry : System.getProperty("java.class.path").split(java.io.File.pathSeparator)) {
      Path p = Path.of(entry).toAbsolutePath();
      String name = p.getFileName().toString();
      if (p.endsWith("test-classes") || name.startsWith("junit-") || name.startsWith("hamcrest")
          || name.startsWith("groovy-") || name.startsWith("surefire") || name.startsWith("common-java5")) {
        continue;
      }
      path.add(p.toUri().toString());
    }
    if (!path.contains(classes.toUri().toString())) {
      path.add(0, classes.toUri().toString());
    }
    Manifest manifest = new Manifest();
    manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
    manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, "io.modelpipe.cli.Main");
    manifest.getMainAttributes().put(Attributes.Name.CLASS_PATH, String.join(" ", path));
    Path jar = Files.createDirectories(TARGET.resolve("step-e2e")).resolve("modelpipe-engine-classpath.jar");
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
      // the manifest is the whole jar
    }
    return jar;
  }
}
