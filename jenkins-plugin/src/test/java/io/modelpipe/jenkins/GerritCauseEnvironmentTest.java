package io.modelpipe.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import com.sonyericsson.hudson.plugins.gerrit.trigger.hudsontrigger.GerritCause;
import com.sonymobile.tools.gerrit.gerritevents.dto.attr.Change;
import com.sonymobile.tools.gerrit.gerritevents.dto.attr.PatchSet;
import com.sonymobile.tools.gerrit.gerritevents.dto.events.PatchsetCreated;
import hudson.model.CauseAction;
import java.util.Map;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class GerritCauseEnvironmentTest {

  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void aGerritCauseSuppliesTheChangePatchSetAndEventWhenTheJobExportsNoParameters() throws Exception {
    WorkflowRun run = buildStartedBy(patchsetCreated("4242", "3"));
    Map<String, String> environment = GerritCauseEnvironment.of(run, Map.of("BUILD_NUMBER", "1"));
    assertEquals("1", environment.get("BUILD_NUMBER"));
    assertEquals("4242", environment.get("GERRIT_CHANGE_NUMBER"));
    assertEquals("3", environment.get("GERRIT_PATCHSET_NUMBER"));
    assertEquals("patchset-created", environment.get("GERRIT_EVENT_TYPE"));
    assertEquals("machinelearning/liftwing/inference-services", environment.get("GERRIT_PROJECT"));
    assertEquals("refs/changes/42/4242/3", environment.get("GERRIT_REFSPEC"));
  }

  @Test
  public void exportedParametersWin() throws Exception {
    WorkflowRun run = buildStartedBy(patchsetCreated("4242", "3"));
    Map<String, String> environment = GerritCauseEnvironment.of(run, Map.of("GERRIT_PATCHSET_NUMBER", "4"));
    assertEquals("4", environment.get("GERRIT_PATCHSET_NUMBER"));
    assertEquals("4242", environment.get("GERRIT_CHANGE_NUMBER"));
  }

  @Test
  public void aBuildWithoutAGerritCauseGetsNothing() throws Exception {
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "manual");
    job.setDefinition(new CpsFlowDefinition("echo 'manual'", true));
    Map<String, String> environment = GerritCauseEnvironment.of(r.buildAndAssertSuccess(job), Map.of());
    assertTrue(environment.toString(), environment.isEmpty());
  }

  private WorkflowRun buildStartedBy(PatchsetCreated event) throws Exception {
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "gerrit-" + event.getChange().getNumber());
    job.setDefinition(new CpsFlowDefinition("echo 'started by Gerrit'", true));
    return r.assertBuildStatusSuccess(job.scheduleBuild2(0, new CauseAction(new GerritCause(event, false))));
  }

  private static PatchsetCreated patchsetCreated(String change, String patchSet) {
    Change c = new Change();
    c.setNumber(change);
    c.setId("I0123456789abcdef0123456789abcdef01234567");
    c.setProject("machinelearning/liftwing/inference-services");
    c.setBranch("master");
    PatchSet p = new PatchSet();
    p.setNumber(patchSet);
    p.setRevision("0123456789abcdef0123456789abcdef01234567");
    p.setRef("refs/changes/42/" + change + "/" + patchSet);
    PatchsetCreated event = new PatchsetCreated();
    event.setChange(c);
    event.setPatchset(p);
    return event;
  }
}
