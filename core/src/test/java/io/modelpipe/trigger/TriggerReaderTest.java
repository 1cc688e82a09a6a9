package io.modelpipe.trigger;

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
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.Test;

/** Trigger contexts from Zuul's and Gerrit Trigger's variables and from flags: table-driven. */
public class TriggerReaderTest {

  static final String SHA = "0123456789abcdef0123456789abcdef01234567";
  static final String SHA2 = "89abcdef0123456789abcdef0123456789abcdef";
  static final String ZEROS = "0000000000000000000000000000000000000000";
  static final String CHANGE_ID = "I0123456789abcdef0123456789abcdef01234567";

  /** KEY=VALUE pairs as an ordered map. */
  static Map<String, String> env(String... pairs) {
    Map<String, String> map = new LinkedHashMap<>();
    for (String pair : pairs) {
      int eq = pair.indexOf('=');
      map.put(pair.substring(0, eq), pair.substring(eq + 1));
    }
    return map;
  }

  static TriggerFlags flags(String event, String change, String patchSet) {
    return new TriggerFlags(null, null, null, null, event, change, patchSet);
  }

  /** The facts of a context on one line, '-' for unknown. */
  static String summary(TriggerContext c) {
    return c.source() + " " + c.kind() + (c.kindFromCommandLine() ? "(--event)" : "")
        + " project=" + c.project().orElse("-")
        + " branch=" + c.branch().orElse("-")
        + " commit=" + c.commit().map(s -> s.equals(SHA) ? "SHA" : s.equals(SHA2) ? "SHA2" : s).orElse("-")
        + " tag=" + c.tag().orElse("-")
        + " change=" + c.change().map(Change::label).orElse("-")
        + " ref=" + c.ref().orElse("-");
  }

  private record Case(String name, Map<String, String> environment, TriggerFlags flags, String expected) {}

  private static Case zuul(String name, Map<String, String> environment, String expected) {
    return new Case(name, environment, TriggerFlags.NONE, expected);
  }

  private static final Map<String, String> ZUUL_CHANGE = env(
      "ZUUL_PROJECT=machinelearning/liftwing/inference-services", "ZUUL_BRANCH=master", "ZUUL_CHANGE=1234",
      "ZUUL_PATCHSET=5", "ZUUL_REF=refs/zuul/master/Z1abc", "ZUUL_COMMIT=" + SHA, "ZUUL_URL=http://zuul/p");

  private static Map<String, String> with(Map<String, String> base, String... pairs) {
    Map<String, String> map = new LinkedHashMap<>(base);
    map.putAll(env(pairs));
    return map;
  }

  private static final String ZUUL_CHANGE_FACTS = " project=machinelearning/liftwing/inference-services branch=master"
      + " commit=SHA tag=- change=1234,5 ref=refs/zuul/master/Z1abc";

  private static final Map<String, String> GERRIT_CHANGE = env(
      "GERRIT_PROJECT=a/b", "GERRIT_BRANCH=main", "GERRIT_CHANGE_NUMBER=1234", "GERRIT_PATCHSET_NUMBER=5",
      "GERRIT_PATCHSET_REVISION=" + SHA, "GERRIT_REFSPEC=refs/changes/34/1234/5", "GERRIT_CHANGE_ID=" + CHANGE_ID,
      "GERRIT_CHANGE_URL=https://gerrit.example.org/c/a/b/+/1234", "GERRIT_HOST=gerrit.example.org",
      "GERRIT_PORT=29418", "GERRIT_SCHEME=ssh", "GERRIT_NAME=example");

  private static final String GERRIT_CHANGE_FACTS =
      " project=a/b branch=main commit=SHA tag=- change=1234,5 ref=refs/changes/34/1234/5";

  private static final List<Case> CASES = List.of(
      // Zuul: the kind follows the ref, then the pipeline's name, then whether there is a change.
      zuul("zuul test pipeline", with(ZUUL_CHANGE, "ZUUL_PIPELINE=test"), "zuul patch-set" + ZUUL_CHANGE_FACTS),
      zuul("zuul check pipeline", with(ZUUL_CHANGE, "ZUUL_PIPELINE=check"), "zuul patch-set" + ZUUL_CHANGE_FACTS),
      zuul("zuul gate", with(ZUUL_CHANGE, "ZUUL_PIPELINE=gate-and-submit"), "zuul gate" + ZUUL_CHANGE_FACTS),
      zuul("zuul gate l10n", with(ZUUL_CHANGE, "ZUUL_PIPELINE=gate-and-submit-l10n"), "zuul gate" + ZUUL_CHANGE_FACTS),
      zuul("zuul postmerge (change-merged)", with(ZUUL_CHANGE, "ZUUL_PIPELINE=postmerge"),
          "zuul post-merge" + ZUUL_CHANGE_FACTS),
      zuul("zuul post: branch ref update", env("ZUUL_PIPELINE=post", "ZUUL_PROJECT=a/b",
              "ZUUL_REFNAME=refs/heads/main", "ZUUL_OLDREV=" + SHA, "ZUUL_NEWREV=" + SHA2, "ZUUL_REF=refs/heads/main"),
          "zuul post-merge project=a/b branch=main commit=SHA2 tag=- change=- ref=refs/heads/main"),
      zuul("zuul ref update with a short branch name", env("ZUUL_PIPELINE=post", "ZUUL_REFNAME=master",
              "ZUUL_NEWREV=" + SHA2),
          "zuul post-merge project=- branch=master commit=SHA2 tag=- change=- ref=master"),
      zuul("zuul publish: tag from ZUUL_REFNAME", env("ZUUL_PIPELINE=publish", "ZUUL_PROJECT=a/b",
              "ZUUL_REFNAME=refs/tags/v1.2", "ZUUL_OLDREV=" + ZEROS, "ZUUL_NEWREV=" + SHA2),
          "zuul tag project=a/b branch=- commit=SHA2 tag=v1.2 change=- ref=refs/tags/v1.2"),
      zuul("zuul tag from ZUUL_REF only", env("ZUUL_PIPELINE=release", "ZUUL_REF=refs/tags/2.0", "ZUUL_COMMIT=" + SHA),
          "zuul tag project=- branch=- commit=SHA tag=2.0 change=- ref=refs/tags/2.0"),
      zuul("zuul periodic: no change, no ref update", env("ZUUL_PIPELINE=periodic", "ZUUL_PROJECT=a/b",
              "ZUUL_BRANCH=master", "ZUUL_REF=refs/zuul/master/Zp", "ZUUL_COMMIT=" + SHA),
          "zuul manual project=a/b branch=master commit=SHA tag=- change=- ref=refs/zuul/master/Zp"),
      zuul("zuul tag deleted: no commit", env("ZUUL_PIPELINE=publish", "ZUUL_REFNAME=refs/tags/v1",
              "ZUUL_OLDREV=" + SHA, "ZUUL_NEWREV=" + ZEROS),
          "zuul tag project=- branch=- commit=- tag=v1 change=- ref=refs/tags/v1"),

      // Gerrit Trigger: the kind follows GERRIT_EVENT_TYPE.
      zuul("gerrit patchset-created", with(GERRIT_CHANGE, "GERRIT_EVENT_TYPE=patchset-created"),
          "gerrit-trigger patch-set" + GERRIT_CHANGE_FACTS),
      zuul("gerrit comment-added (recheck)", with(GERRIT_CHANGE, "GERRIT_EVENT_TYPE=comment-added"),
          "gerrit-trigger patch-set" + GERRIT_CHANGE_FACTS),
      zuul("gerrit change-merged: the merged commit", with(GERRIT_CHANGE, "GERRIT_EVENT_TYPE=change-merged",
              "GERRIT_NEWREV=" + SHA2),
          "gerrit-trigger post-merge project=a/b branch=main commit=SHA2 tag=- change=1234,5 ref=refs/changes/34/1234/5"),
      zuul("gerrit change-merged without GERRIT_NEWREV", with(GERRIT_CHANGE, "GERRIT_EVENT_TYPE=change-merged"),
          "gerrit-trigger post-merge" + GERRIT_CHANGE_FACTS),
      zuul("gerrit change-abandoned", with(GERRIT_CHANGE, "GERRIT_EVENT_TYPE=change-abandoned"),
          "gerrit-trigger manual" + GERRIT_CHANGE_FACTS),
      zuul("gerrit ref-updated branch", env("GERRIT_EVENT_TYPE=ref-updated", "GERRIT_PROJECT=a/b",
              "GERRIT_REFNAME=refs/heads/main", "GERRIT_OLDREV=" + SHA, "GERRIT_NEWREV=" + SHA2),
          "gerrit-trigger post-merge project=a/b branch=main commit=SHA2 tag=- change=- ref=refs/heads/main"),
      zuul("gerrit ref-updated tag", env("GERRIT_EVENT_TYPE=ref-updated", "GERRIT_PROJECT=a/b",
              "GERRIT_REFNAME=refs/tags/v2", "GERRIT_OLDREV=" + ZEROS, "GERRIT_NEWREV=" + SHA2),
          "gerrit-trigger tag project=a/b branch=- commit=SHA2 tag=v2 change=- ref=refs/tags/v2"),
      zuul("gerrit ref-updated of another ref", env("GERRIT_EVENT_TYPE=ref-updated", "GERRIT_PROJECT=a/b",
              "GERRIT_REFNAME=refs/meta/config", "GERRIT_NEWREV=" + SHA2),
          "gerrit-trigger manual project=a/b branch=- commit=SHA2 tag=- change=- ref=refs/meta/config"),

      // Both, agreeing: Zuul's describe the run.
      zuul("zuul and gerrit agreeing", with(with(ZUUL_CHANGE, "ZUUL_PIPELINE=gate-and-submit"),
              "GERRIT_EVENT_TYPE=comment-added", "GERRIT_PROJECT=machinelearning/liftwing/inference-services",
              "GERRIT_BRANCH=master", "GERRIT_CHANGE_NUMBER=1234", "GERRIT_PATCHSET_NUMBER=5"),
          "zuul gate" + ZUUL_CHANGE_FACTS),

      // Flags.
      new Case("nothing", Map.of(), TriggerFlags.NONE,
          "none manual project=- branch=- commit=- tag=- change=- ref=-"),
      new Case("--change and --patchset", Map.of(), flags(null, "7", "2"),
          "command-line patch-set project=- branch=- commit=- tag=- change=7,2 ref=-"),
      new Case("--event post-merge", Map.of(), flags("post-merge", null, null),
          "command-line post-merge(--event) project=- branch=- commit=- tag=- change=- ref=-"),
      new Case("--event tag --tag", Map.of(), new TriggerFlags(null, null, null, "refs/tags/v9", "tag", null, null),
          "command-line tag(--event) project=- branch=- commit=- tag=v9 change=- ref=-"),
      new Case("--event postmerge alias", Map.of(), flags("POSTMERGE", null, null),
          "command-line post-merge(--event) project=- branch=- commit=- tag=- change=- ref=-"),
      new Case("--change over the environment's", with(ZUUL_CHANGE, "ZUUL_PIPELINE=test"), flags(null, "99", null),
          "zuul patch-set project=machinelearning/liftwing/inference-services branch=master commit=SHA tag=-"
              + " change=99 ref=refs/zuul/master/Z1abc"),
      new Case("--patchset over the environment's", with(ZUUL_CHANGE, "ZUUL_PIPELINE=test"), flags(null, null, "6"),
          "zuul patch-set project=machinelearning/liftwing/inference-services branch=master commit=SHA tag=-"
              + " change=1234,6 ref=refs/zuul/master/Z1abc"),
      new Case("--event over the environment's", with(ZUUL_CHANGE, "ZUUL_PIPELINE=postmerge"),
          flags("patch-set", null, null), "zuul patch-set(--event)" + ZUUL_CHANGE_FACTS),
      new Case("setup flags over the environment's", with(ZUUL_CHANGE, "ZUUL_PIPELINE=test"),
          new TriggerFlags("https://gerrit.example.org/r/c/d.git", "abc", "dev", "t1", null, null, null),
          "zuul patch-set project=c/d branch=dev commit=abc tag=t1 change=1234,5 ref=refs/zuul/master/Z1abc"));

  @Test
  public void contexts() {
    for (Case c : CASES) {
      TriggerContext context;
      try {
        context = TriggerReader.read(c.flags(), c.environment());
      } catch (InvalidInputException e) {
        throw new AssertionError(c.name() + ": " + e.getMessage(), e);
      }
      assertEquals(c.name(), c.expected(), summary(context));
    }
  }

  @Test
  public void gerritDetailsOfTheChange() {
    TriggerContext context = TriggerReader.read(with(GERRIT_CHANGE, "GERRIT_EVENT_TYPE=patchset-created"));
    Change change = context.change().orElseThrow();
    assertEquals(new Change(1234, OptionalInt.of(5), Optional.of(SHA), Optional.of(CHANGE_ID),
        Optional.of("https://gerrit.example.org/c/a/b/+/1234")), change);
    assertEquals(SHA, change.revisionId());
    assertEquals(Optional.of(GerritEventType.PATCHSET_CREATED), context.gerritEvent());
    assertEquals(new GerritProvider(Optional.of("example"), Optional.of("gerrit.example.org"), OptionalInt.of(29418),
        Optional.of("ssh"), Optional.empty()), context.gerritProvider().orElseThrow());
    assertEquals("Gerrit Trigger event 'patchset-created': patch set (test), change 1234,5, branch main",
        context.describe());
  }

  @Test
  public void zuulAndGerritAgreeingCombineTheirFacts() {
    TriggerContext context = TriggerReader.read(with(with(ZUUL_CHANGE, "ZUUL_PIPELINE=gate-and-submit"),
        "GERRIT_EVENT_TYPE=comment-added", "GERRIT_CHANGE_NUMBER=1234", "GERRIT_PATCHSET_NUMBER=5",
        "GERRIT_PATCHSET_REVISION=" + SHA2, "GERRIT_CHANGE_ID=" + CHANGE_ID));
    assertEquals(TriggerSource.ZUUL, context.source());
    assertEquals(Optional.of("gate-and-submit"), context.zuulPipeline());
    assertEquals(Optional.of(SHA), context.commit()); // Zuul's merge commit is what is built
    assertEquals(Optional.of(SHA2), context.change().orElseThrow().revision()); // the patch set's, for the review
    assertEquals(Optional.of(CHANGE_ID), context.change().orElseThrow().changeId());
    assertEquals(Optional.of(GerritEventType.COMMENT_ADDED), context.gerritEvent());
    assertEquals(Optional.of("http://zuul/p"), context.zuulUrl());
  }

  @Test
  public void zuulChangeWithoutRevisionIsReviewedByPatchSetNumber() {
    Change change = TriggerReader.read(with(ZUUL_CHANGE, "ZUUL_PIPELINE=test")).change().orElseThrow();
    assertEquals("5", change.revisionId());
    assertEquals("current", Change.of(3, OptionalInt.empty()).revisionId());
  }

  @Test
  public void refUpdates() {
    TriggerContext created = TriggerReader.read(env("ZUUL_PIPELINE=publish", "ZUUL_REFNAME=refs/tags/v1",
        "ZUUL_OLDREV=" + ZEROS, "ZUUL_NEWREV=" + SHA));
    assertFalse(created.refDeleted());
    assertEquals(Optional.of(ZEROS), created.oldRevision());
    TriggerContext deleted = TriggerReader.read(env("ZUUL_PIPELINE=publish", "ZUUL_REFNAME=refs/tags/v1",
        "ZUUL_OLDREV=" + SHA, "ZUUL_NEWREV=" + ZEROS));
    assertTrue(deleted.refDeleted());
    assertTrue(deleted.commit().isEmpty());
    assertEquals("Zuul pipeline 'publish': tag, tag v1, ref deleted", deleted.describe());
  }

  @Test
  public void descriptions() {
    assertEquals("none: manual (no Zuul or Gerrit Trigger variables, no --event)", TriggerContext.none().describe());
    assertEquals("Zuul pipeline 'test': patch set (test), change 1234,5, branch master",
        TriggerReader.read(with(ZUUL_CHANGE, "ZUUL_PIPELINE=test")).describe());
    assertEquals("Zuul pipeline 'postmerge': patch set (test) (--event), change 1234,5, branch master",
        TriggerReader.read(flags("patch-set", null, null), with(ZUUL_CHANGE, "ZUUL_PIPELINE=postmerge")).describe());
    assertEquals("command line: post-merge", TriggerReader.read(flags("post-merge", null, null), Map.of()).describe());
    assertEquals("Gerrit Trigger event 'ref-updated': post-merge, ref refs/heads/main, branch main",
        TriggerReader.read(env("GERRIT_EVENT_TYPE=ref-updated", "GERRIT_REFNAME=refs/heads/main",
            "GERRIT_NEWREV=" + SHA)).describe());
  }

  @Test
  public void blankVariablesAreUnset() {
    assertEquals(TriggerContext.none(), TriggerReader.read(env("ZUUL_PROJECT= ", "GERRIT_CHANGE_NUMBER=")));
  }

  // --- errors: one line each, naming the variable or flag ---

  private static List<String> errors(TriggerFlags flags, Map<String, String> environment) {
    try {
      TriggerReader.read(flags, environment);
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
    fail("no error for " + environment + " " + flags);
    return List.of();
  }

  private static List<String> errors(Map<String, String> environment) {
    return errors(TriggerFlags.NONE, environment);
  }

  @Test
  public void malformedZuulValues() {
    assertEquals(List.of("environment: ZUUL_CHANGE: 'abc' is not a change number (a positive integer)"),
        errors(env("ZUUL_CHANGE=abc")));
    assertEquals(List.of("environment: ZUUL_PATCHSET: '0' is not a patch set number (a positive integer)"),
        errors(env("ZUUL_CHANGE=12", "ZUUL_PATCHSET=0")));
    assertEquals(List.of("environment: ZUUL_PATCHSET: is set but ZUUL_CHANGE is not"),
        errors(env("ZUUL_PATCHSET=3")));
    assertEquals(List.of("environment: ZUUL_COMMIT: 'HEAD' is not a git revision (7 to 64 hex digits)"),
        errors(env("ZUUL_PROJECT=a", "ZUUL_COMMIT=HEAD")));
    assertEquals(List.of("environment: ZUUL_CHANGE: '-4' is not a change number (a positive integer)"),
        errors(env("ZUUL_CHANGE=-4")));
    assertEquals(List.of("environment: ZUUL_CHANGE: '99999999999' is not a change number (a positive integer)"),
        errors(env("ZUUL_CHANGE=99999999999")));
  }

  @Test
  public void malformedGerritValues() {
    assertEquals(List.of("environment: GERRIT_CHANGE_NUMBER: '12a' is not a change number (a positive integer)"),
        errors(env("GERRIT_CHANGE_NUMBER=12a")));
    assertEquals(List.of("environment: GERRIT_EVENT_TYPE: 'patchset-uploaded' is not a Gerrit event type; known:"
            + " patchset-created, draft-published, change-abandoned, change-merged, change-restored, comment-added,"
            + " ref-updated, ref-replicated, ref-replication-done, patchset-notified, project-created, topic-changed,"
            + " reviewer-added, merge-failed, private-state-changed, wip-state-changed, hashtags-changed, vote-deleted,"
            + " rerun-check"),
        errors(env("GERRIT_EVENT_TYPE=patchset-uploaded")));
    assertEquals(List.of("environment: GERRIT_CHANGE_ID: 'I123' is not a Change-Id (I and 40 lowercase hex digits)"),
        errors(env("GERRIT_CHANGE_NUMBER=1", "GERRIT_CHANGE_ID=I123")));
    assertEquals(List.of("environment: GERRIT_PORT: 'ssh' is not a port number (1 to 65535)"),
        errors(env("GERRIT_HOST=h", "GERRIT_PORT=ssh")));
    assertEquals(List.of("environment: GERRIT_REFSPEC: 'refs/changes/34/1234/6' disagrees with"
            + " GERRIT_PATCHSET_NUMBER '5'"),
        errors(with(GERRIT_CHANGE, "GERRIT_REFSPEC=refs/changes/34/1234/6")));
    assertEquals(List.of("environment: GERRIT_CHANGE_NUMBER: missing: a patchset-created event is about a change"),
        errors(env("GERRIT_EVENT_TYPE=patchset-created", "GERRIT_PROJECT=a")));
    assertEquals(List.of("environment: GERRIT_REFNAME: missing: a ref-updated event names the updated ref"),
        errors(env("GERRIT_EVENT_TYPE=ref-updated", "GERRIT_PROJECT=a")));
  }

  @Test
  public void zuulAndGerritDisagreeing() {
    assertEquals(List.of(
            "environment: GERRIT_CHANGE_NUMBER: '1235' disagrees with ZUUL_CHANGE '1234': Zuul's and Gerrit Trigger's"
                + " variables must describe the same event",
            "environment: GERRIT_PROJECT: 'other/project' disagrees with ZUUL_PROJECT"
                + " 'machinelearning/liftwing/inference-services': Zuul's and Gerrit Trigger's variables must describe"
                + " the same event"),
        errors(with(ZUUL_CHANGE, "GERRIT_PROJECT=other/project", "GERRIT_CHANGE_NUMBER=1235")));
    assertEquals(List.of("environment: GERRIT_REFNAME: 'refs/tags/v2' disagrees with ZUUL_REFNAME 'refs/tags/v1':"
            + " Zuul's and Gerrit Trigger's variables must describe the same event"),
        errors(env("ZUUL_REFNAME=refs/tags/v1", "GERRIT_REFNAME=refs/tags/v2")));
    // A short branch name and its full ref agree.
    TriggerReader.read(env("ZUUL_REFNAME=master", "GERRIT_REFNAME=refs/heads/master"));
  }

  @Test
  public void malformedFlags() {
    assertEquals(List.of("command line: --change: 'abc' is not a change number (a positive integer)"),
        errors(flags(null, "abc", null), Map.of()));
    assertEquals(List.of("command line: --patchset: needs --change (no change in the environment)"),
        errors(flags(null, null, "2"), Map.of()));
    assertEquals(List.of("command line: --event: 'nightly' is not an event kind; one of: patch-set, gate,"
            + " post-merge, tag, manual"),
        errors(flags("nightly", null, null), Map.of()));
    assertEquals(List.of("command line: --event: 'tag' needs a tag: give --tag NAME (the environment names none)"),
        errors(flags("tag", null, null), Map.of()));
  }

  @Test
  public void everyProblemAtOnce() {
    assertEquals(List.of(
            "command line: --change: 'x' is not a change number (a positive integer)",
            "environment: GERRIT_PORT: '0' is not a port number (1 to 65535)",
            "environment: ZUUL_CHANGE: 'abc' is not a change number (a positive integer)"),
        errors(flags(null, "x", null), env("ZUUL_CHANGE=abc", "GERRIT_PORT=0")));
  }
}
