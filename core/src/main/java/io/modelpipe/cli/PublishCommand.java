package io.modelpipe.cli;

import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ImagePublisher;
import io.modelpipe.image.ImageReference;
import io.modelpipe.image.PublishRequest;
import io.modelpipe.image.PublishResult;
import io.modelpipe.image.PublishTarget;
import io.modelpipe.image.RegistryCredentials;
import io.modelpipe.RetryPolicy;
import io.modelpipe.image.Sleeper;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code modelpipe publish}: tags an image of the Docker Engine and pushes it to a registry. */
@Command(
    name = "publish",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Tags IMAGE (an id or a local name in the Docker Engine of DOCKER_HOST) as REGISTRY/NAME:TAG for every --tag, pushes each, and checks in the registry that all tags resolve to one manifest digest. Prints one REF@DIGEST line per tag, then a summary; progress goes to standard error.",
      "Credentials, first found wins: --user with --password-stdin (or MODELPIPE_REGISTRY_PASSWORD), MODELPIPE_REGISTRY_USER and MODELPIPE_REGISTRY_PASSWORD, docker's config.json ($$DOCKER_CONFIG/config.json, else ~/.docker/config.json: auths, credHelpers, credsStore); else anonymous. Passwords are never printed.",
      "Transient failures (connection refused or reset, 5xx, 429) are retried with exponential backoff; a refused login is final. Exit 2 for an invalid name, tag or registry (nothing pushed), 3 when the engine or the registry is unreachable or refuses the credentials.",
    })
final class PublishCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "The image to publish: an id (sha256:...) or a local name.")
  String image;

  @Option(names = "--name", required = true, paramLabel = "N", description = "Image name in the registry, e.g. outlink or team/outlink.")
  String name;

  @Option(names = "--tag", required = true, paramLabel = "T", description = "Tag; repeatable. Every tag is pushed.")
  List<String> tags = new ArrayList<>();

  @Mixin RegistryOptions registryOptions = new RegistryOptions();

  @Option(names = "--docker-host", paramLabel = "URL",
      description = "The Docker Engine holding IMAGE, unix:///path or tcp://host:port (default: $$DOCKER_HOST, else unix:///var/run/docker.sock).")
  String dockerHost;

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  boolean json;

  @Mixin ResultFileOption resultFile = new ResultFileOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> environment = ModelpipeCommand.environmentOf(spec);
    PublishResult result;
    try (EngineConnection connection = EngineConnection.start(() -> connect(environment))) {
      PublishTarget target = new PublishTarget(registryOptions.requireAddress(environment, "publish"), name, tags);
      RetryPolicy retryPolicy = registryOptions.retryPolicy("publish");
      Optional<RegistryCredentials> credentials = registryOptions.credentials(target.registry(), environment, "publish");
      PublishRequest request = PublishRequest.builder(image, target)
          .credentials(credentials)
          .retryPolicy(retryPolicy)
          .listener(new PushProgressPrinter(err, ConsoleProgress.onTerminal()))
          .build();
      result = new ImagePublisher(connection.engine().client(), Sleeper.THREAD).publish(request);
    }
    resultFile.write(environment, jsonText(result));
    if (json) {
      out.println(jsonText(result));
    } else {
      for (ImageReference reference : result.references()) {
        out.println(reference + "@" + result.digest());
      }
      out.printf("published %s: %d %s, digest %s; %d %s pushed, %d already in the registry%n",
          result.image(), result.references().size(), result.references().size() == 1 ? "tag" : "tags",
          result.digest(), result.layersPushed(), result.layersPushed() == 1 ? "layer" : "layers",
          result.layersSkipped());
    }
    out.flush();
    return ExitCodes.OK;
  }

  /** The engine holding the image, checked to answer. */
  private DockerEngine connect(Map<String, String> environment) {
    DockerEngine engine = dockerHost != null ? DockerEngine.connect(dockerHost) : DockerEngine.fromEnvironment(environment);
    try {
      return engine.ping();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  private static String jsonText(PublishResult result) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode node = mapper.createObjectNode();
    node.put("image", result.image());
    result.references().forEach(reference -> node.withArray("references").add(reference.toString()));
    node.put("digest", result.digest());
    node.put("layersPushed", result.layersPushed());
    node.put("layersSkipped", result.layersSkipped());
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node);
  }
}
