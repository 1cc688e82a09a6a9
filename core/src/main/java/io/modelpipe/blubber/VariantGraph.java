package io.modelpipe.blubber;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Dependencies between variants ({@code includes}, or copies from another variant), in the order
 * they are declared. Finds cycles and orders dependencies deepest first, as Blubber's dependency
 * graph does.
 *
 * @param <E> what declares an edge (a key path, an artifact), reported with a cycle
 */
final class VariantGraph<E> {

  /** An edge that closes a cycle, and the cycle it closes: {@code [a, b, a]}. */
  record Cycle<E>(E edge, List<String> variants) {
    String describe() {
      return String.join(" -> ", variants);
    }
  }

  private record Edge<E>(String to, E declaredBy) {}

  private final Map<String, List<Edge<E>>> edges = new LinkedHashMap<>();

  void addVariant(String name) {
    edges.computeIfAbsent(name, k -> new ArrayList<>());
  }

  void addEdge(String from, String to, E declaredBy) {
    addVariant(from);
    edges.get(from).add(new Edge<>(to, declaredBy));
  }

  /** Every cycle, each reported once at the edge that closes it, searching variants in order. */
  List<Cycle<E>> cycles() {
    List<Cycle<E>> cycles = new ArrayList<>();
    Map<String, Integer> state = new HashMap<>(); // 1: on the current path, 2: done
    for (String start : edges.keySet()) {
      findCycles(start, new ArrayList<>(), state, cycles);
    }
    return cycles;
  }

  private void findCycles(String node, List<String> path, Map<String, Integer> state, List<Cycle<E>> cycles) {
    Integer seen = state.get(node);
    if (seen != null) {
      return;
    }
    state.put(node, 1);
    path.add(node);
    for (Edge<E> edge : edges.getOrDefault(node, List.of())) {
      Integer target = state.get(edge.to());
      if (target != null && target == 1) {
        List<String> cycle = new ArrayList<>(path.subList(path.indexOf(edge.to()), path.size()));
        cycle.add(edge.to());
        cycles.add(new Cycle<>(edge.declaredBy(), cycle));
      } else if (target == null && edges.containsKey(edge.to())) {
        findCycles(edge.to(), path, state, cycles);
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
  }

  /** The variants {@code name} depends on, transitively, deepest first; the graph must be acyclic. */
  List<String> dependenciesOf(String name) {
    Set<String> ordered = new LinkedHashSet<>();
    visit(name, ordered, new LinkedHashSet<>());
    ordered.remove(name);
    return List.copyOf(ordered);
  }

  private void visit(String node, Set<String> ordered, Set<String> visiting) {
    if (ordered.contains(node) || !visiting.add(node)) {
      return;
    }
    for (Edge<E> edge : edges.getOrDefault(node, List.of())) {
      if (edges.containsKey(edge.to())) {
        visit(edge.to(), ordered, visiting);
      }
    }
    ordered.add(node);
  }
}
