package io.modelpipe.image.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.Assume;

/**
 * A real registry (Docker Distribution's {@code docker-registry serve}) on a free loopback port
 * with its own temporary storage, with or without htpasswd basic auth. It can be stopped and
 * started again on the same port and storage, to make a registry disappear in the middle of a push.
 *
 * <p>Where {@code docker-registry} (or {@code htpasswd} for auth) is not installed, {@link #start()}
 * prints the reason and skips the calling test through {@link Assume}.
 */
public final class RegistryFixture implements AutoCloseable {

  private static final Duration READY_TIMEOUT = Duration.ofSeconds(20);

  private final Path directory;
  private final Path config;
  private final int port;
  private final Optional<String> user;
  private final Optional<String> password;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private Process process;

  private RegistryFixture(Path directory, int port, Optional<String> user, Optional<String> password) {
    this.directory = directory;
    this.config = directory.resolve("config.yml");
    this.port = port;
    this.user = user;
    this.password = password;
  }

  /** A registry without auth, started. */
  public static RegistryFixture start() {
    return create(Optional.empty(), Optional.empty());
  }

  /** A registry that accepts only {@code user} with {@code password} (htpasswd, bcrypt), started. */
  public static RegistryFixture startWithAuth(String user, String password) {
    return create(Optional.of(user), Optional.of(password));
  }

  private static RegistryFixture create(Optional<String> user, Optional<String> password) {
    skipUnlessInstalled("docker-registry", "apt-get install docker-registry");
    if (user.isPresent()) {
      skipUnlessInstalled("htpasswd", "apt-get install apache2-utils");
    }
    try {
      Path directory = Files.createTempDirectory("modelpipe-registry");
      RegistryFixture fixture = new RegistryFixture(directory, freePort(), user, password);
      fixture.writeConfig();
      fixture.startProcess();
      Runtime.getRuntime().addShutdownHook(new Thread(fixture::close));
      return fixture;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code 127.0.0.1:PORT}. */
  public String address() {
    return "127.0.0.1:" + port;
  }

  public int port() {
    return port;
  }

  /** Where the registry keeps blobs and manifests. */
  public Path storage() {
    return directory.resolve("storage");
  }

  /** Bytes of all files under the storage: what pushes have uploaded. */
  public long storageBytes() {
    if (!Files.isDirectory(storage())) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(storage())) {
      return files.filter(Files::isRegularFile).mapToLong(file -> {
        try {
          return Files.size(file);
        } catch (IOException e) {
          return 0;
        }
      }).sum();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public boolean isRunning() {
    return process != null && process.isAlive();
  }

  /** Stops the process at once (SIGKILL, as a crash would); storage and port stay. */
  public synchronized void stop() {
    if (process != null) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      process = null;
    }
  }

  /** Starts it again on the same port and storage. */
  public synchronized void restart() {
    stop();
    startProcess();
  }

  /** Raw {@code GET} or {@code HEAD} of the registry API with this fixture's credentials. */
  public HttpResponse<String> request(String method, String path, String accept) {
    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + address() + path))
        .timeout(Duration.ofSeconds(10))
        .method(method, HttpRequest.BodyPublishers.noBody());
    if (accept != null) {
      request.header("Accept", accept);
    }
    if (user.isPresent()) {
      String basic = java.util.Base64.getEncoder()
          .encodeToString((user.get() + ":" + password.get()).getBytes(StandardCharsets.UTF_8));
      request.header("Authorization", "Basic " + basic);
    }
    try {
      return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Override
  public synchronized void close() {
    stop();
    try (Stream<Path> files = Files.walk(directory)) {
      files.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // Temporary files: nothing to recover.
    }
  }

  @Override
  public String toString() {
    return "RegistryFixture[" + address() + (user.isPresent() ? ", htpasswd" : "") + "]";
  }

  private void writeConfig() throws IOException {
    List<String> lines = new ArrayList<>(List.of(
        "version: 0.1",
        "log:",
        "  level: warn",
        "  accesslog:",
        "    disabled: true",
        "storage:",
        "  filesystem:",
        "    rootdirectory: " + storage(),
        "  delete:",
        "    enabled: true",
        "http:",
        "  addr: 127.0.0.1:" + port));
    if (user.isPresent()) {
      Path htpasswd = directory.resolve("htpasswd");
      Process hash = new ProcessBuilder("htpasswd", "-Bbn", user.get(), password.get())
          .redirectError(ProcessBuilder.Redirect.DISCARD).start();
      byte[] entry = hash.getInputStream().readAllBytes();
      try {
        if (hash.waitFor() != 0) {
          throw new IOException("htpasswd failed");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException(e);
      }
      Files.write(htpasswd, entry);
      lines.addAll(List.of("auth:", "  htpasswd:", "    realm: modelpipe-test", "    path: " + htpasswd));
    }
    Files.write(config, lines, StandardCharsets.UTF_8);
  }

  private void startProcess() {
    Path log = directory.resolve("registry.log");
    try {
      process = new ProcessBuilder("docker-registry", "serve", config.toString())
          .redirectErrorStream(true)
          .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
          .start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    long deadline = System.nanoTime() + READY_TIMEOUT.toNanos();
    int expected = user.isPresent() ? 401 : 200;
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException("docker-registry exited with " + process.exitValue() + ": " + tail(log));
      }
      try {
        HttpResponse<Void> response = http.send(
            HttpRequest.newBuilder(URI.create("http://" + address() + "/v2/")).timeout(Duration.ofSeconds(2)).build(),
            HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == expected) {
          return;
        }
      } catch (IOException e) {
        // Not listening yet.
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
      sleep(50);
    }
    stop();
    throw new IllegalStateException("docker-registry did not answer /v2/ with " + expected + " in "
        + READY_TIMEOUT.toSeconds() + " s: " + tail(log));
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 10), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static void skipUnlessInstalled(String command, String install) {
    for (String dir : System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator)) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, command))) {
        return;
      }
    }
    String reason = command + " is not installed (" + install + ")";
    System.err.println("SKIPPED (no registry): " + reason);
    Assume.assumeTrue("no registry: " + reason, false);
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
