package io.modelpipe.gerrit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.DirectoryNotEmptyException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.transport.PushResult;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.RemoteRefUpdate;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;
import org.junit.AssumptionViolatedException;
import org.junit.rules.TestRule;
import org.junit.runner.Description;
import org.junit.runners.model.Statement;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A real Gerrit Code Review server for tests: the jars Maven copied to {@code target/gerrit-lib}
 * (system property {@code modelpipe.gerrit.lib}), run as a separate JVM on a free loopback port,
 * once per test JVM, stopped at JVM exit. Use it as a {@code @ClassRule}:
 * {@code @ClassRule public static final GerritServerFixture GERRIT = GerritServerFixture.shared();}
 *
 * <p>The initialised site ({@code init --batch --dev}: user {@code admin}, HTTP password
 * {@code secret}) is cached under {@code /var/tmp/modelpipe-test/gerrit-site-VERSION} and copied for
 * each JVM, so that runs never share a live site. Where Gerrit cannot start (jars missing, the
 * server does not come up), the tests using it are skipped and the reason is printed.
 */
public final class GerritServerFixture implements TestRule {

  public static final String ADMIN = "admin";
  public static final String ADMIN_PASSWORD = "secret";

  private static final Duration START_TIMEOUT = Duration.ofSeconds(240);
  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static GerritServerFixture shared;

  private final Path lib;
  private final String version;
  private Path site;
  private int port;
  private Process process;
  private String unavailable;
  private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(10)).build();
  /** How long the last start took until {@code /config/server/version} answered 200. */
  private Duration lastStartTime = Duration.ZERO;

  private GerritServerFixture(Path lib, String version) {
    this.lib = lib;
    this.version = version;
  }

  /** The one server of this JVM (started on first use). */
  public static synchronized GerritServerFixture shared() {
    if (shared == null) {
      shared = new GerritServerFixture(
          Path.of(System.getProperty("modelpipe.gerrit.lib", "target/gerrit-lib")).toAbsolutePath(),
          System.getProperty("modelpipe.gerrit.version", "3.10.2"));
      GerritServerFixture server = shared;
      Runtime.getRuntime().addShutdownHook(new Thread(() -> {
        server.stop();
        deleteTree(server.site);
      }, "gerrit-fixture-stop"));
    }
    return shared;
  }

  @Override
  public Statement apply(Statement base, Description description) {
    return new Statement() {
      @Override
      public void evaluate() throws Throwable {
        ensureStarted();
        base.evaluate();
      }
    };
  }

  /** Starts the server unless it runs; skips the calling test (with the reason printed) when it cannot. */
  public synchronized void ensureStarted() {
    if (unavailable != null) {
      throw new AssumptionViolatedException("Gerrit cannot start here: " + unavailable);
    }
    if (process != null && process.isAlive()) {
      return;
    }
    try {
      if (site == null) {
        prepareSite();
      }
      launch();
    } catch (IOException | RuntimeException e) {
      unavailable = e.getMessage();
      System.err.println("GerritServerFixture: Gerrit cannot start, skipping the tests that need it: " + unavailable);
      throw new AssumptionViolatedException("Gerrit cannot start here: " + unavailable);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssumptionViolatedException("interrupted while starting Gerrit");
    }
  }

  /** Gerrit's base URL, {@code http://127.0.0.1:PORT/}. */
  public URI url() {
    return URI.create("http://127.0.0.1:" + port + "/");
  }

  public Duration lastStartTime() {
    return lastStartTime;
  }

  /** Stops the server (SIGTERM, then a kill after 30 s); the site stays for a restart. */
  public synchronized void stop() {
    if (process == null) {
      return;
    }
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
    process = null;
  }

  // ---- set-up ----

  private void prepareSite() throws IOException, InterruptedException {
    if (!Files.isDirectory(lib) || !Files.exists(lib.resolve("gerrit-plugin-api-" + version + ".jar"))) {
      throw new IOException("the Gerrit jars are not in " + lib + " (run the tests through Maven: mvn verify)");
    }
    port = freePort();
    Path template = cachedTemplate();
    site = Files.createTempDirectory("modelpipe-gerrit-site-");
    copyTree(template, site);
    writeConfig(site, port);
  }

  /** An initialised site, made once per machine and version, used only as a template to copy. */
  private Path cachedTemplate() throws IOException, InterruptedException {
    Path cacheRoot = Path.of("/var/tmp/modelpipe-test");
    Path template = cacheRoot.resolve("gerrit-site-" + version);
    if (Files.exists(template.resolve("etc/gerrit.config")) && Files.isDirectory(template.resolve("git/All-Projects.git"))) {
      return template;
    }
    Path fresh;
    try {
      Files.createDirectories(cacheRoot);
      fresh = Files.createTempDirectory(cacheRoot, "gerrit-site-init-");
    } catch (IOException e) {
      fresh = Files.createTempDirectory("modelpipe-gerrit-init-"); // no shared cache: init for this run only
      init(fresh);
      return fresh;
    }
    init(fresh);
    try {
      Files.move(fresh, template, StandardCopyOption.ATOMIC_MOVE);
    } catch (FileAlreadyExistsException | DirectoryNotEmptyException | AtomicMoveNotSupportedException e) {
      deleteTree(fresh); // another JVM made it first
    }
    return Files.exists(template) ? template : fresh;
  }

  private void init(Path dir) throws IOException, InterruptedException {
    writeConfig(dir, 8080);
    long started = System.nanoTime();
    Process init = new ProcessBuilder(java(), "-cp", lib + "/*", "com.google.gerrit.launcher.GerritLauncher",
        "init", "-d", dir.toString(), "--batch", "--dev", "--no-auto-start")
        .redirectErrorStream(true)
        .redirectOutput(dir.resolve("init.log").toFile())
        .start();
    if (!init.waitFor(5, TimeUnit.MINUTES)) {
      init.destroyForcibly();
      throw new IOException("gerrit init did not finish in 5 minutes");
    }
    if (init.exitValue() != 0) {
      throw new IOException("gerrit init failed (exit " + init.exitValue() + "): " + tail(dir.resolve("init.log")));
    }
    System.err.printf("GerritServerFixture: initialised a Gerrit %s site in %.1f s%n", version,
        (System.nanoTime() - started) / 1e9);
  }

  private static void writeConfig(Path dir, int port) throws IOException {
    Files.createDirectories(dir.resolve("etc"));
    Path config = dir.resolve("etc/gerrit.config");
    String url = "http://127.0.0.1:" + port + "/";
    if (Files.exists(config)) {
      // An initialised site: keep what init added (serverId, ...), move it to this port.
      String text = Files.readString(config, StandardCharsets.UTF_8)
          .replaceAll("(?m)^(\\s*canonicalWebUrl\\s*=).*$", "$1 " + url)
          .replaceAll("(?m)^(\\s*listenUrl\\s*=).*$", "$1 " + url)
          .replaceAll("(?m)^\\s*javaHome\\s*=.*\\R", "");
      Files.writeString(config, text, StandardCharsets.UTF_8);
      return;
    }
    Files.writeString(config, String.join("\n",
        "[gerrit]",
        "  basePath = git",
        "  canonicalWebUrl = " + url,
        "[auth]",
        "  type = DEVELOPMENT_BECOME_ANY_ACCOUNT",
        "[httpd]",
        "  listenUrl = " + url,
        "[sshd]",
        "  listenAddress = off",
        "[sendemail]",
        "  enable = false",
        "[index]",
        "  type = lucene",
        ""), StandardCharsets.UTF_8);
  }

  private void launch() throws IOException, InterruptedException {
    long started = System.nanoTime();
    Path log = site.resolve("logs/console.log");
    Files.createDirectories(log.getParent());
    process = new ProcessBuilder(java(), "-Xmx512m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-cp", lib + "/*", "com.google.gerrit.launcher.GerritLauncher",
        "daemon", "-d", site.toString(), "--headless", "--console-log")
        .redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
        .start();
    long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        String why = "the Gerrit daemon exited (" + process.exitValue() + "): " + tail(log);
        process = null;
        throw new IOException(why);
      }
      try {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(url().resolve("config/server/version"))
            .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() == 200) {
          lastStartTime = Duration.ofNanos(System.nanoTime() - started);
          System.err.printf("GerritServerFixture: Gerrit %s answered on %s after %.1f s%n", version, url(),
              lastStartTime.toMillis() / 1000.0);
          return;
        }
      } catch (IOException e) {
        // not listening yet
      }
      Thread.sleep(250);
    }
    stop();
    throw new IOException("Gerrit did not answer on " + url() + " within " + START_TIMEOUT.toSeconds() + " s: " + tail(log));
  }

  // ---- REST helpers, as the admin ----

  /** A REST call as {@code admin}; returns the JSON answer ({@code )]}'} removed); fails on non-2xx. */
  public JsonNode rest(String method, String path, String jsonBody) {
    HttpRequest.Builder b = HttpRequest.newBuilder(url().resolve(path))
        .timeout(Duration.ofSeconds(60))
        .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(
            (ADMIN + ":" + ADMIN_PASSWORD).getBytes(StandardCharsets.UTF_8)));
    if (jsonBody != null) {
      b.header("Content-Type", "application/json");
    }
    b.method(method, jsonBody == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(jsonBody));
    try {
      HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() / 100 != 2) {
        throw new AssertionError(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
      }
      return GerritClient.parse(r.body());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Creates a project with an empty initial commit on {@code master}. */
  public void createProject(String name) {
    rest("PUT", "a/projects/" + ChangeTarget.encode(name), "{\"create_empty_commit\":true}");
  }

  /** Adds a {@code Verified} label (-1..+1) that registered users may vote on. */
  public void addVerifiedLabel(String project) {
    String p = ChangeTarget.encode(project);
    rest("PUT", "a/projects/" + p + "/labels/Verified",
        "{\"values\":{\"-1\":\"Fails\",\" 0\":\"No score\",\"+1\":\"Verified\"},\"function\":\"NoBlock\"}");
    rest("POST", "a/projects/" + p + "/access", "{\"add\":{\"refs/heads/*\":{\"permissions\":{\"label-Verified\":"
        + "{\"rules\":{\"global:Registered-Users\":{\"action\":\"ALLOW\",\"min\":-1,\"max\":1}}}}}}}");
  }

  /** Creates an account with its own HTTP password, unless it exists. */
  public void createAccount(String username, String httpPassword) {
    rest("PUT", "a/accounts/" + username,
        "{\"name\":\"" + username + "\",\"http_password\":\"" + httpPassword + "\"}");
  }

  /** Pushes one commit for review to {@code refs/for/master} with JGit; returns the change number. */
  public int pushChange(String project, Path workDir, String file, String content, String subject) {
    try (Git git = cloneProject(project, workDir)) {
      Files.writeString(workDir.resolve(file), content, StandardCharsets.UTF_8);
      git.add().addFilepattern(file).call();
      RevCommit commit = git.commit().setMessage(subject).setInsertChangeId(true)
          .setAuthor("Administrator", "admin@example.com").setCommitter("Administrator", "admin@example.com").call();
      push(git, "HEAD:refs/for/master");
      JsonNode changes = rest("GET", "a/changes/?q=commit:" + commit.name(), null);
      return changes.get(0).get("_number").asInt();
    } catch (Exception e) {
      throw new AssertionError("cannot push a change to " + project + ": " + e, e);
    }
  }

  /** A change pushed for review, as Gerrit Trigger describes it. */
  public record PushedChange(int number, int patchSet, String revision, String changeId) {
    /** The ref Gerrit keeps the patch set under, {@code refs/changes/NN/NUMBER/PATCHSET}. */
    public String refspec() {
      return String.format("refs/changes/%02d/%d/%d", number % 100, number, patchSet);
    }
  }

  /**
   * Clones master of {@code project} into {@code directory}, edits one file, pushes the commit for
   * review; the working copy stays on the change's commit, as a job checks out {@code GERRIT_REFSPEC}.
   */
  public PushedChange pushEdit(String project, Path directory, String file, UnaryOperator<String> edit, String subject)
      throws Exception {
    try (Git git = cloneProject(project, directory)) {
      Path path = directory.resolve(file);
      Files.writeString(path, edit.apply(Files.readString(path)));
      git.add().addFilepattern(file).call();
      RevCommit commit = commit(git, subject, true);
      push(git, "HEAD:refs/for/master");
      JsonNode found = rest("GET", "a/changes/?q=commit:" + commit.name(), null);
      if (found.size() != 1) {
        throw new AssertionError("expected one change for commit " + commit.name() + ": " + found);
      }
      return new PushedChange(found.get(0).get("_number").asInt(), 1, commit.name(), found.get(0).get("change_id").asString());
    }
  }

  /** Changes a work tree before it is committed. */
  @FunctionalInterface
  public interface WorkTreeEdit {
    void apply(Path workTree) throws Exception;
  }

  /**
   * Clones {@code project} into {@code directory}, lets {@code edit} change the work tree, commits
   * everything (no {@code Change-Id}) and pushes it straight to {@code master}: a project's content
   * before the change under test.
   */
  public void pushToMaster(String project, Path directory, String subject, WorkTreeEdit edit) throws Exception {
    try (Git git = cloneProject(project, directory)) {
      edit.apply(git.getRepository().getWorkTree().toPath());
      git.add().addFilepattern(".").call();
      commit(git, subject, false);
      push(git, "HEAD:refs/heads/master");
    }
  }

  /** Clones {@code project} over HTTP as the admin user into {@code directory}. */
  public Git cloneProject(String project, Path directory) throws GitAPIException {
    return Git.cloneRepository().setURI(url() + "a/" + project).setDirectory(directory.toFile())
        .setCredentialsProvider(admin()).call();
  }

  /** Commits what is staged as a test developer, with a {@code Change-Id} trailer when {@code changeId}. */
  public static RevCommit commit(Git git, String subject, boolean changeId) throws GitAPIException {
    return git.commit().setMessage(subject).setInsertChangeId(changeId)
        .setAuthor("Developer", "dev@example.org").setCommitter("Developer", "dev@example.org").call();
  }

  /** Pushes to {@code origin} as the admin user; fails unless every ref was updated. */
  public static void push(Git git, String refSpec) throws GitAPIException {
    for (PushResult result : git.push().setRemote("origin").setRefSpecs(new RefSpec(refSpec))
        .setCredentialsProvider(admin()).call()) {
      for (RemoteRefUpdate update : result.getRemoteUpdates()) {
        if (update.getStatus() != RemoteRefUpdate.Status.OK) {
          throw new AssertionError("push " + refSpec + ": " + update.getStatus() + " " + update.getMessage());
        }
      }
    }
  }

  /** The messages of a change, as Gerrit returns them. */
  public List<JsonNode> messages(String project, int change) {
    List<JsonNode> messages = new ArrayList<>();
    rest("GET", "a/changes/" + ChangeTarget.encode(project) + "~" + change + "/messages", null).forEach(messages::add);
    return messages;
  }

  /** The messages of a change with modelpipe's tag. */
  public List<JsonNode> modelpipeMessages(String project, int change) {
    return messages(project, change).stream().filter(m -> Review.TAG.equals(m.path("tag").asString(""))).toList();
  }

  private static UsernamePasswordCredentialsProvider admin() {
    return new UsernamePasswordCredentialsProvider(ADMIN, ADMIN_PASSWORD);
  }

  // ---- plumbing ----

  private static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path source : (Iterable<Path>) paths::iterator) {
        Path target = to.resolve(from.relativize(source).toString());
        if (Files.isDirectory(source)) {
          Files.createDirectories(target);
        } else {
          Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  private static void deleteTree(Path dir) {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(dir)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // best effort
    }
  }
}
