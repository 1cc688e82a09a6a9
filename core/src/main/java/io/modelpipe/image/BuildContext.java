package io.modelpipe.image;

import io.modelpipe.StateDirectory;
import io.modelpipe.blubber.DockerIgnore;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermission;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A build context: the files of a directory that a build may read, after {@code .dockerignore} and
 * the stage's {@code excludes}, written as the tar the engine's build API takes.
 *
 * <p>The tar depends only on the tree's content: entries sorted by path, modification times set to
 * {@link #MTIME}, owners 0:0 without names, modes 0755 (directories and executables) or 0644, so one
 * tree gives the same bytes wherever and whenever it is checked out. The generated Dockerfile is
 * added to the stream only; the user's tree is never written.
 */
public final class BuildContext {

  /** The modification time of every entry. */
  public static final Instant MTIME = Instant.parse("2000-01-01T00:00:00Z");

  private enum Kind { DIRECTORY, FILE, EXECUTABLE, SYMLINK }

  private record Entry(String path, Path file, Kind kind, String linkTarget) {}

  private final Path directory;
  private final List<Entry> entries;
  private final String dockerIgnoreText;
  private final Optional<Instant> newestModification;

  private BuildContext(Path directory, List<Entry> entries, String dockerIgnoreText, Optional<Instant> newestModification) {
    this.directory = directory;
    this.entries = List.copyOf(entries);
    this.dockerIgnoreText = dockerIgnoreText;
    this.newestModification = newestModification;
  }

  /**
   * Scans {@code contextDirectory}, which must lie inside {@code repositoryRoot}.
   *
   * @param excludes patterns left out besides {@code .dockerignore}'s ({@code build.excludes})
   * @throws InvalidInputException when the context is outside the repository or a symbolic link in
   *     it points outside the repository
   */
  public static BuildContext scan(Path repositoryRoot, Path contextDirectory, List<String> excludes) {
    Path root = realPath(repositoryRoot, "repository");
    Path context = realPath(contextDirectory, "build context");
    if (!context.startsWith(root)) {
      throw invalid(contextDirectory.toString(), "build context '" + contextDirectory + "' is outside the repository " + root);
    }
    if (!Files.isDirectory(context)) {
      throw invalid(contextDirectory.toString(), "build context '" + contextDirectory + "' is not a directory");
    }
    String ignoreText = readDockerIgnore(context);
    List<String> patterns = new ArrayList<>(DockerIgnore.parse(ignoreText).patterns());
    patterns.addAll(excludes);
    DockerIgnore ignore = DockerIgnore.of(patterns);
    // Without exception patterns an ignored directory can be skipped whole (.git, .tox).
    boolean exceptions = patterns.stream().anyMatch(p -> p.strip().startsWith("!"));
    List<Entry> entries = new ArrayList<>();
    List<Diagnostic> problems = new ArrayList<>();
    Instant[] newest = {null};
    try {
      Files.walkFileTree(context, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
          if (dir.equals(context)) {
            return FileVisitResult.CONTINUE;
          }
          if (dir.equals(root.resolve(StateDirectory.NAME))) {
            return FileVisitResult.SKIP_SUBTREE; // modelpipe's own logs and outbox: never image content
          }
          String path = relative(context, dir);
          if (ignore.ignores(path)) {
            return exceptions ? FileVisitResult.CONTINUE : FileVisitResult.SKIP_SUBTREE;
          }
          entries.add(new Entry(path, dir, Kind.DIRECTORY, null));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
          String path = relative(context, file);
          if (ignore.ignores(path)) {
            return FileVisitResult.CONTINUE;
          }
          Instant modified = attrs.lastModifiedTime().toInstant();
          if (newest[0] == null || modified.isAfter(newest[0])) {
            newest[0] = modified;
          }
          if (attrs.isSymbolicLink()) {
            Path target = Files.readSymbolicLink(file);
            Path resolved = file.getParent().resolve(target).normalize();
            if (target.isAbsolute() || !resolved.startsWith(root)) {
              problems.add(new Diagnostic(Location.ofFile(file.toString()), "",
                  "symbolic link '" + path + "' in the build context points outside the repository (" + target + ")"));
              return FileVisitResult.CONTINUE;
            }
            entries.add(new Entry(path, file, Kind.SYMLINK, target.toString().replace('\\', '/')));
          } else if (attrs.isRegularFile()) {
            boolean executable = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS).contains(PosixFilePermission.OWNER_EXECUTE);
            entries.add(new Entry(path, file, executable ? Kind.EXECUTABLE : Kind.FILE, null));
          }
          // sockets, fifos and devices have no place in a build context: left out, as docker does
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    entries.sort(Comparator.comparing(Entry::path));
    return new BuildContext(context, entries, ignoreText, Optional.ofNullable(newest[0]));
  }

  /**
   * The newest modification time of the files (and symbolic links) the context holds, before the
   * tar normalises it; empty when it holds none. Directories do not count: an ignored
   * {@code __pycache__} or {@code .tox} appearing inside one would change it.
   */
  public Optional<Instant> newestModification() {
    return newestModification;
  }

  /** The context directory, real path. */
  public Path directory() {
    return directory;
  }

  /** The paths the tar holds, sorted, relative with {@code /}; without the generated Dockerfile. */
  public List<String> paths() {
    return entries.stream().map(Entry::path).toList();
  }

  /** True when the context holds {@code path}: a generated Dockerfile must not take its name. */
  public boolean contains(String path) {
    return entries.stream().anyMatch(e -> e.path().equals(path));
  }

  /**
   * Writes the context as a tar, with {@code dockerfileText} added as {@code dockerfileName}. The
   * stream also carries a {@code .dockerignore} naming the generated Dockerfile, so that the engine
   * drops it from the context after reading it and a {@code COPY .} never copies it into the image.
   */
  public void writeTar(OutputStream out, String dockerfileName, String dockerfileText) throws IOException {
    Objects.requireNonNull(dockerfileName, "dockerfileName");
    if (contains(dockerfileName)) {
      throw invalid(directory.resolve(dockerfileName).toString(),
          "the build context has a file named '" + dockerfileName + "', the name of the generated Dockerfile");
    }
    List<Entry> all = new ArrayList<>(entries);
    all.removeIf(e -> e.path().equals(".dockerignore"));
    all.add(new Entry(".dockerignore", null, Kind.FILE, null));
    all.add(new Entry(dockerfileName, null, Kind.FILE, null));
    all.sort(Comparator.comparing(Entry::path));
    byte[] ignore = streamedDockerIgnore(dockerfileName).getBytes(StandardCharsets.UTF_8);
    byte[] dockerfile = dockerfileText.getBytes(StandardCharsets.UTF_8);
    TarArchiveOutputStream tar = new TarArchiveOutputStream(new NonClosing(out), StandardCharsets.UTF_8.name());
    tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
    tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
    tar.setAddPaxHeadersForNonAsciiNames(true);
    for (Entry entry : all) {
      if (entry.file() == null) {
        byte[] content = entry.path().equals(".dockerignore") ? ignore : dockerfile;
        putFile(tar, entry.path(), 0644, content.length);
        tar.write(content);
        tar.closeArchiveEntry();
        continue;
      }
      switch (entry.kind()) {
        case DIRECTORY -> {
          TarArchiveEntry header = header(entry.path() + "/", TarConstants.LF_DIR);
          header.setMode(040755);
          tar.putArchiveEntry(header);
          tar.closeArchiveEntry();
        }
        case SYMLINK -> {
          TarArchiveEntry header = header(entry.path(), TarConstants.LF_SYMLINK);
          header.setMode(0120777);
          header.setLinkName(entry.linkTarget());
          tar.putArchiveEntry(header);
          tar.closeArchiveEntry();
        }
        case FILE, EXECUTABLE -> {
          long size = Files.size(entry.file());
          putFile(tar, entry.path(), entry.kind() == Kind.EXECUTABLE ? 0755 : 0644, size);
          try (InputStream in = Files.newInputStream(entry.file())) {
            long copied = in.transferTo(tar);
            if (copied != size) {
              throw new IOException(entry.file() + " changed while the build context was written");
            }
          }
          tar.closeArchiveEntry();
        }
      }
    }
    tar.finish();
    tar.flush();
  }

  private String streamedDockerIgnore(String dockerfileName) {
    String text = dockerIgnoreText.isEmpty() || dockerIgnoreText.endsWith("\n") ? dockerIgnoreText : dockerIgnoreText + "\n";
    return text + "# added by modelpipe: the generated Dockerfile stays out of COPY\n/" + dockerfileName + "\n";
  }

  private static void putFile(TarArchiveOutputStream tar, String path, int mode, long size) throws IOException {
    TarArchiveEntry header = header(path, TarConstants.LF_NORMAL);
    header.setMode(0100000 | mode);
    header.setSize(size);
    tar.putArchiveEntry(header);
  }

  private static TarArchiveEntry header(String name, byte type) {
    TarArchiveEntry header = new TarArchiveEntry(name, type);
    header.setModTime(MTIME.toEpochMilli());
    header.setUserId(0);
    header.setGroupId(0);
    header.setUserName("");
    header.setGroupName("");
    return header;
  }

  private static String relative(Path context, Path file) {
    return context.relativize(file).toString().replace('\\', '/');
  }

  private static String readDockerIgnore(Path context) {
    try {
      Path file = context.resolve(".dockerignore");
      return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Path realPath(Path path, String what) {
    try {
      return path.toRealPath();
    } catch (IOException e) {
      throw invalid(path.toString(), what + " '" + path + "' does not exist");
    }
  }

  private static InvalidInputException invalid(String file, String message) {
    return new InvalidInputException(new Diagnostic(Location.ofFile(file), "", message));
  }

  /** Lets the tar finish without closing the caller's stream. */
  private static final class NonClosing extends java.io.FilterOutputStream {
    NonClosing(OutputStream out) {
      super(out);
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
    }

    @Override
    public void close() throws IOException {
      flush();
    }
  }

}
