package io.modelpipe.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class ReviewStepTest {

  private static final String HTTP_PASSWORD = "gerrit-http-pass-31337";

  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void aGerritThatCannotBeReachedFailsTheStepNamingItAndNeverShowsThePassword() throws Exception {
    Agent.addCredentials(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "gerrit", "", "ci-bot", HTTP_PASSWORD));
    ModelpipeConfiguration.get().setGerritUrl("http://127.0.0.1:9/r/");
    ModelpipeConfiguration.get().setGerritCredentialsId("gerrit");
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "review");
    job.setDefinition(new CpsFlowDefinition(
        "node {\n"
            + "  def result = [format: 1, status: 'SUCCESS', pipelines: [],\n"
            + "      setup: [project: 'inference-services', commit: 'abc123', branch: 'master', tag: '', timestamp: '20260101-000000'],\n"
            + "      trigger: [kind: 'patch-set', change: 4242, patchset: 3, project: 'machinelearning/liftwing/inference-services']]\n"
            + "  modelpipeReview(result: result, labels: [Verified: 1])\n"
            + "}", true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("modelpipeReview: Gerrit is unavailable", run);
    r.assertLogContains("cannot reach Gerrit at http://127.0.0.1:9/r/", run);
    r.assertLogNotContains(HTTP_PASSWORD, run);
  }

  @Test
  public void aReviewNeedsAResult() throws Exception {
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "no-result");
    job.setDefinition(new CpsFlowDefinition("node { modelpipeReview(result: null) }", true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("result", run);
  }
}
