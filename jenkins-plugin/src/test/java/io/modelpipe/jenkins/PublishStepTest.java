package io.modelpipe.jenkins;

import com.cloudbees.plugins.credentials.CredentialsScope;
import com.cloudbees.plugins.credentials.impl.UsernamePasswordCredentialsImpl;
import hudson.model.Result;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class PublishStepTest {

  private static final String PASSWORD = "registry-pass-4711";

  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void aRegistryThatCannotBeReachedFailsTheStepAndTheLogNeverShowsThePassword() throws Exception {
    Agent.addCredentials(new UsernamePasswordCredentialsImpl(CredentialsScope.GLOBAL, "registry", "", "ci", PASSWORD));
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "publish");
    job.setDefinition(new CpsFlowDefinition(
        "node {\n"
            + "  modelpipePublish(image: 'sha256:" + "0".repeat(64) + "', name: 'outlink', tags: ['t1'],\n"
            + "      registry: '127.0.0.1:9/wikimedia', registryCredentialsId: 'registry')\n"
            + "}", true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("modelpipePublish:", run);
    r.assertLogNotContains(PASSWORD, run);
  }

  @Test
  public void aCredentialIdNoCredentialHasFailsBeforeTheEngineRuns() throws Exception {
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "missing");
    job.setDefinition(new CpsFlowDefinition(
        "node { modelpipePublish(image: 'local/outlink', name: 'outlink', tags: ['t1'], registryCredentialsId: 'nope') }",
        true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("no credential 'nope' (registryCredentialsId)", run);
  }

  @Test
  public void aSecretTextIsNotARegistryCredential() throws Exception {
    Agent.addCredentials(new StringCredentialsImpl(CredentialsScope.GLOBAL, "token", "", Secret.fromString("t0ken-9")));
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "kind");
    job.setDefinition(new CpsFlowDefinition(
        "node { modelpipePublish(image: 'local/outlink', name: 'outlink', tags: ['t1'], registryCredentialsId: 'token') }",
        true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("credential 'token' (registryCredentialsId) must be a username with password", run);
    r.assertLogNotContains("t0ken-9", run);
  }
}
