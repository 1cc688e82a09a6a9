package io.modelpipe.config;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The values PipelineLib's implicit {@code setup} stage binds, available to every stage as
 * {@code ${setup.NAME}}. Built by callers (the command line, a trigger) from flags, the
 * environment or git; a value that is not known is the empty string.
 *
 * @param project the project as PipelineLib's {@code setup()} binds it (since 2021), e.g. {@code
 *     machinelearning/liftwing/inference-services}: the path of the git remote without a leading
 *     {@code /r/} and trailing {@code .git}, slashes kept
 * @param projectShortName the last path segment of the project's path
 * @param pipeline the pipeline being run; empty until bound with {@link #forPipeline(String)}
 * @param commit the commit under test
 * @param branch the branch the change is for
 * @param tag the git tag, only when a tag ({@code refs/tags/*}) is being built
 * @param timestamp start of the run, UTC, {@code yyyy-MM-dd-HHmmss}
 * @param projectKnown whether {@code project} was given (a flag, Zuul's or Gerrit's project, a
 *     git remote naming a server) rather than guessed from a directory name; PipelineLib's rule on
 *     published image names is checked only against a known project
 */
public record Setup(
    String project,
    String projectShortName,
    String pipeline,
    String commit,
    String branch,
    String tag,
    String timestamp,
    boolean projectKnown) {

  /** The names a config may use after {@code setup.}, in the order documentation lists them. */
  public static final List<String> NAMES =
      List.of("project", "projectShortName", "pipeline", "commit", "branch", "tag", "timestamp");

  /** PipelineLib's timestamp label format ({@code Utility.timestampLabel()}). */
  public static final DateTimeFormatter TIMESTAMP_FORMAT =
      DateTimeFormatter.ofPattern("yyyy-MM-dd-HHmmss").withZone(ZoneOffset.UTC);

  private static final Pattern TIMESTAMP_SHAPE = Pattern.compile("\\d{4}-\\d{2}-\\d{2}-\\d{6}");

  public Setup {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(projectShortName, "projectShortName");
    Objects.requireNonNull(pipeline, "pipeline");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(timestamp, "timestamp");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A copy with {@code pipeline} set: each pipeline of a config sees its own name. */
  public Setup forPipeline(String name) {
    return new Setup(project, projectShortName, name, commit, branch, tag, timestamp, projectKnown);
  }

  /** The value of {@code ${setup.name}}, or empty when {@code name} is not a setup value. */
  public Optional<String> value(String name) {
    return Optional.ofNullable(asMap().get(name));
  }

  /** All values by name, in {@link #NAMES} order. */
  public Map<String, String> asMap() {
    Map<String, String> values = new LinkedHashMap<>();
    values.put("project", project);
    values.put("projectShortName", projectShortName);
    values.put("pipeline", pipeline);
    values.put("commit", commit);
    values.put("branch", branch);
    values.put("tag", tag);
    values.put("timestamp", timestamp);
    return values;
  }

  /**
   * The project named by a git remote: its path without a leading {@code /r/} (Gerrit's prefix)
   * or {@code /}, and without a trailing {@code .git} or {@code /}. Accepts URLs
   * ({@code https://gerrit.wikimedia.org/r/machinelearning/liftwing/inference-services.git}),
   * scp-like remotes ({@code git@host:group/repo.git}) and bare paths ({@code /r/a/b.git}); a
   * directory that exists here ({@code /srv/git/repo.git}, {@code file:///...}) gives its own name
   * only.
   */
  public static String projectFromRemote(String remote) {
    String path = remote.trim();
    if (isLocalPath(path)) {
      // A clone of a local directory names no project namespace: only the directory itself.
      java.nio.file.Path normalized = java.nio.file.Path.of(path.startsWith("file://") ? path.substring(7) : path)
          .normalize();
      java.nio.file.Path name = normalized.getFileName();
      String last = name == null ? "" : name.toString();
      return last.endsWith(".git") ? last.substring(0, last.length() - 4) : last;
    }
    int scheme = path.indexOf("://");
    if (scheme >= 0) {
      int slash = path.indexOf('/', scheme + 3);
      path = slash < 0 ? "" : path.substring(slash);
    } else {
      int colon = path.indexOf(':');
      int firstSlash = path.indexOf('/');
      if (colon > 0 && (firstSlash < 0 || colon < firstSlash)) {
        path = path.substring(colon + 1); // scp-like user@host:path
      }
    }
    int query = indexOfAny(path, '?', '#');
    if (query >= 0) {
      path = path.substring(0, query);
    }
    while (path.endsWith("/")) {
      path = path.substring(0, path.length() - 1);
    }
    if (path.endsWith(".git")) {
      path = path.substring(0, path.length() - 4);
    }
    if (path.startsWith("/r/")) {
      path = path.substring(3);
    }
    while (path.startsWith("/")) {
      path = path.substring(1);
    }
    return path;
  }

  /** Whether a git remote names a project on a server (a URL, {@code host:path}), not a directory of this machine. */
  public static boolean remoteNamesProject(String remote) {
    return !isLocalPath(remote.trim()) && !projectFromRemote(remote).isEmpty();
  }

  private static boolean isLocalPath(String remote) {
    if (remote.startsWith("file://")) {
      return true;
    }
    boolean pathLike = remote.startsWith("/") || remote.startsWith("./") || remote.startsWith("../") || remote.equals(".");
    return pathLike && java.nio.file.Files.isDirectory(java.nio.file.Path.of(remote));
  }

  /** The last path segment of a project, as PipelineLib's {@code setup.projectShortName}. */
  public static String shortNameOf(String project) {
    String trimmed = project;
    while (trimmed.endsWith("/")) {
      trimmed = trimmed.substring(0, trimmed.length() - 1);
    }
    return trimmed.substring(trimmed.lastIndexOf('/') + 1);
  }

  /** The tag a ref names ({@code refs/tags/v1.2} gives {@code v1.2}); empty for other refs. */
  public static String tagFromRef(String ref) {
    if (ref == null) {
      return "";
    }
    String prefix = "refs/tags/";
    return ref.startsWith(prefix) ? ref.substring(prefix.length()) : "";
  }

  /** PipelineLib's timestamp label of an instant: UTC {@code yyyy-MM-dd-HHmmss}. */
  public static String timestampOf(Instant instant) {
    return TIMESTAMP_FORMAT.format(instant);
  }

  /** Whether a text has the shape of a timestamp label. */
  public static boolean isTimestamp(String text) {
    return TIMESTAMP_SHAPE.matcher(text).matches();
  }

  private static int indexOfAny(String text, char a, char b) {
    int first = text.indexOf(a);
    int second = text.indexOf(b);
    if (first < 0) {
      return second;
    }
    return second < 0 ? first : Math.min(first, second);
  }

  /** Builds a {@link Setup}; unset values are empty, {@code projectShortName} follows the project. */
  public static final class Builder {
    private String project = "";
    private String projectShortName;
    private String pipeline = "";
    private String commit = "";
    private String branch = "";
    private String tag = "";
    private String timestamp = "";
    private boolean projectGuessed;

    private Builder() {}

    /** The project's path ({@code a/b/c}), kept as given: PipelineLib sanitises it only where it names an image. */
    public Builder project(String value) {
      this.project = Objects.requireNonNull(value, "project");
      this.projectGuessed = false;
      return this;
    }

    /** A project guessed (from a directory name): used for {@code ${setup.project}}, but not known. */
    public Builder guessedProject(String value) {
      project(value);
      this.projectGuessed = true;
      return this;
    }

    /** Overrides the short name, which otherwise is the project's last path segment. */
    public Builder projectShortName(String value) {
      this.projectShortName = Objects.requireNonNull(value, "projectShortName");
      return this;
    }

    public Builder pipeline(String value) {
      this.pipeline = Objects.requireNonNull(value, "pipeline");
      return this;
    }

    public Builder commit(String value) {
      this.commit = Objects.requireNonNull(value, "commit");
      return this;
    }

    public Builder branch(String value) {
      this.branch = Objects.requireNonNull(value, "branch");
      return this;
    }

    public Builder tag(String value) {
      this.tag = Objects.requireNonNull(value, "tag");
      return this;
    }

    public Builder timestamp(String value) {
      this.timestamp = Objects.requireNonNull(value, "timestamp");
      return this;
    }

    public Builder timestamp(Instant instant) {
      return timestamp(timestampOf(instant));
    }

    public Setup build() {
      String shortName = projectShortName != null ? projectShortName : shortNameOf(project);
      return new Setup(project, shortName, pipeline, commit, branch, tag, timestamp,
          !projectGuessed && !project.isEmpty());
    }
  }
}
