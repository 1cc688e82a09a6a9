package io.modelpipe.image;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.core.DefaultDockerClientConfig;
import com.github.dockerjava.core.DockerClientImpl;
import com.github.dockerjava.httpclient5.ApacheDockerHttpClient;
import io.modelpipe.ServiceUnavailableException;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * A connection to one Docker Engine: where it is ({@code DOCKER_HOST}, {@code unix://} or
 * {@code tcp://}, else the default socket) and a docker-java client of it.
 */
public final class DockerEngine implements AutoCloseable {

  /** The engine's socket when {@code DOCKER_HOST} is not set. */
  public static final String DEFAULT_HOST = "unix:///var/run/docker.sock";
  static final String SERVICE = "Docker Engine";

  private final String host;
  private final DockerClient client;

  private DockerEngine(String host, DockerClient client) {
    this.host = host;
    this.client = client;
  }

  /** The engine {@code DOCKER_HOST} names in this environment, or {@link #DEFAULT_HOST}. */
  public static DockerEngine fromEnvironment(Map<String, String> environment) {
    String host = environment.get("DOCKER_HOST");
    if (environment.getOrDefault("DOCKER_TLS_VERIFY", "").matches("1|true")) {
      throw new ServiceUnavailableException(SERVICE,
          "TLS to the engine (DOCKER_TLS_VERIFY) is not supported; use a unix socket or an SSH tunnel");
    }
    return connect(host == null || host.isBlank() ? DEFAULT_HOST : host.strip());
  }

  /**
   * A client of the engine at {@code host} ({@code unix:///path} or {@code tcp://host:port}). No
   * request is made yet; {@link #ping()} checks that it answers.
   */
  public static DockerEngine connect(String host) {
    URI uri;
    try {
      uri = URI.create(host);
    } catch (IllegalArgumentException e) {
      throw new ServiceUnavailableException(SERVICE, "'" + host + "' is not a Docker host (unix:///path or tcp://host:port)");
    }
    if (!"unix".equals(uri.getScheme()) && !"tcp".equals(uri.getScheme())) {
      throw new ServiceUnavailableException(SERVICE, "'" + host + "' is not a Docker host (unix:///path or tcp://host:port)");
    }
    DefaultDockerClientConfig config = DefaultDockerClientConfig.createDefaultConfigBuilder()
        .withDockerHost(host)
        .withDockerTlsVerify(false)
        .build();
    ApacheDockerHttpClient http = new ApacheDockerHttpClient.Builder()
        .dockerHost(config.getDockerHost())
        .connectionTimeout(Duration.ofSeconds(10))
        // builds and runs stream for as long as they take; timeouts are ours (RunOptions)
        .responseTimeout(Duration.ZERO)
        .maxConnections(16)
        .build();
    return new DockerEngine(host, DockerClientImpl.getInstance(config, http));
  }

  /** Where the engine is, as for {@code DOCKER_HOST}. */
  public String host() {
    return host;
  }

  /** The docker-java client; owned by this engine, closed with it. */
  public DockerClient client() {
    return client;
  }

  /**
   * Checks that the engine answers.
   *
   * @throws ServiceUnavailableException with one line naming the host when it does not
   */
  public DockerEngine ping() {
    try {
      client.pingCmd().exec();
      return this;
    } catch (RuntimeException e) {
      throw unavailable(e);
    }
  }

  /** The failure of a request the engine did not answer, as one line. */
  ServiceUnavailableException unavailable(Throwable cause) {
    return new ServiceUnavailableException(SERVICE, "no engine answers at " + host + " (set DOCKER_HOST): " + rootMessage(cause), cause);
  }

  /** True when {@code error} means the engine could not be reached, not that it refused a request. */
  static boolean isConnectionFailure(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof IOException) {
        return true;
      }
    }
    return false;
  }

  static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
    return message.strip().replaceAll("\\s+", " ");
  }

  @Override
  public void close() {
    try {
      client.close();
    } catch (IOException ignored) {
      // nothing left to release
    }
  }
}
