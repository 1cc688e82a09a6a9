package io.modelpipe.cli;

import io.modelpipe.image.DockerEngine;
import java.util.Map;
import picocli.CommandLine.Option;

/** Where the Docker Engine is and how containers reach the network; shared by the image commands. */
final class EngineOptions {

  @Option(names = "--docker-host", paramLabel = "URL",
      description = "The Docker Engine, unix:///path or tcp://host:port (default: $$DOCKER_HOST, else unix:///var/run/docker.sock).")
  String dockerHost;

  @Option(names = "--network", paramLabel = "MODE",
      description = "Network mode of builds and containers: host, none, a network name (default: $$MODELPIPE_NETWORK, else the engine's default). Engines without a bridge need 'host'.")
  String network;

  /** The engine, checked to answer; throws ServiceUnavailableException (exit 3) otherwise. */
  DockerEngine connect(Map<String, String> environment) {
    DockerEngine engine = dockerHost != null ? DockerEngine.connect(dockerHost) : DockerEngine.fromEnvironment(environment);
    try {
      return engine.ping();
    } catch (RuntimeException e) {
      engine.close();
      throw e;
    }
  }

  String network(Map<String, String> environment) {
    return network != null ? network : environment.get("MODELPIPE_NETWORK");
  }
}
