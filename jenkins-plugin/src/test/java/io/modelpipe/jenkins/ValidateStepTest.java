package io.modelpipe.jenkins;

import static org.junit.Assert.assertNull;

import hudson.FilePath;
import hudson.model.Result;
import org.jenkinsci.plugins.workflow.cps.CpsFlowDefinition;
import org.jenkinsci.plugins.workflow.job.WorkflowJob;
import org.jenkinsci.plugins.workflow.job.WorkflowRun;
import org.junit.Rule;
import org.junit.Test;
import org.jvnet.hudson.test.JenkinsRule;

public class ValidateStepTest {

  @Rule public JenkinsRule r = new JenkinsRule();

  @Test
  public void aValidRepositoryReturnsValidWithoutErrors() throws Exception {
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "validate");
    new FilePath(Agent.exampleRepository()).copyRecursiveTo(r.jenkins.getWorkspaceFor(job));
    job.setDefinition(new CpsFlowDefinition(
        "node {\n"
            + "  def result = modelpipeValidate(dir: '.')\n"
            + "  echo \"valid=${result.valid} errors=${result.errors.size()}\"\n"
            + "}", true));
    WorkflowRun run = r.buildAndAssertSuccess(job);
    r.assertLogContains("valid=true errors=0", run);
    assertNull("validate has nothing for the build page", run.getAction(ModelpipeAction.class));
  }

  @Test
  public void anInvalidConfigFailsWithItsLocatedErrorsAndStillReturnsThemToATrustedCatch() throws Exception {
    WorkflowJob job = r.jenkins.createProject(WorkflowJob.class, "invalid");
    job.setDefinition(new CpsFlowDefinition(
        "node {\n"
            + "  writeFile file: '.pipeline/config.yaml', text: 'pipelines:\\n  svc:\\n    stages: nope\\n'\n"
            + "  try {\n"
            + "    modelpipeValidate()\n"
            + "  } catch (e) {\n"
            + "    echo \"caught valid=${e.result.valid} errors=${e.result.errors.size()}\"\n"
            + "    throw e\n"
            + "  }\n"
            + "}", false));
    WorkflowRun run = r.buildAndAssertStatus(Result.FAILURE, job);
    r.assertLogContains("modelpipeValidate: invalid input", run);
    r.assertLogContains(".pipeline/config.yaml:3:", run);
    r.assertLogContains("caught valid=false errors=", run);
  }
}
