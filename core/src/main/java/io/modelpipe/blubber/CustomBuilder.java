package io.modelpipe.blubber;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An arbitrary build step ({@code builder} or {@code builders[].custom}).
 *
 * @param command the command and its arguments; one element for the string form, run by the shell
 * @param script a script to run instead of a command
 * @param mounts filesystems mounted while it runs (needs BuildKit)
 * @param caches cache directories kept between builds (needs BuildKit)
 */
public record CustomBuilder(
    List<String> command,
    Optional<String> script,
    Optional<List<Artifact>> requirements,
    List<BuilderMount> mounts,
    List<BuilderCache> caches)
    implements Builder {

  public CustomBuilder {
    command = Values.list(command, "command");
    Objects.requireNonNull(script, "script");
    requirements = requirements.map(list -> Values.list(list, "requirements"));
    mounts = Values.list(mounts, "mounts");
    caches = Values.list(caches, "caches");
  }

  @Override
  public String kind() {
    return "custom";
  }

  /** A filesystem mounted into a builder: {@code from} a variant, an image or {@code local}. */
  public record BuilderMount(String from, Optional<String> source, Optional<String> destination) {
    public BuilderMount {
      Values.text(from, "from");
      Objects.requireNonNull(source, "source");
      Objects.requireNonNull(destination, "destination");
    }
  }

  /** A cache directory mounted into a builder. */
  public record BuilderCache(String destination, Optional<String> id, String access) {
    public BuilderCache {
      Values.text(destination, "destination");
      Objects.requireNonNull(id, "id");
      Values.text(access, "access");
    }
  }
}
