package io.modelpipe.blubber;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * One variant as it will be built: the top-level keys, then its {@code includes}, then its own
 * keys, merged by Blubber's rules, with Blubber's defaults for {@code lives} and {@code runs}.
 *
 * @param base the base image; empty for {@code scratch}
 * @param builders the ordered {@code builders} list
 * @param builder the single custom builder ({@code builder})
 * @param arguments build arguments ({@code ARG}) and their defaults
 * @param includes the variants this one includes, as written
 * @param copies what to copy into the image, as written (shorthands unexpanded)
 */
public record Variant(
    String name,
    Optional<String> base,
    Apt apt,
    Lives lives,
    Runs runs,
    List<Builder> builders,
    Optional<NodeBuilder> node,
    Optional<PhpBuilder> php,
    Optional<PythonBuilder> python,
    Optional<CustomBuilder> builder,
    Map<String, String> arguments,
    List<String> entrypoint,
    List<String> includes,
    List<Artifact> copies) {

  public Variant {
    Values.text(name, "name");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(apt, "apt");
    Objects.requireNonNull(lives, "lives");
    Objects.requireNonNull(runs, "runs");
    builders = Values.list(builders, "builders");
    Objects.requireNonNull(node, "node");
    Objects.requireNonNull(php, "php");
    Objects.requireNonNull(python, "python");
    Objects.requireNonNull(builder, "builder");
    arguments = Values.orderedMap(arguments, "arguments");
    entrypoint = Values.list(entrypoint, "entrypoint");
    includes = Values.list(includes, "includes");
    copies = Values.list(copies, "copies");
  }

  public boolean isScratch() {
    return base.isEmpty();
  }

  /**
   * Every builder in the order Blubber runs them: {@code builders}, then {@code node}, {@code
   * php}, {@code python} and {@code builder}.
   */
  public List<Builder> buildersInOrder() {
    java.util.ArrayList<Builder> all = new java.util.ArrayList<>(builders);
    node.ifPresent(all::add);
    php.ifPresent(all::add);
    python.ifPresent(all::add);
    builder.ifPresent(all::add);
    return List.copyOf(all);
  }
}
