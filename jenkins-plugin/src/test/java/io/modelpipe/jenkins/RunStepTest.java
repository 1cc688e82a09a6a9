package io.modelpipe.jenkins;

import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertNotNull;
import static org.junit.Assert.assertTrue;

import com.cloudbees.plugins.credentials.CredentialsScope;
import hudson.FilePath;
import hudson.model.Result;
import hudson.util.Secret;
import org.jenkinsci.plugins.plaincredentials.impl.StringCredentialsImpl;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class RunStepTest {

  private static final String TOKEN = "deploy-secret-0815";

  /** One pipeline whose test stage runs with a credential: the config of a change under test. */
  private static final String CONFIG = "pipelines:\n"
      + "  outlink:\n"
      + "    blubberfile: outlink/blubber.yaml\n"
      + "    stages:\n"
      + "      - name: run-test\n"
      + "        build: test\n"
      + "        run:\n"
      + "          credentials:\n"
      + "            - id: deploy-token\n"
      + "              name: DEPLOY_TOKEN\n";

  @Rule public JenkinsRule r = new JenkinsRule();

  private WorkflowJob job;

  @Before
  public void workspaceWithTheConfigAndACredentialTheJobCanSee() throws Exception {
    Agent.addCredentials(new StringCredentialsImpl(CredentialsScope.GLOBAL, "deploy-token", "", Secret.fromString(TOKEN)));
    job = r.jenkins.createProject(WorkflowJob.class, "run");
    FilePath workspace = r.jenkins.getWorkspaceFor(job);
    new FilePath(Agent.exampleRepository()).copyRecursiveTo(workspace);
    workspace.child(".pipeline/config.yaml").write(CONFIG, "UTF-8");
  }

  @Test
  public void aCredentialOffTheAllowListFailsAsInvalidInputBeforeAnythingRuns() throws Exception {
    job.setDefinition(new CpsFlowDefinition("node { modelpipeRun(pipelines: ['outlink']) }", true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("modelpipeRun: invalid input", run);
    r.assertLogContains("credential 'deploy-token' (for DEPLOY_TOKEN), which this job does not allow", run);
    r.assertLogNotContains(TOKEN, run);
    assertFalse("nothing ran, so nothing for the build page",
        run.getAction(ModelpipeAction.class) != null && !run.getAction(ModelpipeAction.class).getStages().isEmpty());
  }

  @Test
  public void theGlobalAllowListLetsTheConfigUseTheCredential() throws Exception {
    ModelpipeConfiguration.get().setAllowedCredentials("deploy-token");
    job.setDefinition(new CpsFlowDefinition("node { modelpipeRun(pipelines: ['outlink']) }", true));
    WorkflowRun run = job.scheduleBuild2(0).get();
    r.assertLogNotContains("which this job does not allow", run);
    r.assertLogNotContains(TOKEN, run);
  }

  @Test
  public void aRunReturnsItsResultAndFillsTheBuildPage() throws Exception {
    Agent.assumeDockerEngine();
    job.setDefinition(new CpsFlowDefinition(
        "node {\n"
            + "  def result = modelpipeRun(pipelines: ['outlink'], allowedCredentials: ['deploy-token'], jobs: 2)\n"
            + "  echo \"status=${result.status} stages=${result.stages.size()} first=${result.stages[0].stage}\"\n"
            + "}", true));
    WorkflowRun run = r.buildAndAssertSuccess(job);
    r.assertLogContains("status=SUCCESS stages=1 first=run-test", run);
    r.assertLogNotContains(TOKEN, run);
    ModelpipeAction action = run.getAction(ModelpipeAction.class);
    assertNotNull(action);
    assertTrue(action.getStages().get(0).get("stage").equals("run-test"));
    String page = r.createWebClient().getPage(run, "modelpipe").asNormalizedText();
    assertTrue(page, page.contains("run-test"));
  }
}
