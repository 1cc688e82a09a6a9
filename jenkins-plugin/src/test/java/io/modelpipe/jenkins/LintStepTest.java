package io.modelpipe.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import hudson.FilePath;
import hudson.model.Result;
import java.util.List;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.jenkinsci.plugins.workflow.steps.StepConfigTester;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class LintStepTest {

  @Rule public JenkinsRule r = new JenkinsRule();

  private static final String PROJECT = ""
      + "  writeFile file: 'svc/tox.ini', text: '[tox]\\nenvlist = flake8\\nskipsdist = true\\n\\n"
      + "[testenv:flake8]\\ndeps = flake8\\ncommands = flake8 model_server\\n'\n"
      + "  writeFile file: 'svc/model_server/app.py', text: 'import os\\n'\n";

  @Test
  public void findingsMarkTheBuildUnstableAndLeaveReportsForJunitAndRecordIssues() throws Exception {
    Agent.assumeOnPath("flake8");
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "lint");
    job.setDefinition(new CpsFlowDefinition("node {\n" + PROJECT
        + "  def lint = modelpipeLint(dir: 'svc', envs: ['flake8'], unstableOnFindings: true)\n"
        + "  echo \"findings=${lint.findings} junit=${lint.reports.junit}\"\n"
        + "}", true));
    WorkflowRun run = r.buildAndAssertStatus(Result.UNSTABLE, job);
    r.assertLogContains("F401", run);
    r.assertLogContains("junit=modelpipe-reports/lint-junit.xml", run);
    FilePath workspace = r.jenkins.getWorkspaceFor(job);
    assertTrue(workspace.child("modelpipe-reports/lint-junit.xml").readToString().contains("<testsuite"));
    assertTrue(workspace.child("modelpipe-reports/lint-checkstyle.xml").readToString().contains("<checkstyle"));
    ModelpipeAction action = run.getAction(ModelpipeAction.class);
    assertNotNull("lint counts go to the build page", action);
    assertTrue(action.getLintFindings() > 0);
  }

  @Test
  public void findingsFailTheStepUnlessAskedOtherwise() throws Exception {
    Agent.assumeOnPath("flake8");
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "lint-fails");
    job.setDefinition(new CpsFlowDefinition("node {\n" + PROJECT + "  modelpipeLint(dir: 'svc', envs: ['flake8'])\n}", true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("modelpipeLint:", run);
  }

  @Test
  public void declaredDefaultsAreLeftOutSoSnippetsStayShort() throws Exception {
    LintStep step = new LintStep();
    step.setDir(".");
    step.setJunit("modelpipe-reports/lint-junit.xml");
    step.setInImage(false);
    step.setEnvs(List.of(" ", ""));
    LintStep back = new StepConfigTester(r).configRoundTrip(step);
    assertEquals(null, back.getDir());
    assertEquals(null, back.getJunit());
    assertEquals(null, back.getEnvs());
  }

  @Test
  public void theSnippetGeneratorFormKeepsEveryFormField() throws Exception {
    LintStep step = new LintStep();
    step.setDir("svc");
    step.setEnvs(List.of("flake8", "black"));
    step.setInImage(true);
    step.setPipeline("outlink");
    step.setJunit("reports/junit.xml");
    step.setCheckstyle("reports/checkstyle.xml");
    step.setUnstableOnFindings(true);
    LintStep back = new StepConfigTester(r).configRoundTrip(step);
    assertEquals("svc", back.getDir());
    assertEquals(List.of("flake8", "black"), back.getEnvs());
    assertTrue(back.isInImage());
    assertEquals("outlink", back.getPipeline());
    assertEquals("reports/junit.xml", back.getJunit());
    assertEquals("reports/checkstyle.xml", back.getCheckstyle());
    assertTrue(back.isUnstableOnFindings());
  }
}
