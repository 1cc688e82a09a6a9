package io.modelpipe.image;

import com.github.dockerjava.transport.DockerHttpClient;
import com.github.dockerjava.transport.UnixSocket;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.ManagedHttpClientConnectionFactory;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManager;
import org.apache.hc.client5.http.io.HttpClientConnectionOperator;
import org.apache.hc.client5.http.io.ManagedHttpClientConnection;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.ContentLengthStrategy;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.http.impl.DefaultContentLengthStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.http.io.entity.ByteArrayEntity;
import org.apache.hc.core5.http.io.entity.InputStreamEntity;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.pool.PoolConcurrencyPolicy;
import org.apache.hc.core5.pool.PoolReusePolicy;
import org.apache.hc.core5.util.TimeValue;
import org.apache.hc.core5.util.Timeout;

/**
 * The transport of docker-java's client to one engine: plain HTTP/1.1 (httpclient5) over a unix
 * socket or TCP, and nothing else.
 *
 * <p>docker-java's own httpclient5 transport builds a TLS context from the JDK's trust store
 * (and the public suffix list for its hostname verifier) even for {@code unix://} hosts: a third
 * of the client's set-up in a short command. modelpipe does not speak TLS to engines (see
 * {@link DockerEngine}), so this transport has no TLS at all. Attaching to a container's standard
 * input (a hijacked connection) is not supported: modelpipe never does it.
 */
final class EngineHttpClient implements DockerHttpClient {

  /** How long a pooled connection may sit idle before it is checked on reuse (the engine may close it). */
  private static final TimeValue VALIDATE_AFTER_INACTIVITY = TimeValue.ofSeconds(2);

  private final HttpHost host;
  private final String pathPrefix;
  private final CloseableHttpClient http;

  /**
   * @param engine {@code unix:///path} or {@code tcp://host:port[/prefix]}
   * @param connectTimeout how long to wait for a TCP connection
   * @param maxConnections connections open at once (builds, logs and waits stream side by side)
   */
  EngineHttpClient(URI engine, Duration connectTimeout, int maxConnections) {
    boolean unix = "unix".equals(engine.getScheme());
    if (!unix && !"tcp".equals(engine.getScheme())) {
      throw new IllegalArgumentException("not a unix:// or tcp:// engine: " + engine);
    }
    // Over a unix socket the host only fills the Host header; the engine ignores it.
    this.host = unix ? new HttpHost("http", "localhost", 2375) : new HttpHost("http", engine.getHost(), engine.getPort());
    String path = unix || engine.getRawPath() == null ? "" : engine.getRawPath();
    this.pathPrefix = path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    SocketOpener opener = unix ? new UnixSocketOpener(engine.getPath()) : new TcpSocketOpener(engine.getHost(), engine.getPort());
    PoolingHttpClientConnectionManager connections = new PoolingHttpClientConnectionManager(
        new Operator(opener), PoolConcurrencyPolicy.STRICT, PoolReusePolicy.LIFO, TimeValue.NEG_ONE_MILLISECOND,
        new ManagedHttpClientConnectionFactory(null, null, null, null, EngineHttpClient::contentLength, null));
    connections.setMaxTotal(maxConnections);
    connections.setDefaultMaxPerRoute(maxConnections);
    // No read timeout (httpcore's default is 3 minutes): a build step may print nothing for longer.
    connections.setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.DISABLED).build());
    connections.setDefaultConnectionConfig(ConnectionConfig.custom()
        .setConnectTimeout(Timeout.of(connectTimeout))
        .setSocketTimeout(Timeout.DISABLED)
        .setValidateAfterInactivity(VALIDATE_AFTER_INACTIVITY)
        .build());
    this.http = HttpClients.custom()
        .setConnectionManager(connections)
        // Builds and runs stream for as long as they take; timeouts are the caller's (RunOptions).
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.DISABLED).build())
        .disableCookieManagement()
        .disableAuthCaching()
        .disableRedirectHandling()
        .disableConnectionState()
        .build();
  }

  /**
   * The engine answers streams it ends by closing the connection with {@code Transfer-Encoding:
   * identity}, which httpclient5 refuses: such a body runs to the end of the connection.
   */
  private static long contentLength(org.apache.hc.core5.http.HttpMessage message) throws org.apache.hc.core5.http.HttpException {
    Header encoding = message.getFirstHeader(HttpHeaders.TRANSFER_ENCODING);
    if (encoding != null && "identity".equalsIgnoreCase(encoding.getValue())) {
      return ContentLengthStrategy.UNDEFINED;
    }
    return DefaultContentLengthStrategy.INSTANCE.determineLength(message);
  }

  @Override
  public Response execute(Request request) {
    if (request.hijackedInput() != null) {
      throw new UnsupportedOperationException("attaching to a container's standard input is not supported");
    }
    HttpUriRequestBase message = new HttpUriRequestBase(request.method(), URI.create(pathPrefix + request.path()));
    request.headers().forEach(message::addHeader);
    byte[] bytes = request.bodyBytes();
    if (bytes != null) {
      message.setEntity(new ByteArrayEntity(bytes, null));
    } else if (request.body() != null) {
      message.setEntity(new InputStreamEntity(request.body(), null)); // chunked: builds stream their context
    }
    try {
      return new EngineResponse(message, http.executeOpen(host, message, null));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws IOException {
    http.close();
  }

  /** One response; closing it drops the connection unless the body was read to its end. */
  private static final class EngineResponse implements Response {
    private final HttpUriRequestBase request;
    private final ClassicHttpResponse response;

    EngineResponse(HttpUriRequestBase request, ClassicHttpResponse response) {
      this.request = request;
      this.response = response;
    }

    @Override
    public int getStatusCode() {
      return response.getCode();
    }

    @Override
    public Map<String, List<String>> getHeaders() {
      Map<String, List<String>> headers = new LinkedHashMap<>();
      for (Header header : response.getHeaders()) {
        headers.computeIfAbsent(header.getName(), name -> new ArrayList<>()).add(header.getValue());
      }
      return headers;
    }

    @Override
    public String getHeader(String name) {
      Header header = response.getFirstHeader(name);
      return header == null ? null : header.getValue();
    }

    @Override
    public InputStream getBody() {
      try {
        return response.getEntity() == null ? InputStream.nullInputStream() : response.getEntity().getContent();
      } catch (IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    }

    @Override
    public void close() {
      // Closing an unread stream (logs, events) would read it to its end first: abort instead.
      // A body read to its end has already given its connection back to the pool.
      request.abort();
      try {
        response.close();
      } catch (IOException e) {
        // the connection is dropped either way
      }
    }
  }

  // ---- connections ----

  /** Opens a connected socket to the engine. */
  private interface SocketOpener {
    /** @param connectMillis how long to wait for a TCP connection; 0 waits as long as it takes */
    Socket open(int connectMillis) throws IOException;
  }

  private record UnixSocketOpener(String path) implements SocketOpener {
    @Override
    public Socket open(int connectMillis) throws IOException {
      return UnixSocket.get(path); // docker-java-transport's socket over the JDK's unix channels
    }
  }

  private record TcpSocketOpener(String host, int port) implements SocketOpener {
    @Override
    public Socket open(int connectMillis) throws IOException {
      Socket socket = new Socket();
      try {
        socket.setTcpNoDelay(true);
        socket.connect(new InetSocketAddress(host, port), connectMillis);
        return socket;
      } catch (IOException e) {
        socket.close();
        throw e;
      }
    }
  }

  /** Binds each new pooled connection to a socket from the opener; there is no TLS to upgrade to. */
  private record Operator(SocketOpener opener) implements HttpClientConnectionOperator {
    @Override
    public void connect(ManagedHttpClientConnection connection, HttpHost target, InetSocketAddress localAddress,
        TimeValue connectTimeout, SocketConfig socketConfig, HttpContext context) throws IOException {
      Socket socket = opener.open(connectTimeout == null ? 0 : connectTimeout.toMillisecondsIntBound());
      try {
        if (socketConfig != null && socketConfig.getSoTimeout() != null) {
          socket.setSoTimeout(socketConfig.getSoTimeout().toMillisecondsIntBound());
        }
        connection.bind(socket);
      } catch (IOException | RuntimeException e) {
        socket.close();
        throw e;
      }
    }

    @Override
    public void upgrade(ManagedHttpClientConnection connection, HttpHost target, HttpContext context) {
      throw new UnsupportedOperationException("no TLS to the Docker Engine");
    }
  }
}
