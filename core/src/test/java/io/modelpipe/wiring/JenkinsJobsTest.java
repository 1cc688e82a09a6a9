package io.modelpipe.wiring;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.cli.Main;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Debian's Jenkins Job Builder ({@code jenkins-jobs test}) renders the project block of {@code
 * wiring --jjb} with job templates of integration/config's shape and those of {@code --templates},
 * one pipeline moved to modelpipe as the README says.
 */
public class JenkinsJobsTest {

  static final Path JENKINS_JOBS = Path.of("/usr/bin/jenkins-jobs");
  static final List<String> PIPELINES = List.of(
      "outlink", "outlink-publish", "revertrisk", "revertrisk-publish", "articlequality", "articlequality-publish");
  static final List<String> PARAMETERS =
      List.of("PLIB_PIPELINE", "ZUUL_URL", "ZUUL_PROJECT", "ZUUL_COMMIT", "ZUUL_REF", "ZUUL_CHANGE", "ZUUL_PATCHSET");

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void theGeneratedBlockRendersBothJobsOfEveryPipelineWithTheTemplatesDsl() throws Exception {
    Assume.assumeTrue("skipped: jenkins-jobs is not installed (Debian's jenkins-job-builder; bin/setup-debian)",
        Files.isExecutable(JENKINS_JOBS));
    Path jjb = temp.newFolder("jjb").toPath();
    for (String file : List.of("service-pipeline.yaml", "service-pipeline-builder.groovy")) {
      Files.copy(WiringCommandTest.FIXTURE.resolve("jjb").resolve(file), jjb.resolve(file));
    }
    String templates = wiring("--templates");
    Files.writeString(jjb.resolve("modelpipe-pipeline.yaml"), templates);
    String block = wiring("--jjb", "--zuul-project", "machinelearning/liftwing/inference-services")
        .replaceFirst("^# jjb/project-pipelines.yaml\n", "");
    // outlink-publish moves to modelpipe, job by job, with a credential of its own
    String moved = block.replace("      - '{name}-pipeline-{pipeline}'\n",
        "      - '{name}-pipeline-{pipeline}':\n"
            + "          pipeline: [outlink, revertrisk, revertrisk-publish, articlequality, articlequality-publish]\n"
            + "      - 'modelpipe-{name}-pipeline-{pipeline}':\n"
            + "          pipeline:\n"
            + "            - outlink-publish:\n"
            + "                allowedCredentials:\n"
            + "                  REGISTRY_PUSH: StringBinding\n");
    assertTrue(moved, !moved.equals(block));
    Files.writeString(jjb.resolve("project-pipelines.yaml"), moved);

    Path out = temp.newFolder("out").toPath();
    Process process = new ProcessBuilder(JENKINS_JOBS.toString(), "test", "-o", out.toString(), jjb.toString())
        .redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue("jenkins-jobs test did not finish", process.waitFor(5, TimeUnit.MINUTES));
    assertEquals(log, 0, process.exitValue());

    try (var files = Files.list(out)) {
      assertEquals(2 * PIPELINES.size(), files.count());
    }
    for (String pipeline : PIPELINES) {
      String trigger = Files.readString(out.resolve("trigger-inference-services-pipeline-" + pipeline));
      String job = Files.readString(out.resolve("inference-services-pipeline-" + pipeline));
      for (String xml : List.of(trigger, job)) {
        for (String parameter : PARAMETERS) {
          assertTrue(parameter, xml.contains("<name>" + parameter + "</name>"));
        }
        assertTrue(xml, xml.contains("<defaultValue>" + pipeline + "</defaultValue>"));
      }
      assertTrue(trigger, trigger.contains("<projects>inference-services-pipeline-" + pipeline + "</projects>"));
      assertTrue(trigger, trigger.contains("<assignedNode>productionAgents</assignedNode>"));
      assertTrue(job, job.contains("<flow-definition"));
      if (pipeline.equals("outlink-publish")) {
        assertTrue(job, job.contains("modelpipeRun(\n    pipelines: [params.PLIB_PIPELINE],\n    affected: true,\n"
            + "    allowedCredentials: [&quot;REGISTRY_PUSH&quot;])"));
        assertTrue(job, job.contains("checkout([$class: 'GitSCM',"));
        assertTrue(job, !job.contains("PipelineBuilder"));
      } else {
        assertTrue(job, job.contains("PipelineBuilder"));
        assertTrue(job, !job.contains("modelpipeRun"));
      }
    }
  }

  private static String wiring(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    String[] all = new String[args.length + 4];
    all[0] = "wiring";
    all[1] = ZuulFiltersExactTest.EXAMPLES.toString();
    all[2] = "--name";
    all[3] = "inference-services";
    System.arraycopy(args, 0, all, 4, args.length);
    int code = Main.run(all, new PrintWriter(out), new PrintWriter(err), Map.of());
    assertEquals(err.toString(), 0, code);
    return out.toString();
  }
}
