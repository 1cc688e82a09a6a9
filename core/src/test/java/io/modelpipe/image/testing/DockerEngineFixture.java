package io.modelpipe.image.testing;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.Assume;

/**
 * One real Docker Engine per test JVM, on a private socket, for tests that build and run images.
 *
 * <p>{@link #get()} starts {@code dockerd} on first use ({@code --iptables=false --bridge=none},
 * storage driver {@code overlay2}, falling back to {@code vfs}) and stops it when the JVM exits.
 * Its data root lives under {@code /var/tmp/modelpipe-test/} so that base images and build cache
 * survive between runs; each JVM locks one of a few data-root slots, so concurrent test runs on one
 * machine never share a data root. When no engine can be started here (no {@code dockerd}, not
 * root, the daemon fails), {@link #get()} prints the reason on standard error and skips the calling
 * test through {@link Assume}.
 *
 * <p>{@code MODELPIPE_TEST_DOCKER_HOST} (e.g. {@code unix:///run/docker.sock}) uses an engine
 * already running instead of starting one.
 *
 * <p>Without a bridge, containers and builds reach the network only with network mode
 * {@code host}: see {@link #NETWORK_MODE}.
 */
public final class DockerEngineFixture {

  /** Network mode for builds and containers: the private engine has no bridge network. */
  public static final String NETWORK_MODE = "host";
  /** A tiny image made from Debian's busybox-static: {@code sh}, {@code echo}, {@code sleep}, ... */
  public static final String BUSYBOX = "local/busybox:1";
  /** Debian bookworm (minbase) with python3 and python3-venv, made by debootstrap. */
  public static final String BOOKWORM = "local/bookworm:latest";
  /** The base image the example services name, which tests map to {@link #BOOKWORM}. */
  public static final String EXAMPLES_BASE = "docker-registry.wikimedia.org/bookworm:20240609";

  /** Where state shared between runs lives: data roots, the debootstrap tarball. */
  public static final Path CACHE = Path.of("/var/tmp/modelpipe-test");

  private static final int DATA_ROOT_SLOTS = 4;
  private static final Duration START_TIMEOUT = Duration.ofSeconds(60);

  private static DockerEngineFixture shared;
  private static FileLock slotLock;
  private static String unavailable;

  private final String dockerHost;
  private final DockerClient client;
  private final Process daemon;
  private final Path runDirectory;
  private final String storageDriver;

  private DockerEngineFixture(String dockerHost, Process daemon, Path runDirectory, String storageDriver) {
    this.dockerHost = dockerHost;
    this.daemon = daemon;
    this.runDirectory = runDirectory;
    this.storageDriver = storageDriver;
    this.client = newClient(dockerHost);
  }

  /**
   * The engine of this JVM, started on first call. Skips the calling test (with a reason on
   * standard error) when no engine can be started on this machine.
   */
  public static synchronized DockerEngineFixture get() {
    if (shared == null && unavailable == null) {
      try {
        shared = start();
      } catch (EngineUnavailable e) {
        unavailable = e.getMessage();
      }
    }
    if (unavailable != null) {
      System.err.println("SKIPPED (no Docker Engine): " + unavailable);
      Assume.assumeTrue("no Docker Engine: " + unavailable, false);
    }
    return shared;
  }

  /** {@code unix:///.../docker.sock}, as for {@code DOCKER_HOST}. */
  public String dockerHost() {
    return dockerHost;
  }

  /** A docker-java client of this engine, shared by the tests of this JVM; do not close it. */
  public DockerClient client() {
    return client;
  }

  /** {@code overlay2} or {@code vfs}; {@code external} for an engine this fixture did not start. */
  public String storageDriver() {
    return storageDriver;
  }

  /** Makes sure {@link #BUSYBOX} exists on the engine (a second at most); returns its name. */
  public synchronized String ensureBusybox() {
    if (!imageExists(BUSYBOX)) {
      Path root = tempDirectory("busybox-root");
      try {
        Path bin = Files.createDirectories(root.resolve("bin"));
        for (String dir : List.of("tmp", "etc", "proc", "sys", "dev", "root")) {
          Files.createDirectories(root.resolve(dir));
        }
        Files.writeString(root.resolve("etc/passwd"), "root:x:0:0:root:/root:/bin/sh\nnobody:x:65534:65534:nobody:/:/bin/false\n");
        Files.writeString(root.resolve("etc/group"), "root:x:0:\nnogroup:x:65534:\n");
        Path busybox = Path.of("/bin/busybox");
        if (!Files.isExecutable(busybox)) {
          throw new IllegalStateException("/bin/busybox is missing: apt-get install busybox-static (bin/setup-debian does)");
        }
        Files.copy(busybox, bin.resolve("busybox"));
        String applets = run(List.of(busybox.toString(), "--list"), Duration.ofSeconds(10));
        for (String applet : applets.split("\\R")) {
          if (!applet.isBlank() && !applet.equals("busybox")) {
            Files.createSymbolicLink(bin.resolve(applet.strip()), Path.of("busybox"));
          }
        }
        importRootFilesystem(root, BUSYBOX);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } finally {
        deleteTree(root);
      }
    }
    return BUSYBOX;
  }

  /**
   * Makes sure {@link #BOOKWORM} exists on the engine; returns its name. The first run on a machine
   * debootstraps it from the machine's Debian mirror (about a minute) and caches the tarball under
   * {@link #CACHE}; later runs only import it.
   */
  public synchronized String ensureBookworm() {
    if (!imageExists(BOOKWORM)) {
      Path tarball = bookwormTarball();
      try (InputStream in = Files.newInputStream(tarball)) {
        importImage(in, BOOKWORM);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return BOOKWORM;
  }

  /** True when the engine has an image of this name. */
  public boolean imageExists(String name) {
    try {
      client.inspectImageCmd(name).exec();
      return true;
    } catch (NotFoundException e) {
      return false;
    }
  }

  // ---- starting and stopping

  private static final class EngineUnavailable extends Exception {
    EngineUnavailable(String reason) {
      super(reason);
    }
  }

  private static DockerEngineFixture start() throws EngineUnavailable {
    String external = System.getenv("MODELPIPE_TEST_DOCKER_HOST");
    if (external != null && !external.isBlank()) {
      DockerEngineFixture fixture = new DockerEngineFixture(external, null, null, "external");
      try {
        fixture.client.pingCmd().exec();
      } catch (RuntimeException e) {
        throw new EngineUnavailable("MODELPIPE_TEST_DOCKER_HOST=" + external + " does not answer: " + e.getMessage());
      }
      return fixture;
    }
    Optional<Path> dockerd = Stream.of("/usr/sbin/dockerd", "/usr/bin/dockerd", "/usr/local/bin/dockerd")
        .map(Path::of).filter(Files::isExecutable).findFirst();
    if (dockerd.isEmpty()) {
      throw new EngineUnavailable("dockerd not found (apt-get install docker.io; bin/setup-debian does it)");
    }
    if (!"0".equals(runQuietly(List.of("id", "-u")).strip())) {
      throw new EngineUnavailable("dockerd needs root and this JVM does not run as root");
    }
    int index = lockDataRootSlot();
    List<String> failures = new ArrayList<>();
    for (String driver : List.of("overlay2", "vfs")) {
      Path dataRoot = CACHE.resolve("docker-" + index + (driver.equals("overlay2") ? "" : "-" + driver));
      try {
        return startDaemon(dockerd.get(), dataRoot, driver);
      } catch (EngineUnavailable e) {
        failures.add(driver + ": " + e.getMessage());
      }
    }
    throw new EngineUnavailable("dockerd did not start: " + String.join("; ", failures));
  }

  private static DockerEngineFixture startDaemon(Path dockerd, Path dataRoot, String driver) throws EngineUnavailable {
    // The socket path must stay short (unix sockets allow about 108 bytes): a fresh /tmp directory.
    Path run = tempDirectory("mp-dockerd");
    Path socket = run.resolve("docker.sock");
    Path log = run.resolve("dockerd.log");
    Process process;
    try {
      Files.createDirectories(dataRoot);
      process = new ProcessBuilder(
              dockerd.toString(),
              "--data-root", dataRoot.toString(),
              "--exec-root", run.resolve("exec").toString(),
              "--pidfile", run.resolve("docker.pid").toString(),
              "--host", "unix://" + socket,
              "--storage-driver", driver,
              "--iptables=false",
              "--bridge=none")
          .redirectErrorStream(true)
          .redirectOutput(log.toFile())
          .start();
    } catch (IOException e) {
      throw new EngineUnavailable("cannot run " + dockerd + ": " + e.getMessage());
    }
    String host = "unix://" + socket;
    DockerEngineFixture fixture = new DockerEngineFixture(host, process, run, driver);
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (true) {
      if (!process.isAlive()) {
        String tail = lastLines(log, 3);
        deleteTree(run);
        throw new EngineUnavailable("dockerd exited with " + process.exitValue() + ": " + tail);
      }
      if (Files.exists(socket)) {
        try {
          fixture.client.pingCmd().exec();
          break;
        } catch (RuntimeException notYet) {
          // keep polling until the deadline
        }
      }
      if (System.nanoTime() > deadline) {
        String tail = lastLines(log, 3);
        fixture.stop();
        throw new EngineUnavailable("dockerd did not answer /_ping within " + START_TIMEOUT.toSeconds() + " s: " + tail);
      }
      sleep(100);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(fixture::stop, "stop-test-dockerd"));
    return fixture;
  }

  private void stop() {
    if (daemon == null) {
      return;
    }
    try {
      client.close();
    } catch (IOException | RuntimeException ignored) {
      // the daemon goes anyway
    }
    daemon.destroy();
    try {
      if (!daemon.waitFor(20, TimeUnit.SECONDS)) {
        daemon.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    deleteTree(runDirectory);
  }

  /** Locks, for the JVM's life, the first data-root slot no other test run holds; returns its index. */
  private static int lockDataRootSlot() throws EngineUnavailable {
    try {
      Files.createDirectories(CACHE);
      for (int i = 0; i < DATA_ROOT_SLOTS; i++) {
        FileChannel channel = FileChannel.open(CACHE.resolve("docker-" + i + ".lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = channel.tryLock();
        if (lock != null) {
          slotLock = lock; // released when the JVM exits
          return i;
        }
        channel.close();
      }
    } catch (IOException e) {
      throw new EngineUnavailable("cannot use " + CACHE + ": " + e.getMessage());
    }
    throw new EngineUnavailable("all " + DATA_ROOT_SLOTS + " data roots under " + CACHE + " are in use by other test runs");
  }

  // ---- base images

  private Path bookwormTarball() {
    Path tarball = CACHE.resolve("bookworm-minbase-python3.tar");
    if (Files.exists(tarball)) {
      return tarball;
    }
    // Another JVM may be making it: one debootstrap per machine.
    try (FileChannel lockChannel = FileChannel.open(CACHE.resolve("bookworm.lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock ignored = lockChannel.lock()) {
      if (Files.exists(tarball)) {
        return tarball;
      }
      Path debootstrap = Stream.of("/usr/sbin/debootstrap", "/usr/bin/debootstrap").map(Path::of).filter(Files::isExecutable).findFirst()
          .orElseThrow(() -> new IllegalStateException("debootstrap is missing: apt-get install debootstrap (bin/setup-debian does)"));
      Path root = Files.createTempDirectory(CACHE, "bookworm-root");
      try {
        run(List.of(debootstrap.toString(), "--variant=minbase", "--include=python3,python3-venv", "bookworm", root.toString(), debianMirror()),
            Duration.ofMinutes(15));
        // debootstrap leaves its package cache; the image does not need it.
        run(List.of("sh", "-c", "rm -rf " + root + "/var/cache/apt/archives/*.deb " + root + "/var/lib/apt/lists/*"), Duration.ofMinutes(1));
        Path partial = CACHE.resolve("bookworm-minbase-python3.tar.partial");
        run(List.of("tar", "--numeric-owner", "-C", root.toString(), "-cf", partial.toString(), "."), Duration.ofMinutes(5));
        Files.move(partial, tarball);
      } finally {
        deleteTree(root);
      }
      return tarball;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first Debian mirror in the machine's APT sources that serves {@code bookworm}. */
  static String debianMirror() throws IOException {
    List<Path> files = new ArrayList<>();
    Path list = Path.of("/etc/apt/sources.list");
    Path dir = Path.of("/etc/apt/sources.list.d");
    if (Files.isDirectory(dir)) {
      try (Stream<Path> entries = Files.list(dir)) {
        entries.filter(p -> p.toString().endsWith(".sources") || p.toString().endsWith(".list")).sorted().forEach(files::add);
      }
    }
    if (Files.exists(list)) {
      files.add(0, list);
    }
    for (Path file : files) {
      Optional<String> mirror = mirrorIn(Files.readString(file, StandardCharsets.UTF_8), file.toString().endsWith(".sources"));
      if (mirror.isPresent()) {
        return mirror.get();
      }
    }
    return "http://deb.debian.org/debian";
  }

  static Optional<String> mirrorIn(String text, boolean deb822) {
    if (deb822) {
      for (String stanza : text.split("\\n\\s*\\n")) {
        String uris = field(stanza, "URIs");
        String suites = field(stanza, "Suites");
        if (uris != null && suites != null && List.of(suites.split("\\s+")).contains("bookworm")) {
          return Optional.of(uris.split("\\s+")[0]);
        }
      }
      return Optional.empty();
    }
    for (String line : text.split("\\R")) {
      String[] words = line.replaceAll("\\[[^]]*]", " ").strip().split("\\s+");
      if (words.length >= 3 && words[0].equals("deb") && words[2].equals("bookworm")) {
        return Optional.of(words[1]);
      }
    }
    return Optional.empty();
  }

  private static String field(String stanza, String name) {
    for (String line : stanza.split("\\R")) {
      if (line.regionMatches(true, 0, name + ":", 0, name.length() + 1)) {
        return line.substring(name.length() + 1).strip();
      }
    }
    return null;
  }

  private void importRootFilesystem(Path root, String image) throws IOException {
    Path tar = Files.createTempFile("rootfs", ".tar");
    try {
      run(List.of("tar", "--numeric-owner", "--owner=0", "--group=0", "-C", root.toString(), "-cf", tar.toString(), "."), Duration.ofMinutes(1));
      try (InputStream in = Files.newInputStream(tar)) {
        importImage(in, image);
      }
    } finally {
      Files.deleteIfExists(tar);
    }
  }

  /**
   * {@code docker import}, done as a build of {@code FROM scratch} + {@code ADD rootfs.tar /}:
   * docker-java 3.7.1's {@code createImageCmd} does not send the stream as the request body (the
   * engine answers "unexpected EOF"), while build contexts stream fine.
   */
  private void importImage(InputStream rootfsTar, String image) {
    try {
      Path context = Files.createTempFile("import-context", ".tar");
      try {
        try (OutputStream file = Files.newOutputStream(context);
            TarArchiveOutputStream tar = new TarArchiveOutputStream(file)) {
          tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
          tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
          byte[] dockerfile = "FROM scratch\nADD rootfs.tar /\n".getBytes(StandardCharsets.UTF_8);
          TarArchiveEntry entry = new TarArchiveEntry("Dockerfile");
          entry.setSize(dockerfile.length);
          tar.putArchiveEntry(entry);
          tar.write(dockerfile);
          tar.closeArchiveEntry();
          Path rootfs = Files.createTempFile("rootfs", ".tar");
          try {
            Files.copy(rootfsTar, rootfs, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            TarArchiveEntry rootfsEntry = new TarArchiveEntry("rootfs.tar");
            rootfsEntry.setSize(Files.size(rootfs));
            tar.putArchiveEntry(rootfsEntry);
            Files.copy(rootfs, tar);
            tar.closeArchiveEntry();
          } finally {
            Files.deleteIfExists(rootfs);
          }
        }
        try (InputStream in = Files.newInputStream(context)) {
          client.buildImageCmd().withTarInputStream(in).withTags(java.util.Set.of(image))
              .exec(new BuildImageResultCallback()).awaitImageId();
        }
      } finally {
        Files.deleteIfExists(context);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  // ---- small helpers

  private static DockerClient newClient(String host) {
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder().withDockerHost(host).build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .connectionTimeout(Duration.ofSeconds(5))
        .responseTimeout(Duration.ofMinutes(30))
        .build();
    return DockerClientImpl.getInstance(config, http);
  }

  private static String run(List<String> command, Duration timeout) {
    try {
      Path output = Files.createTempFile("fixture-cmd", ".log");
      try {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile()).start();
        if (!process.waitFor(timeout.toSeconds(), TimeUnit.SECONDS)) {
          process.destroyForcibly();
          throw new IllegalStateException(command.get(0) + " timed out after " + timeout.toSeconds() + " s");
        }
        String text = Files.readString(output, StandardCharsets.UTF_8);
        if (process.exitValue() != 0) {
          throw new IllegalStateException(String.join(" ", command) + " failed (" + process.exitValue() + "): " + tail(text, 2000));
        }
        return text;
      } finally {
        Files.deleteIfExists(output);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private static String runQuietly(List<String> command) {
    try {
      return run(command, Duration.ofSeconds(10));
    } catch (RuntimeException e) {
      return "";
    }
  }

  private static String tail(String text, int max) {
    return text.length() <= max ? text : "..." + text.substring(text.length() - max);
  }

  private static String lastLines(Path log, int count) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - count), lines.size()));
    } catch (IOException e) {
      return "(no log)";
    }
  }

  private static Path tempDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path root) {
    if (root == null || !Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> {
        try {
          Files.deleteIfExists(p);
        } catch (IOException ignored) {
          // best effort: a temporary directory
        }
      });
    } catch (IOException ignored) {
      // best effort
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }
}
