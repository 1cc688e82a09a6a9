package io.modelpipe.gerrit;

import io.modelpipe.result.LintFinding;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reviews that could not be delivered, one JSON file each in a folder of the workspace
 * ({@code .modelpipe/outbox/CHANGE-PATCHSET-HASH.json}). Files are written atomically (a temporary
 * file, then a rename) and hold no credentials. The same review queued twice is one file: its name
 * comes from the Gerrit URL, the patch set and the review's content. A review with lint findings
 * keeps the findings ({@code inline}), not comments: where they go is decided when it is sent.
 */
public final class Outbox {

  /** The format of an entry file. */
  public static final int FORMAT = 1;

  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  private final Path dir;

  public Outbox(Path dir) {
    this.dir = Objects.requireNonNull(dir, "dir");
  }

  public Path dir() {
    return dir;
  }

  /** One queued review, or a file that could not be read as one. */
  public record Entry(Path file, Optional<PendingReview> pending, String problem) {}

  /** Queues a review; returns its file. Queuing the same review again rewrites the same file. */
  public Path put(PendingReview pending, String lastError, Instant now) {
    Path file = dir.resolve(fileName(pending));
    ObjectNode root = JSON.createObjectNode();
    root.put("format", FORMAT);
    root.put("gerritUrl", pending.gerritUrl().toString());
    root.put("project", pending.target().project());
    root.put("change", pending.target().change());
    root.put("patchset", pending.target().patchSet());
    ObjectNode review = root.putObject("review");
    review.put("message", pending.review().message());
    review.put("tag", pending.review().tag());
    ObjectNode labels = review.putObject("labels");
    pending.review().labels().forEach(labels::put);
    pending.review().notifySetting().ifPresent(n -> review.put("notify", n.name()));
    if (!pending.inline().isEmpty()) {
      ObjectNode inline = root.putObject("inline");
      inline.put("maxInline", pending.inline().maxInline());
      ArrayNode findings = inline.putArray("findings");
      for (LintFinding f : pending.inline().findings()) {
        ObjectNode finding = findings.addObject();
        finding.put("tool", f.tool());
        finding.put("file", f.file());
        finding.put("line", f.line());
        finding.put("column", f.column());
        finding.put("code", f.code());
        finding.put("message", f.message());
        finding.put("detail", f.detail());
      }
    }
    root.put("queuedAt", now.toString());
    root.put("lastError", lastError);
    try {
      Files.createDirectories(dir);
      Path temp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
      try {
        Files.writeString(temp, JSON.writeValueAsString(root) + "\n", StandardCharsets.UTF_8);
        try {
          Files.move(temp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
          Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING);
        }
      } finally {
        Files.deleteIfExists(temp);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the outbox entry " + file + ": " + e.getMessage(), e);
    }
    return file;
  }

  /** Every entry, oldest name first; an empty list when the folder does not exist. */
  public List<Entry> list() {
    List<Path> files = new ArrayList<>();
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (DirectoryStream<Path> stream = Files.newDirectoryStream(dir, "[!.]*.json")) {
      stream.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the outbox " + dir + ": " + e.getMessage(), e);
    }
    files.sort(null);
    List<Entry> entries = new ArrayList<>();
    for (Path file : files) {
      try {
        entries.add(new Entry(file, Optional.of(read(file)), ""));
      } catch (InvalidInputException e) {
        entries.add(new Entry(file, Optional.empty(), e.getMessage()));
      }
    }
    return entries;
  }

  /** Removes a delivered entry. */
  public void remove(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove the outbox entry " + file + ": " + e.getMessage(), e);
    }
  }

  /** Reads one entry file. */
  public static PendingReview read(Path file) {
    String name = file.toString();
    try {
      JsonNode root = JSON.readTree(Files.readString(file, StandardCharsets.UTF_8));
      if (root.path("format").asInt(0) != FORMAT) {
        throw invalid(name, "unsupported outbox entry format; this modelpipe reads format " + FORMAT);
      }
      JsonNode review = root.required("review");
      Map<String, Integer> labels = new LinkedHashMap<>();
      review.path("labels").properties().forEach(e -> labels.put(e.getKey(), e.getValue().asInt()));
      Optional<Notify> notify = review.hasNonNull("notify")
          ? Optional.of(Notify.valueOf(review.get("notify").asString())) : Optional.empty();
      InlineRequest inline = InlineRequest.none();
      if (root.hasNonNull("inline")) {
        List<LintFinding> findings = new ArrayList<>();
        for (JsonNode f : root.get("inline").required("findings")) {
          findings.add(new LintFinding(f.required("tool").asString(), f.required("file").asString(),
              f.required("line").asInt(), f.required("column").asInt(), f.required("code").asString(),
              f.required("message").asString(), f.required("detail").asString()));
        }
        inline = new InlineRequest(findings, root.get("inline").required("maxInline").asInt());
      }
      return new PendingReview(
          URI.create(root.required("gerritUrl").asString()),
          new ChangeTarget(root.required("project").asString(), root.required("change").asInt(),
              root.required("patchset").asInt()),
          new Review(review.required("message").asString(), review.required("tag").asString(), labels, notify),
          inline);
    } catch (IOException e) {
      throw invalid(name, "cannot read: " + e.getMessage());
    } catch (JacksonException e) {
      throw invalid(name, "not an outbox entry: " + e.getOriginalMessage());
    } catch (IllegalArgumentException e) {
      throw invalid(name, "not an outbox entry: " + e.getMessage());
    }
  }

  private static InvalidInputException invalid(String file, String message) {
    return new InvalidInputException(new Diagnostic(Location.ofFile(file), "", message));
  }

  static String fileName(PendingReview pending) {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
    String key = String.join("\n", pending.gerritUrl().toString(), pending.target().project(),
        Integer.toString(pending.target().change()), Integer.toString(pending.target().patchSet()),
        pending.review().tag(), pending.review().labels().toString(), pending.review().message(),
        pending.inline().isEmpty() ? "" : pending.inline().toString());
    String hash = HexFormat.of().formatHex(sha.digest(key.getBytes(StandardCharsets.UTF_8))).substring(0, 12);
    return pending.target().change() + "-" + pending.target().patchSet() + "-" + hash + ".json";
  }
}
