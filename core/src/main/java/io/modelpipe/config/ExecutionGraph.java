package io.modelpipe.config;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A pipeline's stages as a directed graph, after PipelineLib's {@code ExecutionGraph}: each arc
 * {@code [a, b, c]} adds the edges a→b and b→c; a one-stage arc adds an isolated stage. Arcs may
 * share stages, so {@code [[unit, candidate], [lint, candidate]]} runs unit and lint (in parallel)
 * before candidate.
 *
 * <p>Immutable. Stages are ordered by their first mention in the arcs, which orders each frame.
 */
public final class ExecutionGraph {

  private final List<List<String>> arcs;
  private final Map<String, Set<String>> successors;
  private final Map<String, Set<String>> predecessors;

  private ExecutionGraph(List<List<String>> arcs) {
    this.arcs = arcs.stream().map(List::copyOf).toList();
    Map<String, Set<String>> out = new LinkedHashMap<>();
    Map<String, Set<String>> in = new LinkedHashMap<>();
    for (List<String> arc : this.arcs) {
      for (int i = 0; i < arc.size(); i++) {
        out.computeIfAbsent(arc.get(i), k -> new LinkedHashSet<>());
        in.computeIfAbsent(arc.get(i), k -> new LinkedHashSet<>());
        if (i > 0) {
          out.get(arc.get(i - 1)).add(arc.get(i));
          in.get(arc.get(i)).add(arc.get(i - 1));
        }
      }
    }
    this.successors = freeze(out);
    this.predecessors = freeze(in);
  }

  /** A graph of the given arcs (lists of stage names). */
  public static ExecutionGraph of(List<List<String>> arcs) {
    for (List<String> arc : arcs) {
      if (arc.isEmpty()) {
        throw new IllegalArgumentException("an arc of the execution graph must name at least one stage");
      }
    }
    return new ExecutionGraph(arcs);
  }

  /** PipelineLib's default when a pipeline has no {@code execution}: its stages in order. */
  public static ExecutionGraph sequential(List<String> stages) {
    return stages.isEmpty() ? new ExecutionGraph(List.of()) : of(List.of(stages));
  }

  /** The arcs as given. */
  public List<List<String>> arcs() {
    return arcs;
  }

  /** All stages, by first mention. */
  public List<String> stages() {
    return List.copyOf(successors.keySet());
  }

  public boolean contains(String stage) {
    return successors.containsKey(stage);
  }

  /** The stages {@code stage} leads to directly. */
  public Set<String> successors(String stage) {
    return successors.getOrDefault(stage, Set.of());
  }

  /** The stages leading directly to {@code stage}. */
  public Set<String> predecessors(String stage) {
    return predecessors.getOrDefault(stage, Set.of());
  }

  /** Stages with no predecessor. */
  public List<String> roots() {
    return successors.keySet().stream().filter(s -> predecessors(s).isEmpty()).toList();
  }

  /**
   * All stages that eventually lead to {@code stage} (not the stage itself), ordered by first
   * mention. Only their values are visible to {@code stage} as {@code ${NAME.x}}.
   */
  public Set<String> ancestors(String stage) {
    Set<String> found = new HashSet<>();
    Deque<String> work = new ArrayDeque<>(predecessors(stage));
    while (!work.isEmpty()) {
      String next = work.pop();
      if (found.add(next)) {
        work.addAll(predecessors(next));
      }
    }
    Set<String> ordered = new LinkedHashSet<>();
    for (String candidate : successors.keySet()) {
      if (found.contains(candidate) && !candidate.equals(stage)) {
        ordered.add(candidate);
      }
    }
    return Collections.unmodifiableSet(ordered);
  }

  /**
   * A cycle, if there is one: the stages along it, the first repeated at the end
   * ({@code [a, b, a]}). Stages are visited by first mention, so the answer is deterministic.
   */
  public Optional<List<String>> findCycle() {
    Map<String, Integer> state = new HashMap<>(); // 1 = on the current path, 2 = done
    for (String start : successors.keySet()) {
      List<String> path = new ArrayList<>();
      Optional<List<String>> cycle = visit(start, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    return Optional.empty();
  }

  private Optional<List<String>> visit(String node, Map<String, Integer> state, List<String> path) {
    Integer seen = state.get(node);
    if (seen != null && seen == 2) {
      return Optional.empty();
    }
    if (seen != null && seen == 1) {
      List<String> cycle = new ArrayList<>(path.subList(path.indexOf(node), path.size()));
      cycle.add(node);
      return Optional.of(List.copyOf(cycle));
    }
    state.put(node, 1);
    path.add(node);
    for (String next : successors(node)) {
      Optional<List<String>> cycle = visit(next, state, path);
      if (cycle.isPresent()) {
        return cycle;
      }
    }
    path.remove(path.size() - 1);
    state.put(node, 2);
    return Optional.empty();
  }

  /**
   * The stages in concurrent frames, in topological order, as PipelineLib's {@code stack()}: the
   * first frame holds the roots; each later frame the stages all of whose predecessors ran in
   * earlier frames. Stages of one frame may run in parallel.
   *
   * @throws IllegalStateException if the graph has a cycle
   */
  public List<List<String>> frames() {
    Optional<List<String>> cycle = findCycle();
    if (cycle.isPresent()) {
      throw new IllegalStateException("the execution graph has a cycle: " + String.join(" -> ", cycle.get()));
    }
    List<List<String>> frames = new ArrayList<>();
    Set<String> done = new HashSet<>();
    List<String> frame = roots();
    while (!frame.isEmpty()) {
      frames.add(frame);
      done.addAll(frame);
      Set<String> next = new LinkedHashSet<>();
      for (String candidate : successors.keySet()) {
        if (!done.contains(candidate) && done.containsAll(predecessors(candidate))) {
          next.add(candidate);
        }
      }
      frame = List.copyOf(next);
    }
    return List.copyOf(frames);
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof ExecutionGraph graph
        && successors.equals(graph.successors)
        && successors.keySet().equals(graph.successors.keySet());
  }

  @Override
  public int hashCode() {
    return successors.hashCode();
  }

  /** The graph in Graphviz's dot syntax, as PipelineLib prints it. */
  @Override
  public String toString() {
    List<String> parts = new ArrayList<>();
    successors.forEach((from, tos) -> {
      if (tos.isEmpty() && predecessors(from).isEmpty()) {
        parts.add(from);
      }
      tos.forEach(to -> parts.add(from + " -> " + to));
    });
    return "digraph { " + String.join("; ", parts) + " }";
  }

  private static Map<String, Set<String>> freeze(Map<String, Set<String>> map) {
    Map<String, Set<String>> frozen = new LinkedHashMap<>();
    map.forEach((k, v) -> frozen.put(k, Collections.unmodifiableSet(new LinkedHashSet<>(v))));
    return Collections.unmodifiableMap(frozen);
  }
}
