package io.modelpipe.jenkins;

import hudson.AbortException;
import hudson.EnvVars;
import hudson.FilePath;
import hudson.Launcher;
import hudson.Proc;
import hudson.model.Result;
import hudson.model.Run;
import hudson.model.TaskListener;
import hudson.slaves.WorkspaceList;
import io.modelpipe.step.StepCommand;
import io.modelpipe.step.StepInvocation;
import io.modelpipe.step.StepOutcome;
import io.modelpipe.step.StepParameterException;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.jenkinsci.plugins.workflow.steps.StepContext;
import org.jenkinsci.plugins.workflow.steps.SynchronousNonBlockingStepExecution;

/**
 * Runs one step as {@code java -jar ENGINE ARGS} on the agent, in the workspace. The CPS thread is not
 * blocked; aborting the build interrupts this execution's thread, which kills the process (the
 * engine removes its containers on the signal).
 */
final class ModelpipeExecution extends SynchronousNonBlockingStepExecution<Object> {

  private static final long serialVersionUID = 1L;

  private final String functionName;
  private final Map<String, Object> values;

  ModelpipeExecution(StepContext context, String functionName, Map<String, Object> values) {
    super(context);
    this.functionName = functionName;
    this.values = values;
  }

  @Override
  protected Object run() throws Exception {
    StepContext context = getContext();
    Run<?, ?> run = context.get(Run.class);
    TaskListener listener = context.get(TaskListener.class);
    FilePath workspace = context.get(FilePath.class);
    EnvVars buildEnvironment = context.get(EnvVars.class);
    StepSpec spec = StepSpecs.named(functionName);

    Map<String, String> environment = new TreeMap<>(GerritCauseEnvironment.of(run, buildEnvironment));
    StepInvocation invocation;
    try {
      invocation = StepInvocation.builder(spec).parameters(values).defaults(ModelpipeConfiguration.get().defaults())
          .workspace(workspace.getRemote()).environment(environment).build();
    } catch (StepParameterException e) {
      throw new AbortException(e.getMessage()); // names the step already
    }

    FilePath temp = WorkspaceList.tempDir(workspace);
    if (temp == null) {
      throw new AbortException(functionName + ": the workspace " + workspace.getRemote() + " has no temporary folder");
    }
    temp.mkdirs();
    FilePath engine = EngineCopy.onAgent(temp, listener);
    FilePath resultFile = temp.child("modelpipe-result-" + UUID.randomUUID() + ".json");
    StepCommand command = invocation.command(StepCredentials.lookUp(invocation.credentialRequests(), run, listener),
        resultFile.getRemote());

    List<String> commandLine = new ArrayList<>(List.of(javaCommand(buildEnvironment), "-jar", engine.getRemote()));
    commandLine.addAll(command.arguments());
    environment.putAll(command.environment());
    MaskedLog log = new MaskedLog(listener.getLogger(), command.secrets());
    Launcher.ProcStarter starter = context.get(Launcher.class).launch().cmds(commandLine).envs(environment)
        .pwd(workspace.child(command.workingDirectory())).stdout(log);
    command.standardInput().ifPresent(text -> starter.stdin(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))));

    int exitCode = join(starter.start());
    log.flush();
    String resultJson = resultFile.exists() ? resultFile.readToString() : null;
    resultFile.delete();

    StepOutcome outcome = StepOutcome.of(invocation, exitCode, resultJson, log.tail());
    outcome.summary().ifPresent(summary -> ModelpipeAction.addTo(run, summary));
    switch (outcome.status()) {
      case SUCCESS:
        return outcome.returnValue();
      case UNSTABLE:
        listener.getLogger().println(outcome.message());
        run.setResult(Result.UNSTABLE);
        return outcome.returnValue();
      default:
        throw new ModelpipeStepException(outcome.message(), outcome.returnValue());
    }
  }

  /** Waits for the engine; when this thread is interrupted (the build aborted), kills it first. */
  private static int join(Proc process) throws Exception {
    try {
      return process.join();
    } catch (InterruptedException e) {
      process.kill();
      throw e;
    }
  }

  /** The agent's Java: {@code JAVA_HOME/bin/java} when the build's environment sets JAVA_HOME, else {@code java}. */
  private static String javaCommand(EnvVars environment) {
    String javaHome = environment.get("JAVA_HOME");
    return javaHome == null || javaHome.isBlank() ? "java" : javaHome + "/bin/java";
  }
}
