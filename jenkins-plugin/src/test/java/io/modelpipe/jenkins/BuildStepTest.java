package io.modelpipe.jenkins;

import hudson.FilePath;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class BuildStepTest {

  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void buildsAVariantAndReturnsItsImageId() throws Exception {
    Agent.assumeDockerEngine();
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "build");
    new FilePath(Agent.exampleRepository()).copyRecursiveTo(r.jenkins.getWorkspaceFor(job));
    job.setDefinition(new CpsFlowDefinition(
        "node {\n"
            + "  def id = modelpipeBuild(blubber: '.pipeline/outlink/blubber.yaml', variant: 'test', tags: ['local/outlink:jenkins-test'])\n"
            + "  echo \"image=${id}\"\n"
            + "  if (!(id ==~ /sha256:[0-9a-f]{64}/)) { error \"not an image ID: ${id}\" }\n"
            + "}", true));
    WorkflowRun run = r.buildAndAssertSuccess(job);
    r.assertLogContains("image=sha256:", run);
  }

  @Test
  public void aStageAndABlubberFileTogetherAreInvalidInput() throws Exception {
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "both");
    job.setDefinition(new CpsFlowDefinition(
        "node { modelpipeBuild(pipeline: 'outlink', stage: 'production', blubber: 'b.yaml', variant: 'test') }", true));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("modelpipeBuild", run);
    r.assertLogContains("blubber", run);
  }
}
