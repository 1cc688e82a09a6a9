package io.modelpipe.jenkins;

import com.sonyericsson.hudson.plugins.gerrit.trigger.hudsontrigger.GerritCause;
import com.sonymobile.tools.gerrit.gerritevents.dto.attr.Change;
import com.sonymobile.tools.gerrit.gerritevents.dto.attr.PatchSet;
import com.sonymobile.tools.gerrit.gerritevents.dto.attr.RefUpdate;
import com.sonymobile.tools.gerrit.gerritevents.dto.events.ChangeBasedEvent;
import com.sonymobile.tools.gerrit.gerritevents.dto.events.ChangeMerged;
import com.sonymobile.tools.gerrit.gerritevents.dto.events.GerritTriggeredEvent;
import com.sonymobile.tools.gerrit.gerritevents.dto.events.RefUpdated;
import hudson.model.Run;
import io.modelpipe.step.GerritEvent;
import java.util.Map;

/**
 * The Gerrit event that started the build (Gerrit Trigger's {@code GerritCause}), as core's
 * {@link GerritEvent}: it adds the {@code GERRIT_*} variables a job did not export.
 */
final class GerritCauseEnvironment {

  private GerritCauseEnvironment() {}

  /** The build's environment, with the variables of the build's Gerrit event where it has none. */
  static Map<String, String> of(Run<?, ?> run, Map<String, String> buildEnvironment) {
    try {
      GerritEvent event = FromCause.of(run);
      return event == null ? buildEnvironment : event.fill(buildEnvironment);
    } catch (LinkageError gerritTriggerNotInstalled) {
      return buildEnvironment; // an optional dependency: without it no build has a GerritCause
    }
  }

  /** Separate, so its Gerrit Trigger types load only when called. */
  private static final class FromCause {

    @SuppressWarnings("deprecation") // Change.getNumber: Gerrit Trigger's own GERRIT_CHANGE_NUMBER comes from it
    static GerritEvent of(Run<?, ?> run) {
      GerritCause cause = run.getCause(GerritCause.class);
      GerritTriggeredEvent event = cause == null ? null : cause.getEvent();
      if (event == null) {
        return null;
      }
      Change change = event instanceof ChangeBasedEvent c ? c.getChange() : null;
      PatchSet patchSet = event instanceof ChangeBasedEvent c ? c.getPatchSet() : null;
      RefUpdate ref = event instanceof RefUpdated r ? r.getRefUpdate() : null;
      String newRevision = event instanceof ChangeMerged merged ? merged.getNewRev() : ref == null ? null : ref.getNewRev();
      String changeUrl = change != null && change.getUrl() != null ? change.getUrl() : cause.getUrl();
      return new GerritEvent(event.getEventType() == null ? null : event.getEventType().getTypeValue(),
          change != null ? change.getProject() : ref == null ? null : ref.getProject(),
          change == null ? null : change.getBranch(),
          change == null ? null : number(change.getNumber()),
          patchSet == null ? null : number(patchSet.getNumber()),
          patchSet == null ? null : patchSet.getRevision(),
          patchSet == null ? null : patchSet.getRef(),
          change == null ? null : change.getId(),
          changeUrl,
          ref == null ? null : ref.getRefName(),
          ref == null ? null : ref.getOldRev(),
          newRevision);
    }

    private static Integer number(String text) {
      return text != null && text.matches("[0-9]{1,9}") ? Integer.valueOf(text) : null;
    }
  }
}
