package io.modelpipe.image;

import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import io.modelpipe.yaml.InvalidInputException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class BuildContextTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path tree(String name, Instant mtime) throws IOException {
    Path root = temp.newFolder(name).toPath();
    write(root, ".dockerignore", "**/__pycache__\n*.log\n!keep.log\n");
    write(root, "app/main.py", "print('hi')\n");
    write(root, "app/__pycache__/main.cpython-311.pyc", "junk");
    write(root, "app/data/big.bin", "0123456789");
    write(root, "build.log", "noise");
    write(root, "keep.log", "kept");
    write(root, "run.sh", "#!/bin/sh\necho run\n");
    Files.setPosixFilePermissions(root.resolve("run.sh"), PosixFilePermissions.fromString("rwxr-x---"));
    Files.setPosixFilePermissions(root.resolve("app/main.py"), PosixFilePermissions.fromString("rw-rw-rw-"));
    Files.createSymbolicLink(root.resolve("app/link.py"), Path.of("main.py"));
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.toList()) {
        if (!Files.isSymbolicLink(p)) {
          Files.setLastModifiedTime(p, FileTime.from(mtime));
        }
      }
    }
    return root;
  }

  private static void write(Path root, String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }

  private static byte[] tar(BuildContext context) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    context.writeTar(out, ImageBuilder.DOCKERFILE_NAME, "FROM scratch\n");
    return out.toByteArray();
  }

  private static Map<String, TarArchiveEntry> entries(byte[] tar, Map<String, String> contents) throws IOException {
    Map<String, TarArchiveEntry> entries = new LinkedHashMap<>();
    try (TarArchiveInputStream in = new TarArchiveInputStream(new ByteArrayInputStream(tar))) {
      TarArchiveEntry entry;
      while ((entry = in.getNextEntry()) != null) {
        entries.put(entry.getName(), entry);
        if (entry.isFile()) {
          contents.put(entry.getName(), new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
      }
    }
    return entries;
  }

  @Test
  public void newestModificationCountsOnlyTheFilesTheContextHolds() throws IOException {
    Instant old = Instant.parse("2024-06-09T10:11:12Z");
    Path root = tree("dated", old);
    java.nio.file.Files.getFileAttributeView(root.resolve("app/link.py"), java.nio.file.attribute.BasicFileAttributeView.class,
        java.nio.file.LinkOption.NOFOLLOW_LINKS).setTimes(FileTime.from(old), null, null);
    // ignored files and directories do not count, whatever their times
    Files.setLastModifiedTime(root.resolve("build.log"), FileTime.from(old.plusSeconds(600)));
    Files.setLastModifiedTime(root.resolve("app/__pycache__/main.cpython-311.pyc"), FileTime.from(old.plusSeconds(600)));
    Files.setLastModifiedTime(root.resolve("app/data"), FileTime.from(old.plusSeconds(600)));
    assertEquals(java.util.Optional.of(old), BuildContext.scan(root, root, List.of()).newestModification());

    Files.setLastModifiedTime(root.resolve("app/data/big.bin"), FileTime.from(old.plusSeconds(60)));
    assertEquals(java.util.Optional.of(old.plusSeconds(60)), BuildContext.scan(root, root, List.of()).newestModification());
    assertEquals("an excluded file does not count", java.util.Optional.of(old),
        BuildContext.scan(root, root, List.of("app/data")).newestModification());
  }

  @Test
  public void sameTreeAtTwoPathsWithDifferentTimesGivesIdenticalBytes() throws IOException {
    Path a = tree("checkout-one", Instant.parse("2021-03-04T05:06:07Z"));
    Path b = tree("somewhere-else", Instant.parse("2024-11-12T13:14:15Z"));
    byte[] first = tar(BuildContext.scan(a, a, List.of("app/data")));
    byte[] second = tar(BuildContext.scan(b, b, List.of("app/data")));
    assertArrayEquals(first, second);
    // and a content change does change them
    Files.writeString(b.resolve("app/main.py"), "print('changed')\n");
    assertFalse(java.util.Arrays.equals(first, tar(BuildContext.scan(b, b, List.of("app/data")))));
  }

  @Test
  public void honoursDockerIgnoreAndExcludesAndNormalisesHeaders() throws IOException {
    Path root = tree("ctx", Instant.now());
    Map<String, String> contents = new LinkedHashMap<>();
    Map<String, TarArchiveEntry> entries = entries(tar(BuildContext.scan(root, root, List.of("app/data"))), contents);
    assertEquals(List.of(".dockerignore", ImageBuilder.DOCKERFILE_NAME, "app/", "app/link.py", "app/main.py", "keep.log", "run.sh"),
        new ArrayList<>(entries.keySet()));
    for (TarArchiveEntry entry : entries.values()) {
      assertEquals(0, entry.getLongUserId());
      assertEquals(0, entry.getLongGroupId());
      assertEquals("", entry.getUserName());
      assertEquals(BuildContext.MTIME, entry.getLastModifiedTime().toInstant());
    }
    assertEquals(0100755, entries.get("run.sh").getMode());
    assertEquals(0100644, entries.get("app/main.py").getMode());
    assertTrue(entries.get("app/link.py").isSymbolicLink());
    assertEquals("main.py", entries.get("app/link.py").getLinkName());
    assertEquals("FROM scratch\n", contents.get(ImageBuilder.DOCKERFILE_NAME));
    // the streamed .dockerignore keeps the user's patterns and names the generated Dockerfile
    assertTrue(contents.get(".dockerignore").startsWith("**/__pycache__\n*.log\n!keep.log\n"));
    assertTrue(contents.get(".dockerignore").endsWith("/" + ImageBuilder.DOCKERFILE_NAME + "\n"));
  }

  @Test
  public void modelpipesStateDirectoryIsNeverInAContext() throws IOException {
    Path root = tree("ctx", Instant.now());
    Files.createDirectories(root.resolve(".modelpipe/logs/outlink"));
    Files.writeString(root.resolve(".modelpipe/logs/outlink/run-test.log"), "a run's log\n");
    Map<String, String> contents = new LinkedHashMap<>();
    Set<String> paths = entries(tar(BuildContext.scan(root, root, List.of("app/data"))), contents).keySet();
    assertTrue(paths.toString(), paths.stream().noneMatch(p -> p.startsWith(".modelpipe/")));
    assertTrue(paths.toString(), paths.contains("app/main.py"));
  }

  @Test
  public void theGeneratedDockerfileIsNeverWrittenToTheTree() throws IOException {
    Path root = tree("ctx", Instant.now());
    List<String> before;
    try (Stream<Path> paths = Files.walk(root)) {
      before = paths.map(Path::toString).sorted().toList();
    }
    tar(BuildContext.scan(root, root, List.of()));
    try (Stream<Path> paths = Files.walk(root)) {
      assertEquals(before, paths.map(Path::toString).sorted().toList());
    }
    assertFalse(Files.exists(root.resolve(ImageBuilder.DOCKERFILE_NAME)));
  }

  @Test
  public void aFileNamedLikeTheGeneratedDockerfileIsRefused() throws IOException {
    Path root = tree("ctx", Instant.now());
    write(root, ImageBuilder.DOCKERFILE_NAME, "FROM evil\n");
    BuildContext context = BuildContext.scan(root, root, List.of());
    assertThrows(InvalidInputException.class, () -> tar(context));
  }

  @Test
  public void symlinksPointingOutsideTheRepositoryAreInvalid() throws IOException {
    Path root = tree("ctx", Instant.now());
    Files.createSymbolicLink(root.resolve("app/passwd"), Path.of("/etc/passwd"));
    Files.createSymbolicLink(root.resolve("app/up"), Path.of("../../elsewhere"));
    InvalidInputException e = assertThrows(InvalidInputException.class, () -> BuildContext.scan(root, root, List.of()));
    assertEquals(2, e.diagnostics().size());
    assertTrue(e.diagnostics().get(0).message(), e.diagnostics().get(0).message().contains("points outside the repository"));
  }

  @Test
  public void aContextOutsideTheRepositoryIsInvalid() throws IOException {
    Path repository = temp.newFolder("repo").toPath();
    Path outside = temp.newFolder("outside").toPath();
    InvalidInputException e = assertThrows(InvalidInputException.class,
        () -> BuildContext.scan(repository, repository.resolve("../outside"), List.of()));
    assertTrue(e.getMessage(), e.diagnostics().get(0).message().contains("outside the repository"));
    // a symbolic link to a directory outside does not get around it
    Files.createSymbolicLink(repository.resolve("ctx"), outside);
    assertThrows(InvalidInputException.class, () -> BuildContext.scan(repository, repository.resolve("ctx"), List.of()));
  }
}
