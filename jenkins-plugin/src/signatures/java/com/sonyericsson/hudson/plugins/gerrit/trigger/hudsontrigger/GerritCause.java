// Compile-only declaration from jenkinsci/gerrit-trigger-plugin 3.1983.v57096fe9923c, src/main/java/com/sonyericsson/hudson/plugins/gerrit/trigger/hudsontrigger/GerritCause.java
package com.sonyericsson.hudson.plugins.gerrit.trigger.hudsontrigger;

import com.sonymobile.tools.gerrit.gerritevents.dto.events.GerritTriggeredEvent;
import hudson.triggers.SCMTrigger.SCMTriggerCause;

public class GerritCause extends SCMTriggerCause {
    public GerritTriggeredEvent getEvent() { throw new UnsupportedOperationException(); }

    public String getUrl() { throw new UnsupportedOperationException(); }
}
