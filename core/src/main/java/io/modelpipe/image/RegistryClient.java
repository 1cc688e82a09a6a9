package io.modelpipe.image;

import io.modelpipe.RetryPolicy;
import io.modelpipe.ServiceUnavailableException;
import java.io.IOException;
import java.net.Socket;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLSocket;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.classic.methods.HttpHead;
import org.apache.hc.client5.http.classic.methods.HttpUriRequestBase;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.client5.http.ssl.TlsSocketStrategy;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.HttpHeaders;
import org.apache.hc.core5.http.io.entity.EntityUtils;
import org.apache.hc.core5.http.protocol.HttpContext;
import org.apache.hc.core5.util.Timeout;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The registry's HTTP API (distribution's {@code /v2/}), for what the engine does not tell
 * reliably: a tag's manifest digest and a repository's tags. Basic auth, and bearer tokens where
 * the registry asks for them; transient failures are retried as its {@link RetryPolicy} says.
 * Loopback registries are spoken to over plain HTTP, as docker does; others over HTTPS.
 */
public final class RegistryClient implements AutoCloseable {

  /** The manifest kinds docker and OCI tools push: without them a registry may convert or refuse. */
  static final String MANIFEST_TYPES = String.join(", ",
      "application/vnd.docker.distribution.manifest.v2+json",
      "application/vnd.docker.distribution.manifest.list.v2+json",
      "application/vnd.oci.image.manifest.v1+json",
      "application/vnd.oci.image.index.v1+json");

  private static final Pattern CHALLENGE_PARAM = Pattern.compile("(\\w+)=\"([^\"]*)\"");
  private static final Pattern DIGEST = Pattern.compile("sha256:[0-9a-f]{64}");

  private final RegistryAddress registry;
  private final String baseUrl;
  private final Optional<RegistryCredentials> credentials;
  private final SecretMasker masker;
  private final Retrier retrier;
  private final CloseableHttpClient http;
  /** Made on first use: a digest check reads no JSON, and a mapper costs a short command dearly. */
  private JsonMapper json;
  /** Bearer tokens by scope, for registries that hand them out. */
  private final Map<String, String> tokens = new LinkedHashMap<>();

  private RegistryClient(Builder builder) {
    this.registry = builder.registry;
    this.baseUrl = (builder.plainHttp.orElse(isLoopback(registry.host())) ? "http://" : "https://") + registry.authority();
    this.credentials = builder.credentials;
    this.masker = builder.credentials.map(RegistryCredentials::masker).orElse(SecretMasker.NONE);
    PublishListener listener = builder.listener;
    this.retrier = new Retrier(builder.retryPolicy, builder.sleeper,
        (next, max, delay, failure) -> listener.onRetry("registry " + registry.authority(), next, max, delay, failure.message()));
    this.http = HttpClients.custom()
        .setConnectionManager(PoolingHttpClientConnectionManagerBuilder.create()
            .setTlsSocketStrategy(new LazyTls())
            .setDefaultConnectionConfig(ConnectionConfig.custom()
                .setConnectTimeout(Timeout.ofSeconds(10))
                .setSocketTimeout(Timeout.ofSeconds(60))
                .build())
            .build())
        .setDefaultRequestConfig(RequestConfig.custom().setResponseTimeout(Timeout.ofSeconds(60)).build())
        // Retries are ours, with backoff and classification; the client's own would hide failures.
        .disableAutomaticRetries()
        .disableCookieManagement()
        .build();
  }

  public static Builder builder(RegistryAddress registry) {
    return new Builder(registry);
  }

  /**
   * The digest of the manifest a tag points to, from {@code HEAD /v2/PATH/manifests/TAG}'s
   * {@code Docker-Content-Digest}; empty when the tag does not exist.
   *
   * @param path the repository path in the registry ({@code [NAMESPACE/]NAME})
   */
  public Optional<String> manifestDigest(String path, String tag) {
    String url = baseUrl + "/v2/" + path + "/manifests/" + tag;
    return call("get the digest of " + registry.repository(path) + ":" + tag, () -> {
      HttpHead head = new HttpHead(url);
      head.setHeader(HttpHeaders.ACCEPT, MANIFEST_TYPES);
      return send(head, scope(path), response -> {
        if (response.getCode() == 404) {
          return Optional.<String>empty();
        }
        Header header = response.getFirstHeader("Docker-Content-Digest");
        if (header == null || !DIGEST.matcher(header.getValue()).matches()) {
          throw new AttemptFailedException(new Failure(Failure.Kind.PERMANENT,
              "the registry's answer to HEAD " + url + " has no valid Docker-Content-Digest header"));
        }
        return Optional.of(header.getValue());
      });
    });
  }

  /**
   * The config digest of the image a tag points to ({@code GET /v2/PATH/manifests/TAG}, its
   * {@code config.digest}): for an image the engine pushed, this is the local image ID. Empty when
   * the tag does not exist or points to an index of several images.
   */
  public Optional<String> imageId(String path, String tag) {
    String url = baseUrl + "/v2/" + path + "/manifests/" + tag;
    return call("read the manifest of " + registry.repository(path) + ":" + tag, () -> {
      HttpGet get = new HttpGet(url);
      get.setHeader(HttpHeaders.ACCEPT, MANIFEST_TYPES);
      return send(get, scope(path), response -> {
        if (response.getCode() == 404) {
          return Optional.<String>empty();
        }
        String digest = readJson(response, url).path("config").path("digest").asString("");
        return DIGEST.matcher(digest).matches() ? Optional.of(digest) : Optional.<String>empty();
      });
    });
  }

  /** The tags of a repository ({@code GET /v2/PATH/tags/list}); empty when it does not exist. */
  public List<String> tags(String path) {
    String url = baseUrl + "/v2/" + path + "/tags/list";
    return call("list the tags of " + registry.repository(path), () -> send(new HttpGet(url), scope(path), response -> {
      if (response.getCode() == 404) {
        return List.<String>of();
      }
      JsonNode body = readJson(response, url);
      List<String> tags = new ArrayList<>();
      body.path("tags").forEach(tag -> tags.add(tag.asString()));
      return tags;
    }));
  }

  @Override
  public void close() {
    try {
      http.close();
    } catch (IOException e) {
      // Closing idle connections to a registry: nothing to recover.
    }
  }

  @Override
  public String toString() {
    return "RegistryClient[" + baseUrl + ", " + credentials.map(RegistryCredentials::toString).orElse("anonymous") + "]";
  }

  // --- requests

  @FunctionalInterface
  private interface Handler<T> {
    T handle(ClassicHttpResponse response) throws IOException;
  }

  private <T> T call(String what, java.util.function.Supplier<T> request) {
    try {
      return retrier.run(attempt -> request.get());
    } catch (Retrier.ExhaustedException e) {
      throw exceptionFor(registry, what, credentials, e);
    }
  }

  /** Marks a response answered by fetching a bearer token: the request goes again with it. */
  private static final Object SEND_AGAIN = new Object();

  /** Sends a request, answering one auth challenge; non-2xx other than 404 is a failed attempt. */
  private <T> T send(HttpUriRequestBase request, String scope, Handler<T> handler) {
    try {
      for (int round = 1; ; round++) {
        boolean mayAnswerChallenge = round == 1;
        if (!mayAnswerChallenge) {
          request.reset();
        }
        authorize(request, scope);
        Object outcome = http.execute(request, response -> {
          if (response.getCode() == 401 && mayAnswerChallenge && challengeAnswered(response, scope)) {
            EntityUtils.consume(response.getEntity());
            return SEND_AGAIN;
          }
          return handle(request, response, handler);
        });
        if (outcome != SEND_AGAIN) {
          @SuppressWarnings("unchecked")
          T result = (T) outcome;
          return result;
        }
      }
    } catch (AttemptFailedException e) {
      throw e;
    } catch (IOException | RuntimeException e) {
      throw new AttemptFailedException(Failure.ofMessage(masker.mask(describe(e))), e);
    }
  }

  private <T> T handle(HttpUriRequestBase request, ClassicHttpResponse response, Handler<T> handler) throws IOException {
    int code = response.getCode();
    if ((code >= 200 && code < 300) || code == 404) {
      T result = handler.handle(response);
      EntityUtils.consume(response.getEntity());
      return result;
    }
    String body = bodyOf(response);
    String message = request.getMethod() + " " + request.getRequestUri() + " answered " + code
        + (response.getReasonPhrase() == null ? "" : " " + response.getReasonPhrase())
        + errorSummary(body);
    throw new AttemptFailedException(Failure.ofStatus(code, masker.mask(message)));
  }

  private void authorize(HttpUriRequestBase request, String scope) {
    String token = tokens.get(scope);
    if (token != null) {
      request.setHeader(HttpHeaders.AUTHORIZATION, "Bearer " + token);
    } else if (credentials.isPresent()) {
      request.setHeader(HttpHeaders.AUTHORIZATION, "Basic " + credentials.get().basicToken());
    }
  }

  /**
   * Answers a {@code Bearer} challenge by fetching a token from its realm (with the credentials as
   * basic auth); true when a token was fetched and the request should be sent again.
   */
  private boolean challengeAnswered(ClassicHttpResponse response, String scope) throws IOException {
    if (tokens.containsKey(scope)) {
      return false;
    }
    for (Header header : response.getHeaders(HttpHeaders.WWW_AUTHENTICATE)) {
      String value = header.getValue();
      if (!value.regionMatches(true, 0, "Bearer ", 0, 7)) {
        continue;
      }
      Map<String, String> params = new LinkedHashMap<>();
      Matcher matcher = CHALLENGE_PARAM.matcher(value);
      while (matcher.find()) {
        params.put(matcher.group(1).toLowerCase(java.util.Locale.ROOT), matcher.group(2));
      }
      String realm = params.get("realm");
      if (realm == null) {
        return false;
      }
      StringBuilder url = new StringBuilder(realm).append(realm.contains("?") ? "&" : "?");
      if (params.containsKey("service")) {
        url.append("service=").append(URLEncoder.encode(params.get("service"), StandardCharsets.UTF_8)).append('&');
      }
      url.append("scope=").append(URLEncoder.encode(params.getOrDefault("scope", scope), StandardCharsets.UTF_8));
      HttpGet get = new HttpGet(url.toString());
      credentials.ifPresent(c -> get.setHeader(HttpHeaders.AUTHORIZATION, "Basic " + c.basicToken()));
      String token = http.execute(get, tokenResponse -> {
        if (tokenResponse.getCode() != 200) {
          String message = "the token service " + realm + " answered " + tokenResponse.getCode();
          throw new AttemptFailedException(Failure.ofStatus(tokenResponse.getCode(), masker.mask(message)));
        }
        JsonNode body = readJson(tokenResponse, realm);
        String found = body.path("token").asString(body.path("access_token").asString(""));
        return found.isEmpty() ? null : found;
      });
      if (token == null) {
        return false;
      }
      tokens.put(scope, token);
      return true;
    }
    return false;
  }

  private JsonNode readJson(ClassicHttpResponse response, String url) throws IOException {
    String body = bodyOf(response);
    try {
      return json().readTree(body);
    } catch (JacksonException e) {
      throw new AttemptFailedException(new Failure(Failure.Kind.PERMANENT, url + " did not answer with JSON"));
    }
  }

  /** The first error of a registry's JSON error body ({@code {"errors":[{"code","message"}]}}). */
  private String errorSummary(String body) {
    try {
      JsonNode first = json().readTree(body).path("errors").path(0);
      if (first.isObject()) {
        return ": " + first.path("code").asString("") + " " + first.path("message").asString("");
      }
    } catch (JacksonException e) {
      // Not JSON: say nothing more than the status.
    }
    return "";
  }

  private synchronized JsonMapper json() {
    if (json == null) {
      json = JsonMapper.builder().build();
    }
    return json;
  }

  private static String bodyOf(ClassicHttpResponse response) throws IOException {
    if (response.getEntity() == null) {
      return "";
    }
    try {
      return EntityUtils.toString(response.getEntity(), StandardCharsets.UTF_8);
    } catch (org.apache.hc.core5.http.ParseException e) {
      return "";
    }
  }

  private static String scope(String path) {
    return "repository:" + path + ":pull";
  }

  private static String describe(Throwable e) {
    String message = e.getMessage();
    String name = e.getClass().getSimpleName();
    if (e instanceof java.net.ConnectException || (message != null && message.toLowerCase(java.util.Locale.ROOT).contains("refused"))) {
      return "connection refused" + (message == null ? "" : " (" + message + ")");
    }
    if (e instanceof java.net.SocketException || e instanceof org.apache.hc.core5.http.NoHttpResponseException) {
      return "connection reset (" + name + (message == null ? "" : ": " + message) + ")";
    }
    if (e instanceof java.net.SocketTimeoutException || e instanceof java.io.InterruptedIOException) {
      return "timeout (" + (message == null ? name : message) + ")";
    }
    return name + (message == null ? "" : ": " + message);
  }

  static boolean isLoopback(String host) {
    return host.equals("localhost") || host.startsWith("127.") || host.equals("::1") || host.equals("[::1]");
  }

  /**
   * Turns a step's final failure into the exception the command line maps to its exit code.
   *
   * @param action what was being done, a verb phrase: {@code push HOST/NAME:TAG}
   */
  static RuntimeException exceptionFor(RegistryAddress registry, String action,
      Optional<RegistryCredentials> credentials, Retrier.ExhaustedException e) {
    String service = "registry " + registry.authority();
    Failure failure = e.failure();
    switch (failure.kind()) {
      case AUTHENTICATION:
        return new RegistryAuthenticationException(service, "authentication failed "
            + credentials.map(c -> "for user '" + c.username() + "' (credentials from " + c.source() + ")")
                .orElse("(no credentials: set MODELPIPE_REGISTRY_USER and MODELPIPE_REGISTRY_PASSWORD, or log in with docker)")
            + " trying to " + action + ": " + failure.message());
      case TRANSIENT:
        return new ServiceUnavailableException(service,
            "cannot " + action + " after " + e.attempts() + (e.attempts() == 1 ? " attempt: " : " attempts: ") + failure.message());
      default:
        return new PublishFailedException(service + ": cannot " + action + ": " + failure.message());
    }
  }

  /**
   * httpclient5's TLS, set up on the first HTTPS connection: building its default strategy
   * up front reads the JDK's trust store and the public suffix list, which a registry spoken to
   * over plain HTTP (loopback) never needs.
   */
  private static final class LazyTls implements TlsSocketStrategy {
    private TlsSocketStrategy tls;

    private synchronized TlsSocketStrategy tls() {
      if (tls == null) {
        tls = DefaultClientTlsStrategy.createDefault();
      }
      return tls;
    }

    @Override
    public SSLSocket upgrade(Socket socket, String target, int port, Object attachment, HttpContext context) throws IOException {
      return tls().upgrade(socket, target, port, attachment, context);
    }
  }

  /** Builds a {@link RegistryClient}. */
  public static final class Builder {
    private final RegistryAddress registry;
    private Optional<RegistryCredentials> credentials = Optional.empty();
    private RetryPolicy retryPolicy = RetryPolicy.DEFAULT;
    private Sleeper sleeper = Sleeper.THREAD;
    private PublishListener listener = PublishListener.NONE;
    private Optional<Boolean> plainHttp = Optional.empty();

    private Builder(RegistryAddress registry) {
      this.registry = Objects.requireNonNull(registry, "registry");
    }

    public Builder credentials(Optional<RegistryCredentials> credentials) {
      this.credentials = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    public Builder retryPolicy(RetryPolicy retryPolicy) {
      this.retryPolicy = Objects.requireNonNull(retryPolicy, "retryPolicy");
      return this;
    }

    public Builder sleeper(Sleeper sleeper) {
      this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
      return this;
    }

    public Builder listener(PublishListener listener) {
      this.listener = Objects.requireNonNull(listener, "listener");
      return this;
    }

    /** Plain HTTP (true) or HTTPS (false); by default plain HTTP only for loopback hosts. */
    public Builder plainHttp(boolean plainHttp) {
      this.plainHttp = Optional.of(plainHttp);
      return this;
    }

    public RegistryClient build() {
      return new RegistryClient(this);
    }
  }
}
