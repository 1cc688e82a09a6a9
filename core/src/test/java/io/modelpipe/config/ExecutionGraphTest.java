package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.Test;

public class ExecutionGraphTest {

  /** PipelineLib's ExecutionGraph documentation example: a→b→c→d, w→b→y, x→y→d, z alone. */
  private static final ExecutionGraph EXAMPLE = ExecutionGraph.of(List.of(
      List.of("a", "b", "c", "d"),
      List.of("w", "b", "y"),
      List.of("x", "y", "d"),
      List.of("z")));

  @Test
  public void framesAreATopologicalSortOfConcurrentStages() {
    assertEquals(
        List.of(List.of("a", "w", "x", "z"), List.of("b"), List.of("c", "y"), List.of("d")),
        EXAMPLE.frames());
  }

  @Test
  public void theSameGraphCanBeWrittenWithOtherArcs() {
    ExecutionGraph other = ExecutionGraph.of(List.of(
        List.of("a", "b", "y"), List.of("w", "b", "c", "d"), List.of("x", "y"), List.of("y", "d"), List.of("z")));
    assertEquals(EXAMPLE.successors("b"), other.successors("b"));
    assertEquals(Set.of("a", "w", "b", "c", "x", "y"), other.ancestors("d"));
    assertEquals(4, other.frames().size());
  }

  @Test
  public void ancestorsAreEveryStageLeadingToAStage() {
    assertEquals(Set.of("a", "w", "b", "x"), EXAMPLE.ancestors("y"));
    assertEquals(List.of("a", "b", "w", "x"), List.copyOf(EXAMPLE.ancestors("y"))); // by first mention
    assertEquals(Set.of(), EXAMPLE.ancestors("a"));
    assertEquals(Set.of(), EXAMPLE.ancestors("z"));
    assertFalse(EXAMPLE.ancestors("c").contains("x"));
    assertEquals(Set.of(), EXAMPLE.ancestors("unknown"));
  }

  @Test
  public void liftwingStyleParallelArcs() {
    ExecutionGraph graph = ExecutionGraph.of(List.of(
        List.of("unit", "candidate"), List.of("lint", "candidate"), List.of("candidate", "staging", "production")));
    assertEquals(
        List.of(List.of("unit", "lint"), List.of("candidate"), List.of("staging"), List.of("production")),
        graph.frames());
    assertEquals(List.of("unit", "lint"), graph.roots());
    assertEquals(Set.of("unit", "lint"), graph.predecessors("candidate"));
  }

  @Test
  public void sequentialIsPipelineLibsDefault() {
    ExecutionGraph graph = ExecutionGraph.sequential(List.of("test", "candidate", "publish"));
    assertEquals(List.of(List.of("test"), List.of("candidate"), List.of("publish")), graph.frames());
    assertEquals(Set.of("test", "candidate"), graph.ancestors("publish"));
    assertEquals(List.of(List.of("test", "candidate", "publish")), graph.arcs());
  }

  @Test
  public void aLaterFrameWaitsForAllPredecessors() {
    // c needs a (frame 1) and d (frame 2): it lands in frame 3, not 2.
    ExecutionGraph graph = ExecutionGraph.of(List.of(List.of("a", "c"), List.of("b", "d", "c")));
    assertEquals(List.of(List.of("a", "b"), List.of("d"), List.of("c")), graph.frames());
  }

  @Test
  public void cyclesAreFoundAndRefused() {
    ExecutionGraph graph = ExecutionGraph.of(List.of(List.of("a", "b", "c"), List.of("c", "a"), List.of("x")));
    assertEquals(Optional.of(List.of("a", "b", "c", "a")), graph.findCycle());
    try {
      graph.frames();
      fail();
    } catch (IllegalStateException e) {
      assertEquals("the execution graph has a cycle: a -> b -> c -> a", e.getMessage());
    }
    assertEquals(Set.of("b", "c"), graph.ancestors("a")); // terminates despite the cycle, never itself
    assertEquals(Optional.of(List.of("s", "s")), ExecutionGraph.of(List.of(List.of("s", "s"))).findCycle());
    assertTrue(EXAMPLE.findCycle().isEmpty());
  }

  @Test
  public void emptyArcsAreRefused() {
    try {
      ExecutionGraph.of(List.of(List.of()));
      fail();
    } catch (IllegalArgumentException e) {
      assertTrue(e.getMessage().contains("at least one stage"));
    }
  }

  @Test
  public void printsAsDot() {
    assertEquals("digraph { a -> b; z }", ExecutionGraph.of(List.of(List.of("a", "b"), List.of("z"))).toString());
  }
}
