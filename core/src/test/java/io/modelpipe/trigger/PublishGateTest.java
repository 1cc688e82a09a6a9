package io.modelpipe.trigger;

import static io.modelpipe.trigger.TriggerReaderTest.SHA;
import static io.modelpipe.trigger.TriggerReaderTest.SHA2;
import static io.modelpipe.trigger.TriggerReaderTest.ZEROS;
import static io.modelpipe.trigger.TriggerReaderTest.env;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import com.sonymobile.tools.gerrit.gerritevents.dto.GerritEventType;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.Test;

/** Publish gating: the default contexts for each Zuul pipeline and Gerrit event type, and configured ones. */
public class PublishGateTest {

  private static TriggerContext zuulChange(String pipeline) {
    return TriggerReader.read(env("ZUUL_PIPELINE=" + pipeline, "ZUUL_PROJECT=a/b", "ZUUL_BRANCH=master",
        "ZUUL_CHANGE=12", "ZUUL_PATCHSET=3", "ZUUL_REF=refs/zuul/master/Z9", "ZUUL_COMMIT=" + SHA));
  }

  private static TriggerContext gerrit(GerritEventType type) {
    Map<String, String> environment = new LinkedHashMap<>(env("GERRIT_EVENT_TYPE=" + type.getTypeValue(),
        "GERRIT_PROJECT=a/b"));
    if (type == GerritEventType.REF_UPDATED) {
      environment.putAll(env("GERRIT_REFNAME=refs/heads/main", "GERRIT_OLDREV=" + SHA, "GERRIT_NEWREV=" + SHA2));
    } else {
      environment.putAll(env("GERRIT_BRANCH=main", "GERRIT_CHANGE_NUMBER=12", "GERRIT_PATCHSET_NUMBER=3",
          "GERRIT_PATCHSET_REVISION=" + SHA));
    }
    return TriggerReader.read(environment);
  }

  @Test
  public void defaultZuulPipelines() {
    Map<String, Boolean> table = new LinkedHashMap<>();
    table.put("gate-and-submit", true);
    table.put("gate-and-submit-l10n", true);
    table.put("gate-and-submit-swat", true);
    table.put("postmerge", true);
    table.put("post", true);
    table.put("publish", true);
    table.put("test", false);
    table.put("check", false);
    table.put("test-prio", false);
    table.put("experimental", false);
    table.put("coverage", false);
    table.put("gate", false); // OpenStack's name; not PipelineLib's
    table.put("postmerge-extra", false);
    table.put("periodic", false);
    table.forEach((pipeline, allowed) ->
        assertEquals(pipeline, allowed, PublishGate.defaults().allows(zuulChange(pipeline))));
  }

  @Test
  public void defaultGerritEventTypes() {
    Set<GerritEventType> publishing = Set.of(GerritEventType.CHANGE_MERGED, GerritEventType.REF_UPDATED);
    for (GerritEventType type : GerritEventType.values()) {
      if (type == GerritEventType.PROJECT_CREATED || type == GerritEventType.REF_REPLICATED
          || type == GerritEventType.REF_REPLICATION_DONE) {
        continue; // no change and no ref update: not job triggers
      }
      assertEquals(type.getTypeValue(), publishing.contains(type), PublishGate.defaults().allows(gerrit(type)));
    }
  }

  @Test
  public void defaultTagsAndKinds() {
    PublishGate gate = PublishGate.defaults();
    // A tag built by any Zuul pipeline, and by Gerrit's ref-updated.
    assertTrue(gate.allows(TriggerReader.read(env("ZUUL_PIPELINE=release", "ZUUL_REFNAME=refs/tags/v1",
        "ZUUL_NEWREV=" + SHA))));
    assertTrue(gate.allows(TriggerReader.read(env("GERRIT_EVENT_TYPE=ref-updated", "GERRIT_REFNAME=refs/tags/v1",
        "GERRIT_NEWREV=" + SHA))));
    // --event: only kind: contexts decide.
    Map<String, Boolean> kinds = new LinkedHashMap<>();
    kinds.put("patch-set", false);
    kinds.put("gate", true);
    kinds.put("post-merge", true);
    kinds.put("tag", true);
    kinds.put("manual", false);
    kinds.forEach((kind, allowed) -> assertEquals(kind, allowed, gate.allows(TriggerReader.read(
        new TriggerFlags(null, null, null, "v1", kind, null, null), Map.of()))));
    // The flag wins over the environment, both ways.
    Map<String, String> postmerge = env("ZUUL_PIPELINE=postmerge", "ZUUL_CHANGE=1");
    assertFalse(gate.allows(TriggerReader.read(new TriggerFlags(null, null, null, null, "patch-set", null, null),
        postmerge)));
    assertTrue(gate.allows(TriggerReader.read(new TriggerFlags(null, null, null, null, "gate", null, null),
        env("ZUUL_PIPELINE=test", "ZUUL_CHANGE=1"))));
    // Nothing at all, or only a change: no publishing.
    assertFalse(gate.allows(TriggerContext.none()));
    assertFalse(gate.allows(TriggerReader.read(new TriggerFlags(null, null, null, null, null, "5", null), Map.of())));
  }

  @Test
  public void aDeletedRefNeverPublishes() {
    PublishDecision decision = PublishGate.defaults().decide(TriggerReader.read(env("ZUUL_PIPELINE=publish",
        "ZUUL_REFNAME=refs/tags/v1", "ZUUL_OLDREV=" + SHA, "ZUUL_NEWREV=" + ZEROS)));
    assertEquals(new PublishDecision(false, "the event deletes refs/tags/v1: nothing to publish"), decision);
  }

  @Test
  public void reasons() {
    PublishGate gate = PublishGate.defaults();
    assertEquals(new PublishDecision(true,
            "Zuul pipeline 'gate-and-submit-l10n' (gate) is a publish context (zuul:gate-and-submit*)"),
        gate.decide(zuulChange("gate-and-submit-l10n")));
    assertEquals(new PublishDecision(false, "Zuul pipeline 'test' (patch set (test)) is not a publish context"),
        gate.decide(zuulChange("test")));
    assertEquals("SKIPPED here: Zuul pipeline 'test' (patch set (test)) is not a publish context",
        gate.decide(zuulChange("test")).line());
    assertEquals(new PublishDecision(true, "Gerrit event 'change-merged' (post-merge) is a publish context"
            + " (gerrit:change-merged)"),
        gate.decide(gerrit(GerritEventType.CHANGE_MERGED)));
    assertEquals(new PublishDecision(false, "Gerrit event 'patchset-created' (patch set (test)) is not a publish"
            + " context"),
        gate.decide(gerrit(GerritEventType.PATCHSET_CREATED)));
    assertEquals(new PublishDecision(true, "ref refs/tags/v1 is a publish context (ref:refs/tags/*)"),
        gate.decide(TriggerReader.read(env("ZUUL_PIPELINE=release", "ZUUL_REFNAME=refs/tags/v1",
            "ZUUL_NEWREV=" + SHA))));
    assertEquals(new PublishDecision(true, "--event post-merge is a publish context (kind:post-merge)"),
        gate.decide(TriggerReader.read(new TriggerFlags(null, null, null, null, "post-merge", null, null), Map.of())));
    assertEquals(new PublishDecision(false,
            "a manual run (no Zuul or Gerrit Trigger variables, no --event) is not a publish context"),
        gate.decide(TriggerContext.none()));
    assertEquals("publishes here: --event tag is a publish context (kind:tag)", gate.decide(TriggerReader.read(
        new TriggerFlags(null, null, null, "v1", "tag", null, null), Map.of())).line());
  }

  @Test
  public void configuredContexts() {
    PublishGate gate = PublishGate.parse("zuul:test*, gerrit:patchset-created kind:manual", TriggerReader.COMMAND_LINE,
        PublishGate.FLAG);
    assertEquals("zuul:test*, gerrit:patchset-created, kind:manual", gate.describe());
    assertTrue(gate.allows(zuulChange("test")));
    assertTrue(gate.allows(zuulChange("test-prio")));
    assertFalse(gate.allows(zuulChange("postmerge")));
    assertTrue(gate.allows(gerrit(GerritEventType.PATCHSET_CREATED)));
    assertFalse(gate.allows(gerrit(GerritEventType.CHANGE_MERGED)));
    assertTrue(gate.allows(TriggerContext.none()));
    assertEquals(new PublishDecision(false, "Zuul pipeline 'postmerge' (post-merge) is not a publish context of"
            + " --publish-contexts"),
        gate.decide(zuulChange("postmerge")));

    // Without a prefix: a Gerrit event type, a ref, else a Zuul pipeline glob.
    assertEquals("gerrit:change-merged, ref:refs/tags/v*, zuul:gate-*, zuul:deploy",
        PublishGate.parse("change-merged,refs/tags/v*,gate-*,deploy", TriggerReader.ENVIRONMENT, PublishGate.VARIABLE)
            .describe());
    // Kinds accept their aliases; Gerrit types their case.
    assertEquals("kind:post-merge, gerrit:ref-updated",
        PublishGate.parse("kind:postmerge,gerrit:REF-UPDATED", TriggerReader.ENVIRONMENT, PublishGate.VARIABLE)
            .describe());

    PublishGate none = PublishGate.parse("none", TriggerReader.ENVIRONMENT, PublishGate.VARIABLE);
    assertEquals("none", none.describe());
    assertFalse(none.allows(zuulChange("postmerge")));
    assertFalse(none.allows(gerrit(GerritEventType.CHANGE_MERGED)));
  }

  @Test
  public void flagThenEnvironmentThenDefaults() {
    Map<String, String> environment = Map.of(PublishGate.VARIABLE, "zuul:test");
    assertEquals("zuul:check", PublishGate.resolve("zuul:check", environment).describe());
    assertEquals(PublishGate.FLAG, PublishGate.resolve("zuul:check", environment).origin());
    assertEquals("zuul:test", PublishGate.resolve(null, environment).describe());
    assertEquals(PublishGate.VARIABLE, PublishGate.resolve(null, environment).origin());
    assertEquals(PublishGate.defaults(), PublishGate.resolve(null, Map.of(PublishGate.VARIABLE, " ")));
    assertEquals(PublishGate.DEFAULT_CONTEXTS,
        PublishGate.defaults().contexts().stream().map(Object::toString).toList());
    assertEquals("default", PublishGate.defaults().origin());
  }

  private static List<String> errors(String spec) {
    try {
      PublishGate.parse(spec, TriggerReader.ENVIRONMENT, PublishGate.VARIABLE);
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
    fail("no error for " + spec);
    return List.of();
  }

  @Test
  public void malformedContexts() {
    assertEquals(List.of("environment: MODELPIPE_PUBLISH_CONTEXTS: 'jenkins:x': unknown prefix 'jenkins:'; use zuul:,"
        + " gerrit:, ref: or kind:"), errors("jenkins:x"));
    assertEquals(List.of("environment: MODELPIPE_PUBLISH_CONTEXTS: 'kind:nightly': not an event kind; one of:"
        + " patch-set, gate, post-merge, tag, manual"), errors("kind:nightly"));
    assertTrue(errors("gerrit:merged").get(0).startsWith(
        "environment: MODELPIPE_PUBLISH_CONTEXTS: 'gerrit:merged': not a Gerrit event type; known: patchset-created,"));
    assertEquals(List.of("environment: MODELPIPE_PUBLISH_CONTEXTS: 'zuul:': nothing after 'zuul:'"), errors("zuul:"));
    assertEquals(List.of("command line: --publish-contexts: empty: give publish contexts, or 'none' to publish"
        + " nowhere"), errorsOfFlag(" , "));
    assertEquals(2, errors("x:y,kind:z").size());
  }

  private static List<String> errorsOfFlag(String spec) {
    try {
      PublishGate.resolve(spec, Map.of());
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
    fail("no error for " + spec);
    return List.of();
  }

  @Test
  public void globs() {
    assertTrue(PublishGate.glob("gate-and-submit*").matcher("gate-and-submit").matches());
    assertTrue(PublishGate.glob("v?.*").matcher("v1.2").matches());
    assertFalse(PublishGate.glob("post").matcher("postmerge").matches());
    assertFalse(PublishGate.glob("a.b").matcher("axb").matches());
  }
}
