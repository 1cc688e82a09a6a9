package io.modelpipe.blubber;

import io.modelpipe.blubber.CustomBuilder.BuilderCache;
import io.modelpipe.blubber.CustomBuilder.BuilderMount;
import io.modelpipe.blubber.PythonBuilder.Poetry;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Turns a merged, schema-checked variant tree into a {@link Variant}, noting where each artifact
 * and builder was written so that later problems (compiler warnings) can point at it.
 */
final class VariantDecoder {

  private final NodeOrigins origins;
  private final IdentityHashMap<Object, String> valueOrigins;

  VariantDecoder(NodeOrigins origins, IdentityHashMap<Object, String> valueOrigins) {
    this.origins = origins;
    this.valueOrigins = valueOrigins;
  }

  Variant decode(String name, JsonNode merged, List<String> includes) {
    JsonNode base = merged.get("base");
    List<Builder> builders = new ArrayList<>();
    JsonNode buildersNode = merged.get("builders");
    if (buildersNode != null) {
      for (JsonNode entry : buildersNode) {
        String kind = VariantMerger.kindOf(entry);
        builders.add(builder(kind, entry.get(kind)));
      }
    }
    return new Variant(
        name,
        base == null || !base.isString() || base.asString().isEmpty() ? Optional.empty() : Optional.of(base.asString()),
        apt(merged.get("apt")),
        lives(merged.get("lives")),
        runs(merged.get("runs")),
        builders,
        optional(merged, "node").map(n -> (NodeBuilder) builder("node", n)),
        optional(merged, "php").map(n -> (PhpBuilder) builder("php", n)),
        optional(merged, "python").map(n -> (PythonBuilder) builder("python", n)),
        optional(merged, "builder").map(n -> (CustomBuilder) builder("custom", n)),
        stringMap(merged.get("arguments")),
        strings(merged.get("entrypoint")),
        includes,
        artifacts(merged.get("copies")));
  }

  private static Optional<JsonNode> optional(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    return value == null || value.isNull() ? Optional.empty() : Optional.of(value);
  }

  private Builder builder(String kind, JsonNode node) {
    Builder builder =
        switch (kind) {
          case "python" -> new PythonBuilder(
              text(node, "version"),
              requirements(node),
              flag(node, "use-system-site-packages"),
              flag(node, "use-system-flag"),
              flag(node, "no-deps"),
              optional(node, "poetry").map(p -> new Poetry(text(p, "version"), flag(p, "devel"), text(p, "only"),
                  text(p, "without"))),
              new PythonBuilder.CorePackages(text(node, "pip-version"), text(node, "setuptools-version"),
                  text(node, "tox-version"), text(node, "wheel-version")),
              text(node, "venv"));
          case "node" -> new NodeBuilder(
              requirements(node), text(node, "env"), flag(node, "use-npm-ci"), flag(node, "allow-dedupe-failure"));
          case "php" -> new PhpBuilder(requirements(node), flag(node, "production"));
          default -> new CustomBuilder(
              command(node.get("command")), text(node, "script"), requirements(node), mounts(node.get("mounts")),
              caches(node.get("caches")));
        };
    valueOrigins.put(builder, origins.pathOf(node));
    return builder;
  }

  private static List<String> command(JsonNode command) {
    if (command == null) {
      return List.of();
    }
    return command.isString() ? List.of(command.asString()) : strings(command);
  }

  private Optional<List<Artifact>> requirements(JsonNode builder) {
    JsonNode requirements = builder.get("requirements");
    if (requirements == null) {
      return Optional.empty();
    }
    List<Artifact> artifacts = new ArrayList<>();
    for (JsonNode entry : requirements) {
      artifacts.add(entry.isString() ? remember(Artifact.local(entry.asString()), entry) : artifact(entry));
    }
    return Optional.of(artifacts);
  }

  private List<Artifact> artifacts(JsonNode copies) {
    List<Artifact> artifacts = new ArrayList<>();
    if (copies != null) {
      for (JsonNode entry : copies) {
        artifacts.add(entry.isString()
            ? remember(new Artifact(entry.asString(), Optional.empty(), Optional.empty(), List.of()), entry)
            : artifact(entry));
      }
    }
    return artifacts;
  }

  private Artifact artifact(JsonNode entry) {
    return remember(
        new Artifact(entry.get("from").asString(), text(entry, "source"), text(entry, "destination"),
            strings(entry.get("exclude"))),
        entry);
  }

  private Artifact remember(Artifact artifact, JsonNode node) {
    valueOrigins.put(artifact, origins.pathOf(node));
    return artifact;
  }

  private static List<BuilderMount> mounts(JsonNode mounts) {
    List<BuilderMount> result = new ArrayList<>();
    if (mounts != null) {
      for (JsonNode m : mounts) {
        result.add(m.isString()
            ? new BuilderMount(m.asString(), Optional.empty(), Optional.empty())
            : new BuilderMount(text(m, "from").orElse(Artifact.LOCAL), text(m, "source"), text(m, "destination")));
      }
    }
    return result;
  }

  private static List<BuilderCache> caches(JsonNode caches) {
    List<BuilderCache> result = new ArrayList<>();
    if (caches != null) {
      for (JsonNode c : caches) {
        result.add(c.isString()
            ? new BuilderCache(c.asString(), Optional.empty(), "shared")
            : new BuilderCache(text(c, "destination").orElse("/"), text(c, "id"), text(c, "access").orElse("shared")));
      }
    }
    return result;
  }

  private static Apt apt(JsonNode apt) {
    if (apt == null) {
      return Apt.NONE;
    }
    Map<String, List<String>> packages = new LinkedHashMap<>();
    JsonNode byRelease = apt.get("packages");
    if (byRelease != null) {
      byRelease.properties().forEach(e -> packages.put(e.getKey(), strings(e.getValue())));
    }
    List<AptSource> sources = new ArrayList<>();
    JsonNode sourceNodes = apt.get("sources");
    if (sourceNodes != null) {
      for (JsonNode s : sourceNodes) {
        sources.add(new AptSource(s.get("url").asString(), s.get("distribution").asString(),
            strings(s.get("components")), text(s, "signed-by")));
      }
    }
    List<AptProxy> proxies = new ArrayList<>();
    JsonNode proxyNodes = apt.get("proxies");
    if (proxyNodes != null) {
      for (JsonNode p : proxyNodes) {
        proxies.add(p.isString()
            ? new AptProxy(p.asString(), Optional.empty())
            : new AptProxy(p.get("url").asString(), text(p, "source")));
      }
    }
    return new Apt(packages, sources, proxies);
  }

  private static Lives lives(JsonNode lives) {
    return new Lives(lives.get("as").asString(), lives.get("uid").asLong(), lives.get("gid").asLong(),
        lives.get("in").asString());
  }

  private static Runs runs(JsonNode runs) {
    return new Runs(runs.get("as").asString(), runs.get("uid").asLong(), runs.get("gid").asLong(),
        text(runs, "in"), stringMap(runs.get("environment")), flag(runs, "insecurely"));
  }

  private static Optional<String> text(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    return value == null || !value.isString() || value.asString().isEmpty()
        ? Optional.empty()
        : Optional.of(value.asString());
  }

  private static boolean flag(JsonNode parent, String key) {
    JsonNode value = parent.get(key);
    return value != null && value.asBoolean();
  }

  private static List<String> strings(JsonNode list) {
    List<String> values = new ArrayList<>();
    if (list != null) {
      list.forEach(v -> values.add(v.asString()));
    }
    return values;
  }

  private static Map<String, String> stringMap(JsonNode map) {
    Map<String, String> values = new LinkedHashMap<>();
    if (map != null) {
      // Blubber's decoder leaves a null value as Go's empty string: `http_proxy:` declares it empty.
      map.properties().forEach(e -> values.put(e.getKey(), e.getValue().isNull() ? "" : e.getValue().asString()));
    }
    return values;
  }
}
