package io.modelpipe.image.testing;

import com.github.dockerjava.api.command.BuildImageResultCallback;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;

/** Images for publish tests, built on {@link DockerEngineFixture#BUSYBOX}. */
public final class TestImages {

  private TestImages() {}

  /**
   * {@code local/publish-big:MB}: busybox plus one layer of {@code megabytes} pseudo-random bytes
   * (fixed seed, so the engine's build cache makes it once), big enough to stop a registry while
   * the layer is still uploading.
   */
  public static String big(DockerEngineFixture engine, int megabytes) {
    String name = "local/publish-big:" + megabytes;
    if (engine.imageExists(name)) {
      return name;
    }
    String base = engine.ensureBusybox();
    Path context = null;
    try {
      context = Files.createTempDirectory("publish-big");
      byte[] chunk = new byte[1 << 20];
      Random random = new Random(megabytes);
      try (OutputStream out = Files.newOutputStream(context.resolve("payload"))) {
        for (int i = 0; i < megabytes; i++) {
          random.nextBytes(chunk);
          out.write(chunk);
        }
      }
      Files.writeString(context.resolve("Dockerfile"), "FROM " + base + "\nCOPY payload /payload\n");
      engine.client().buildImageCmd(context.toFile())
          .withTags(java.util.Set.of(name))
          .exec(new BuildImageResultCallback())
          .awaitImageId();
      return name;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      delete(context);
    }
  }

  private static void delete(Path directory) {
    if (directory == null) {
      return;
    }
    try (var files = Files.walk(directory)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // A temporary build context: nothing to recover.
    }
  }
}
