package io.modelpipe.gerrit;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The few Gerrit REST calls modelpipe makes, over the JDK's HTTP client, authenticated under
 * {@code /a/}. One try per call: retries and delivery are {@link GerritReporter}'s. The secret goes
 * into the {@code Authorization} header and nowhere else.
 */
final class GerritClient {

  /** Gerrit's guard against cross-site script inclusion, before every JSON answer. */
  static final String XSSI_PREFIX = ")]}'";

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final int MAX_ERROR_TEXT = 500;

  private final URI base;
  private final GerritCredentials credentials;
  private final Duration timeout;
  private final HttpClient http;

  GerritClient(URI base, GerritCredentials credentials, Duration timeout) {
    this.base = GerritUrls.normalize(Objects.requireNonNull(base, "base"));
    this.credentials = Objects.requireNonNull(credentials, "credentials");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
    this.http = HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(timeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  URI base() {
    return base;
  }

  /** {@code GET /a/changes/{id}/messages}: every message of the change, oldest first. */
  List<ChangeMessage> messages(ChangeTarget target) throws IOException, GerritHttpException {
    HttpRequest request = request("a/changes/" + target.restId() + "/messages").GET().build();
    JsonNode answer = parse(send(request));
    List<ChangeMessage> messages = new ArrayList<>();
    for (JsonNode m : answer) {
      JsonNode author = m.path("author");
      messages.add(new ChangeMessage(
          m.path("id").asString(""),
          m.hasNonNull("tag") ? Optional.of(m.get("tag").asString()) : Optional.empty(),
          author.hasNonNull("username") ? Optional.of(author.get("username").asString()) : Optional.empty(),
          m.hasNonNull("_revision_number") ? OptionalInt.of(m.get("_revision_number").asInt()) : OptionalInt.empty(),
          m.path("message").asString("")));
    }
    return messages;
  }

  /**
   * {@code POST /a/changes/{id}/revisions/{patch set}/review}: the message, votes and inline
   * comments in one review (Gerrit stores them in one update, so they are there together or not at
   * all). The tag applies to the comments too.
   */
  void postReview(ChangeTarget target, Review review) throws IOException, GerritHttpException {
    ObjectNode body = JSON.createObjectNode();
    body.put("message", review.message());
    body.put("tag", review.tag());
    if (!review.labels().isEmpty()) {
      ObjectNode labels = body.putObject("labels");
      review.labels().forEach(labels::put);
    }
    review.notifySetting().ifPresent(n -> body.put("notify", n.name()));
    putComments(body, review.comments());
    post(target, body);
  }

  /** A review of inline comments only, no message or votes: the comments a posted review still lacks. */
  void postComments(ChangeTarget target, String tag, List<InlineComment> comments, Optional<Notify> notify)
      throws IOException, GerritHttpException {
    ObjectNode body = JSON.createObjectNode();
    body.put("tag", tag);
    notify.ifPresent(n -> body.put("notify", n.name()));
    putComments(body, comments);
    post(target, body);
  }

  private void post(ChangeTarget target, ObjectNode body) throws IOException, GerritHttpException {
    HttpRequest request = request("a/changes/" + target.restId() + "/revisions/" + target.patchSet() + "/review")
        .header("Content-Type", "application/json; charset=UTF-8")
        .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(body), StandardCharsets.UTF_8))
        .build();
    parse(send(request));
  }

  /** ReviewInput's {@code comments}: path to CommentInputs; Gerrit drops any already there (same place, same text). */
  private static void putComments(ObjectNode body, List<InlineComment> comments) {
    if (comments.isEmpty()) {
      return;
    }
    body.put("omit_duplicate_comments", true);
    ObjectNode byPath = body.putObject("comments");
    for (InlineComment comment : comments) {
      ArrayNode list = byPath.has(comment.path()) ? (ArrayNode) byPath.get(comment.path()) : byPath.putArray(comment.path());
      ObjectNode input = list.addObject();
      if (comment.line() > 0) {
        input.put("line", comment.line());
      }
      input.put("message", comment.message());
      input.put("unresolved", false);
    }
  }

  /**
   * {@code GET /a/changes/{id}/revisions/{patch set}/files}: the files the patch set touched (against
   * its parent), path to status ({@code A}, {@code D}, {@code R}, {@code C}, {@code W}; {@code M}
   * when Gerrit leaves it out). Gerrit's magic files ({@code /COMMIT_MSG}, {@code /MERGE_LIST}) included.
   */
  Map<String, String> files(ChangeTarget target) throws IOException, GerritHttpException {
    HttpRequest request = request("a/changes/" + target.restId() + "/revisions/" + target.patchSet() + "/files")
        .GET().build();
    Map<String, String> files = new LinkedHashMap<>();
    parse(send(request)).properties().forEach(e -> files.put(e.getKey(), e.getValue().path("status").asString("M")));
    return files;
  }

  /** The number of lines of a file in the patch set ({@code GET .../files/{path}/content}, base64). */
  int lineCount(ChangeTarget target, String path) throws IOException, GerritHttpException {
    HttpRequest request = request("a/changes/" + target.restId() + "/revisions/" + target.patchSet() + "/files/"
        + ChangeTarget.encode(path) + "/content").setHeader("Accept", "text/plain").GET().build();
    String body = send(request).strip();
    if (body.startsWith(XSSI_PREFIX)) { // asked for JSON after all: a JSON string of the base64 text
      body = parse(body).asString("");
    }
    byte[] content;
    try {
      content = Base64.getMimeDecoder().decode(body);
    } catch (IllegalArgumentException e) {
      throw new IOException("Gerrit's content of " + path + " is not base64");
    }
    int lines = 0;
    for (byte b : content) {
      if (b == '\n') {
        lines++;
      }
    }
    return content.length > 0 && content[content.length - 1] != '\n' ? lines + 1 : lines;
  }

  /** {@code GET /a/changes/{id}/comments}: the change's published inline comments, on every patch set. */
  List<PostedComment> comments(ChangeTarget target) throws IOException, GerritHttpException {
    HttpRequest request = request("a/changes/" + target.restId() + "/comments").GET().build();
    List<PostedComment> comments = new ArrayList<>();
    parse(send(request)).properties().forEach(e -> {
      for (JsonNode c : e.getValue()) {
        comments.add(new PostedComment(e.getKey(), c.path("patch_set").asInt(0), c.path("line").asInt(0),
            c.path("message").asString(""), c.hasNonNull("tag") ? Optional.of(c.get("tag").asString()) : Optional.empty()));
      }
    });
    return comments;
  }

  /** One published inline comment as {@code CommentInfo} has it. */
  record PostedComment(String path, int patchSet, int line, String message, Optional<String> tag) {

    /** True when this is {@code comment} posted with {@code tag} on {@code patchSet}. */
    boolean isPostingOf(InlineComment comment, String tag, int patchSet) {
      return this.patchSet == patchSet && this.tag.filter(tag::equals).isPresent() && path.equals(comment.path())
          && line == comment.line() && message.strip().equals(comment.message().strip());
    }
  }

  private HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(base.resolve(path))
        .timeout(timeout)
        .header("Accept", "application/json")
        .header("Authorization", credentials.authorizationHeader());
  }

  private String send(HttpRequest request) throws IOException, GerritHttpException {
    HttpResponse<String> response;
    try {
      response = http.send(request, HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted", e);
    }
    int status = response.statusCode();
    if (status / 100 == 2) {
      return response.body();
    }
    Optional<Duration> retryAfter = response.headers().firstValue("Retry-After").flatMap(GerritClient::seconds);
    throw new GerritHttpException(status, errorText(response.body()), retryAfter);
  }

  /** The JSON of an answer, without Gerrit's {@code )]}'} line. */
  static JsonNode parse(String body) throws IOException {
    String json = body.startsWith(XSSI_PREFIX) ? body.substring(XSSI_PREFIX.length()) : body;
    if (json.isBlank()) {
      return JSON.createObjectNode();
    }
    try {
      return JSON.readTree(json);
    } catch (JacksonException e) {
      throw new IOException("Gerrit's answer is not JSON: " + e.getOriginalMessage());
    }
  }

  /** Gerrit's error text (plain text for REST errors), shortened and on at most a few lines. */
  private String errorText(String body) {
    String text = body == null ? "" : body.strip();
    if (text.startsWith(XSSI_PREFIX)) {
      text = text.substring(XSSI_PREFIX.length()).strip();
    }
    if (text.length() > MAX_ERROR_TEXT) {
      text = text.substring(0, MAX_ERROR_TEXT) + "…";
    }
    // A server could echo a header back; never let the secret through.
    String secret = credentials.authorizationHeader();
    return credentials.secret().occursIn(text) || text.contains(secret) ? "(answer withheld: it contained the credentials)"
        : text;
  }

  private static Optional<Duration> seconds(String value) {
    try {
      long s = Long.parseLong(value.strip());
      return s >= 0 ? Optional.of(Duration.ofSeconds(s)) : Optional.empty();
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }
}
