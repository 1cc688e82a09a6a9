package io.modelpipe.blubber;

import java.util.List;
import java.util.Map;

/**
 * APT packages, sources and proxies of a variant.
 *
 * @param packages packages by target release, in the order first declared; {@value #DEFAULT_RELEASE}
 *     holds the packages of the list form ({@code packages: [a, b]}), installed without {@code -t}
 * @param sources extra APT sources configured before installing
 * @param proxies HTTP(S) proxies used while installing
 */
public record Apt(Map<String, List<String>> packages, List<AptSource> sources, List<AptProxy> proxies) {

  /** The release key of packages installed from the base image's default release. */
  public static final String DEFAULT_RELEASE = "default";

  public static final Apt NONE = new Apt(Map.of(), List.of(), List.of());

  public Apt {
    packages = Values.orderedMap(packages, "packages");
    packages.values().forEach(list -> Values.list(list, "packages"));
    sources = Values.list(sources, "sources");
    proxies = Values.list(proxies, "proxies");
  }

  public boolean installsPackages() {
    return packages.values().stream().anyMatch(list -> !list.isEmpty());
  }
}
