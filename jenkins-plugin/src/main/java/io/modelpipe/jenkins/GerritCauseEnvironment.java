package io.modelpipe.jenkins;

import com.sonyericsson.hudson.plugins.gerrit.trigger.hudsontrigger.GerritCause;
import com.sonymobile.tools.gerrit.gerritevents.dto.attr.Change;
import com.sonymobile.tools.gerrit.gerritevents.dto.attr.PatchSet;
import com.sonymobile.tools.gerrit.gerritevents.dto.events.ChangeBasedEvent;
import com.sonymobile.tools.gerrit.gerritevents.dto.events.GerritTriggeredEvent;
import hudson.model.Run;
import java.util.Map;

/**
 * The Gerrit event that started the build, as the {@code GERRIT_*} variables Gerrit Trigger exports,
 * for jobs that do not export them. Variables already set win.
 */
final class GerritCauseEnvironment {

  private GerritCauseEnvironment() {}

  static void addTo(Run<?, ?> run, Map<String, String> environment) {
    try {
      FromCause.addTo(run, environment);
    } catch (LinkageError gerritTriggerNotInstalled) {
      // gerrit-trigger is an optional dependency: without it no build has a GerritCause
    }
  }

  /** Separate, so its Gerrit Trigger types load only when called. */
  private static final class FromCause {

    @SuppressWarnings("deprecation") // Change.getNumber: Gerrit Trigger's own GERRIT_CHANGE_NUMBER comes from it
    static void addTo(Run<?, ?> run, Map<String, String> environment) {
      GerritCause cause = run.getCause(GerritCause.class);
      GerritTriggeredEvent event = cause == null ? null : cause.getEvent();
      if (event == null) {
        return;
      }
      put(environment, "GERRIT_EVENT_TYPE", event.getEventType() == null ? null : event.getEventType().getTypeValue());
      if (event instanceof ChangeBasedEvent changeEvent) {
        Change change = changeEvent.getChange();
        if (change != null) {
          put(environment, "GERRIT_CHANGE_NUMBER", change.getNumber());
          put(environment, "GERRIT_CHANGE_ID", change.getId());
          put(environment, "GERRIT_PROJECT", change.getProject());
          put(environment, "GERRIT_BRANCH", change.getBranch());
          put(environment, "GERRIT_CHANGE_URL", change.getUrl());
        }
        PatchSet patchSet = changeEvent.getPatchSet();
        if (patchSet != null) {
          put(environment, "GERRIT_PATCHSET_NUMBER", patchSet.getNumber());
          put(environment, "GERRIT_PATCHSET_REVISION", patchSet.getRevision());
          put(environment, "GERRIT_REFSPEC", patchSet.getRef());
        }
      }
      put(environment, "GERRIT_CHANGE_URL", cause.getUrl());
    }

    private static void put(Map<String, String> environment, String name, String value) {
      if (value != null && !value.isBlank()) {
        environment.putIfAbsent(name, value);
      }
    }
  }
}
