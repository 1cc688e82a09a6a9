package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.fail;

import java.util.Map;
import java.util.Set;
import org.junit.Test;

public class VariableResolverTest {

  private static final Setup SETUP = Setup.builder()
      .project("machinelearning/liftwing/inference-services")
      .pipeline("outlink")
      .commit("abc123")
      .branch("master")
      .timestamp("2024-05-01-120000")
      .build();

  private static VariableResolver resolver(String stage, Set<String> ancestors, Map<String, Map<String, String>> bound) {
    return new VariableResolver(SETUP, stage, ancestors, bound);
  }

  @Test
  public void resolvesSetupCurrentStageAndAncestors() {
    VariableResolver resolver = resolver("publish", Set.of("build"), Map.of(
        "build", Map.of("imageID", "sha1"),
        "publish", Map.of("imageTag", "t1")));
    assertEquals("machinelearning/liftwing/inference-services inference-services outlink abc123 master",
        resolver.resolve("${setup.project} ${setup.projectShortName} ${setup.pipeline} ${setup.commit} ${setup.branch}"));
    assertEquals("2024-05-01-120000-publish", resolver.resolve("${setup.timestamp}-${.stage}"));
    assertEquals("sha1 t1 build", resolver.resolve("${build.imageID} ${.imageTag} ${build.stage}"));
  }

  @Test
  public void defaultsApplyToUnboundAndEmptyValues() {
    VariableResolver resolver = resolver("a", Set.of(), Map.of());
    assertEquals("none", resolver.resolve("${setup.tag|none}")); // tag is empty: not a tag build
    assertEquals("x", resolver.resolve("${.missing|x}"));
    assertEquals("master", resolver.resolve("${setup.branch|other}"));
  }

  @Test
  public void shellVariablesStayUntouched() {
    assertEquals("echo ${HOME} $USER master", resolver("a", Set.of(), Map.of()).resolve("echo ${HOME} $USER ${setup.branch}"));
  }

  @Test
  public void unboundValuesBecomePlaceholdersOnRequest() {
    VariableResolver resolver = resolver("b", Set.of("a"), Map.of());
    assertEquals("run <a.imageID> <.imageID>",
        resolver.resolve("run ${a.imageID} ${.imageID}", r -> "<" + r.qualifiedName() + ">"));
  }

  @Test
  public void strictResolutionFailsOnUnboundValues() {
    try {
      resolver("b", Set.of("a"), Map.of()).resolve("${a.imageID}");
      fail();
    } catch (VariableResolver.UnresolvableVariableException e) {
      assertEquals("no value bound for '${a.imageID}' in stage 'b'", e.getMessage());
      assertEquals("a", e.reference().namespace());
    }
  }

  @Test
  public void stagesThatAreNotAncestorsAreOutOfReachEvenWithADefault() {
    VariableResolver resolver = resolver("lint", Set.of(), Map.of("unit", Map.of("imageID", "x")));
    for (String template : new String[] {"${unit.imageID}", "${unit.imageID|fallback}"}) {
      try {
        resolver.resolve(template, r -> "?");
        fail(template);
      } catch (VariableResolver.UnresolvableVariableException e) {
        assertEquals("'" + template + "' refers to stage 'unit', which is not an ancestor of stage 'lint' in the"
            + " execution graph", e.getMessage());
      }
    }
  }

  @Test
  public void theCurrentStageIsNotItsOwnAncestor() {
    try {
      resolver("a", Set.of(), Map.of("a", Map.of("x", "1"))).resolve("${a.x}");
      fail();
    } catch (VariableResolver.UnresolvableVariableException e) {
      assertEquals("'${a.x}' refers to the current stage by name; use '${.x}'", e.getMessage());
    }
    assertEquals("1", resolver("a", Set.of(), Map.of("a", Map.of("x", "1"))).resolve("${.x}"));
  }
}
