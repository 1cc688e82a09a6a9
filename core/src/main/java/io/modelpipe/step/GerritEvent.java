package io.modelpipe.step;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The Gerrit event that started a build (Gerrit Trigger's {@code GerritCause}), as plain values:
 * it fills the {@code GERRIT_*} variables the job did not export, so the engine sees the change,
 * patch set and event type either way. Null fields are unknown.
 *
 * @param type the event type as Gerrit names it, e.g. {@code patchset-created}, {@code change-merged}, {@code ref-updated}
 * @param project the Gerrit project
 * @param branch the change's branch
 * @param changeNumber the change number
 * @param patchSetNumber the patch set number
 * @param revision the patch set's commit
 * @param refspec the patch set's ref, {@code refs/changes/NN/N/P}
 * @param changeId the Change-Id
 * @param changeUrl the change's web address
 * @param refName for {@code ref-updated}: the ref
 * @param oldRevision for {@code ref-updated}: the ref's old commit
 * @param newRevision for {@code ref-updated} and {@code change-merged}: the new commit
 */
public record GerritEvent(String type, String project, String branch, Integer changeNumber, Integer patchSetNumber,
    String revision, String refspec, String changeId, String changeUrl, String refName, String oldRevision,
    String newRevision) {

  /** The variables Gerrit Trigger exports for this event, for the known fields only. */
  public Map<String, String> variables() {
    Map<String, String> env = new LinkedHashMap<>();
    put(env, "GERRIT_EVENT_TYPE", type);
    put(env, "GERRIT_PROJECT", project);
    put(env, "GERRIT_BRANCH", branch);
    put(env, "GERRIT_CHANGE_NUMBER", changeNumber);
    put(env, "GERRIT_PATCHSET_NUMBER", patchSetNumber);
    put(env, "GERRIT_PATCHSET_REVISION", revision);
    put(env, "GERRIT_REFSPEC", refspec);
    put(env, "GERRIT_CHANGE_ID", changeId);
    put(env, "GERRIT_CHANGE_URL", changeUrl);
    put(env, "GERRIT_REFNAME", refName);
    put(env, "GERRIT_OLDREV", oldRevision);
    put(env, "GERRIT_NEWREV", newRevision);
    return env;
  }

  /** The build's environment with this event's variables added where the build has none. */
  public Map<String, String> fill(Map<String, String> buildEnvironment) {
    Map<String, String> env = new LinkedHashMap<>(buildEnvironment);
    variables().forEach(env::putIfAbsent);
    return env;
  }

  private static void put(Map<String, String> env, String name, Object value) {
    if (value != null && !value.toString().isBlank()) {
      env.put(name, value.toString());
    }
  }
}
