package io.modelpipe.config;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * Builds a {@link Setup} from command-line values, else the CI environment (Zuul's {@code ZUUL_*}
 * or Gerrit Trigger's {@code GERRIT_*} variables), else fallbacks: the repository's directory name
 * for the project, the current time for the timestamp, empty for the rest.
 *
 * <p>A stand-in until a trigger package reads events in full; it takes the environment as a map so
 * that it can be tested.
 */
public final class SetupEnvironment {

  /** Values given on the command line; {@code null} when not given. */
  public record Overrides(String project, String commit, String branch, String tag, String timestamp) {
    public static final Overrides NONE = new Overrides(null, null, null, null, null);
  }

  /**
   * What the working copy says when neither flags nor the environment do (from git).
   *
   * @param project the project, e.g. from the remote URL or the directory name
   * @param commit the checked-out commit, or empty
   * @param branch the checked-out branch, or empty
   */
  public record Defaults(String project, String commit, String branch) {
    public Defaults {
      Objects.requireNonNull(project, "project");
      Objects.requireNonNull(commit, "commit");
      Objects.requireNonNull(branch, "branch");
    }
  }

  private SetupEnvironment() {}

  /** As {@link #resolve(Overrides, Map, Supplier, Instant)} with only a fallback project. */
  public static Setup resolve(
      Overrides overrides, Map<String, String> environment, String fallbackProject, Instant now) {
    return resolve(overrides, environment, () -> new Defaults(fallbackProject, "", ""), now);
  }

  /**
   * @param overrides command-line values, which win
   * @param environment the process environment
   * @param defaults what applies when neither says (from the working copy); asked for only when
   *     needed, since reading git costs more than the rest of a plan
   * @param now the time the run starts
   */
  public static Setup resolve(
      Overrides overrides, Map<String, String> environment, Supplier<Defaults> defaults, Instant now) {
    Objects.requireNonNull(overrides, "overrides");
    Objects.requireNonNull(environment, "environment");
    Supplier<Defaults> once = memoize(defaults);
    String project = first(
        overrides.project(), environment.get("ZUUL_PROJECT"), environment.get("GERRIT_PROJECT"))
        .map(Setup::projectFromRemote)
        .orElseGet(() -> once.get().project());
    String commit = first(
        overrides.commit(),
        environment.get("ZUUL_COMMIT"),
        environment.get("ZUUL_NEWREV"),
        environment.get("GERRIT_PATCHSET_REVISION"),
        environment.get("GERRIT_NEWREV"))
        .orElseGet(() -> once.get().commit());
    String branch = first(overrides.branch(), environment.get("ZUUL_BRANCH"), environment.get("GERRIT_BRANCH"))
        .orElseGet(() -> once.get().branch());
    String tag;
    if (overrides.tag() != null) {
      tag = overrides.tag().startsWith("refs/tags/") ? Setup.tagFromRef(overrides.tag()) : overrides.tag();
    } else {
      tag = Stream.of("ZUUL_REF", "ZUUL_REFNAME", "GERRIT_REFNAME")
          .map(environment::get)
          .map(Setup::tagFromRef)
          .filter(t -> !t.isEmpty())
          .findFirst()
          .orElse("");
    }
    String timestamp = overrides.timestamp() != null ? overrides.timestamp() : Setup.timestampOf(now);
    return Setup.builder()
        .project(project)
        .commit(commit)
        .branch(branch)
        .tag(tag)
        .timestamp(timestamp)
        .build();
  }

  private static <T> Supplier<T> memoize(Supplier<T> supplier) {
    Object[] value = new Object[1];
    return () -> {
      if (value[0] == null) {
        value[0] = Objects.requireNonNull(supplier.get(), "defaults");
      }
      @SuppressWarnings("unchecked")
      T result = (T) value[0];
      return result;
    };
  }

  private static Optional<String> first(String... values) {
    return Stream.of(values).filter(v -> v != null && !v.isBlank()).map(String::trim).findFirst();
  }
}
