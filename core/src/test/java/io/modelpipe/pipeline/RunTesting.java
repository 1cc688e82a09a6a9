package io.modelpipe.pipeline;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.command.BuildImageResultCallback;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Image;
import io.modelpipe.cli.Main;
import io.modelpipe.image.ContainerRunner;
import io.modelpipe.image.testing.DockerEngineFixture;
import io.modelpipe.image.testing.RegistryFixture;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** What the {@code modelpipe run} tests share: the in-process CLI, small repositories, engine inventories. */
final class RunTesting {

  /**
   * {@link DockerEngineFixture#BUSYBOX} plus {@code getent}, {@code groupadd} and {@code useradd}
   * written in its shell: Blubber's variants create their {@code lives} and {@code runs} accounts
   * with those, and busybox has none of them.
   */
  static final String BUSYBOX_ACCOUNTS = "local/busybox-accounts:1";

  /** The run id, from the teardown line, or from a build's local name when the run keeps its images. */
  private static final Pattern RUN_ID = Pattern.compile(
      "\\[teardown] removing \\d+ image references of run (\\S+)|: built \\S+ as modelpipe/[^:\\s]+:(\\S+)");

  private RunTesting() {}

  /** Exit code and the two streams of one in-process run of the command line. */
  record Cli(int code, String out, String err) {
    String all() {
      return "exit " + code + "\n--- stdout\n" + out + "\n--- stderr\n" + err;
    }

    /** The run's id, as its progress lines name it. */
    String runId() {
      Matcher m = RUN_ID.matcher(err);
      if (!m.find()) {
        throw new AssertionError("no run id in:\n" + all());
      }
      return m.group(1) != null ? m.group(1) : m.group(2);
    }
  }

  /** {@code modelpipe ARGS} in this JVM, with {@code environment} as its whole environment. */
  static Cli modelpipe(Map<String, String> environment, String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(args, new PrintWriter(out), new PrintWriter(err), environment);
    return new Cli(code, out.toString(), err.toString());
  }

  /** The environment of a run on the fixture's engine (no bridge: network {@code host}). */
  static Map<String, String> engineEnvironment(DockerEngineFixture engine) {
    Map<String, String> env = new LinkedHashMap<>();
    env.put("DOCKER_HOST", engine.dockerHost());
    env.put("MODELPIPE_NETWORK", DockerEngineFixture.NETWORK_MODE);
    return env;
  }

  /** Makes sure {@link #BUSYBOX_ACCOUNTS} exists; returns its name. */
  static synchronized String ensureBusyboxAccounts(DockerEngineFixture engine) {
    if (engine.imageExists(BUSYBOX_ACCOUNTS)) {
      return BUSYBOX_ACCOUNTS;
    }
    String busybox = engine.ensureBusybox();
    Path context = null;
    try {
      context = Files.createTempDirectory("busybox-accounts");
      // getent DB KEY: the entry of /etc/DB whose name or id is KEY, else exit 2
      shellScript(context.resolve("getent"),
          "awk -F: -v key=\"$2\" '$1 == key || $3 == key { print; found = 1 } END { exit found ? 0 : 2 }' \"/etc/$1\"");
      // groupadd [-o] [-r] -g GID NAME
      shellScript(context.resolve("groupadd"),
          "while getopts org: o; do case $o in g) gid=$OPTARG;; esac; done",
          "shift $((OPTIND - 1))",
          "echo \"$1:x:$gid:\" >> /etc/group");
      // useradd [-l] [-o] [-m] [-r] -d HOME -g GID -u UID NAME
      shellScript(context.resolve("useradd"),
          "while getopts lomrd:g:u: o; do case $o in d) home=$OPTARG;; g) gid=$OPTARG;; u) uid=$OPTARG;; esac; done",
          "shift $((OPTIND - 1))",
          "echo \"$1:x:$uid:$gid::$home:/bin/sh\" >> /etc/passwd",
          "mkdir -p \"$home\" && chown \"$uid:$gid\" \"$home\"");
      Files.writeString(context.resolve("Dockerfile"), "FROM " + busybox + "\nCOPY getent groupadd useradd /bin/\n");
      engine.client().buildImageCmd(context.toFile())
          .withTags(Set.of(BUSYBOX_ACCOUNTS))
          .withNetworkMode(DockerEngineFixture.NETWORK_MODE)
          .exec(new BuildImageResultCallback())
          .awaitImageId();
      return BUSYBOX_ACCOUNTS;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      deleteTree(context);
    }
  }

  private static void shellScript(Path file, String... lines) throws IOException {
    Files.writeString(file, "#!/bin/sh\n" + String.join("\n", lines) + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  /** Writes {@code files} (path → text) under {@code root}; returns {@code root}. */
  static Path writeTree(Path root, Map<String, String> files) {
    try {
      for (Map.Entry<String, String> file : files.entrySet()) {
        Path path = root.resolve(file.getKey());
        Files.createDirectories(path.getParent());
        Files.writeString(path, file.getValue());
      }
      return root;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Lines joined with newlines, ending with one. */
  static String lines(String... lines) {
    return String.join("\n", lines) + "\n";
  }

  /** Every image of the engine, intermediate build images included: ids. */
  static Set<String> imageIds(DockerClient docker) {
    return docker.listImagesCmd().withShowAll(true).exec().stream().map(Image::getId).collect(Collectors.toSet());
  }

  /** Every image reference ({@code name:tag}) on the engine. */
  static Set<String> imageReferences(DockerClient docker) {
    return docker.listImagesCmd().exec().stream()
        .flatMap(image -> image.getRepoTags() == null ? java.util.stream.Stream.of() : Arrays.stream(image.getRepoTags()))
        .collect(Collectors.toSet());
  }

  /** The references of images a run tagged: its local names end with its run id. */
  static Set<String> referencesOfRun(DockerClient docker, String runId) {
    return imageReferences(docker).stream().filter(r -> r.endsWith(":" + runId)).collect(Collectors.toSet());
  }

  /** Every container of the engine, in any state. */
  static List<Container> containers(DockerClient docker) {
    return docker.listContainersCmd().withShowAll(true).exec();
  }

  /** Containers modelpipe ran (label {@link ContainerRunner#LABEL}), in any state. */
  static List<Container> modelpipeContainers(DockerClient docker) {
    return docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(ContainerRunner.LABEL, "true")).exec();
  }

  // --- the registry's own API, read without modelpipe's client

  private static final String MANIFEST_TYPES =
      "application/vnd.docker.distribution.manifest.v2+json, application/vnd.oci.image.manifest.v1+json";
  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** {@code GET /v2/PATH/tags/list}: the tags, sorted. */
  static List<String> registryTags(RegistryFixture registry, String path) {
    HttpResponse<String> response = registry.request("GET", "/v2/" + path + "/tags/list", null);
    if (response.statusCode() != 200) {
      throw new AssertionError("tags of " + path + ": " + response.statusCode() + " " + response.body());
    }
    List<String> tags = new java.util.ArrayList<>();
    JSON.readTree(response.body()).path("tags").forEach(tag -> tags.add(tag.asString()));
    return tags.stream().sorted().toList();
  }

  /** {@code HEAD /v2/PATH/manifests/TAG}: the manifest's {@code Docker-Content-Digest}. */
  static String registryDigest(RegistryFixture registry, String path, String tag) {
    HttpResponse<String> response = registry.request("HEAD", "/v2/" + path + "/manifests/" + tag, MANIFEST_TYPES);
    if (response.statusCode() != 200) {
      throw new AssertionError("manifest of " + path + ":" + tag + ": " + response.statusCode());
    }
    return response.headers().firstValue("Docker-Content-Digest").orElseThrow();
  }

  /** The manifest's {@code config.digest}: for an image the engine pushed, its local image ID. */
  static String registryImageId(RegistryFixture registry, String path, String tag) {
    HttpResponse<String> response = registry.request("GET", "/v2/" + path + "/manifests/" + tag, MANIFEST_TYPES);
    if (response.statusCode() != 200) {
      throw new AssertionError("manifest of " + path + ":" + tag + ": " + response.statusCode() + " " + response.body());
    }
    JsonNode manifest = JSON.readTree(response.body());
    return manifest.path("config").path("digest").asString();
  }

  /** The image's config blob ({@code GET /v2/PATH/blobs/DIGEST}): its labels, entrypoint, ... */
  static JsonNode registryImageConfig(RegistryFixture registry, String path, String configDigest) {
    HttpResponse<String> response = registry.request("GET", "/v2/" + path + "/blobs/" + configDigest, null);
    if (response.statusCode() != 200) {
      throw new AssertionError("config of " + path + "@" + configDigest + ": " + response.statusCode());
    }
    return JSON.readTree(response.body());
  }

  static String describe(List<Container> containers) {
    return containers.stream().map(c -> c.getId().substring(0, 12) + " " + c.getImage() + " " + c.getState()
        + " " + Optional.ofNullable(c.getNames()).map(Arrays::toString).orElse("")).collect(Collectors.joining("; "));
  }

  static void deleteTree(Path directory) {
    if (directory == null || !Files.exists(directory)) {
      return;
    }
    try (var paths = Files.walk(directory)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException e) {
      // temporary files: nothing to recover
    }
  }
}
