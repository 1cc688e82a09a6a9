package io.modelpipe.step;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.Test;

/**
 * Every Jenkinsfile of the repository calls only steps and parameters core declares, checked by
 * parsing it with Groovy 2.4 as Jenkins does.
 */
public class JenkinsfilesTest {

  private static final Path REPOSITORY = Path.of("..").toAbsolutePath().normalize();

  private static List<Path> jenkinsfiles() throws IOException {
    try (Stream<Path> files = Files.walk(REPOSITORY)) {
      return files.filter(Files::isRegularFile)
          .filter(p -> {
            String name = p.getFileName().toString();
            return name.equals("Jenkinsfile") || name.startsWith("Jenkinsfile.") || name.endsWith(".jenkinsfile");
          })
          .filter(p -> {
            Path relative = REPOSITORY.relativize(p);
            for (Path part : relative) {
              String text = part.toString();
              if (text.equals("target") || text.equals(".git") || text.equals("node_modules")) {
                return false;
              }
            }
            return true;
          })
          .sorted().toList();
    }
  }

  @Test
  public void everyJenkinsfileCallsOnlyDeclaredStepsAndParameters() throws IOException {
    List<Path> files = jenkinsfiles();
    assertTrue("the root Jenkinsfile and the example's: " + files,
        files.contains(REPOSITORY.resolve("Jenkinsfile"))
            && files.contains(REPOSITORY.resolve("examples/inference-services/Jenkinsfile")));
    List<String> problems = new ArrayList<>();
    int calls = 0;
    for (Path file : files) {
      String text = Files.readString(file);
      problems.addAll(JenkinsfileChecker.check(REPOSITORY.relativize(file).toString(), text));
      calls += text.split("modelpipe[A-Z]", -1).length - 1;
    }
    assertEquals(String.join("\n", problems), List.of(), problems);
    System.err.println("JenkinsfilesTest: " + files.size() + " Jenkinsfiles, " + calls + " modelpipe step calls checked");
  }

  @Test
  public void unknownStepsParametersAndBrokenGroovyAreReportedWithTheirLines() {
    String jenkinsfile = String.join("\n",
        "pipeline {",
        "  agent any",
        "  stages {",
        "    stage('ci') {",
        "      steps {",
        "        script {",
        "          def r = modelpipeRun(affected: true, pipeline: 'outlink')",
        "          modelpipeDeploy(target: 'prod')",
        "          modelpipeReview(result: r, gerritUrl: 'https://g/', vote: 1)",
        "          modelpipeLint('outlink')",
        "          modelpipePublish(image: r.images[0].id, name: 'n', tags: ['t'])",
        "        }",
        "      }",
        "    }",
        "  }",
        "}",
        "node { modelpipeValidate dir: '.', strict: true }",
        "node { modelpipeRun(affected: 'yes', jobs: 2, labels: ['Verified=1'], pipelines: 'outlink', since: \"${env.X}\") }",
        "");
    assertEquals(List.of(
        "Jenkinsfile:7: modelpipeRun: no parameter 'pipeline'; it takes pipelines, affected, since, registry,"
            + " registryCredentialsId, gerritUrl, gerritCredentialsId, allowedCredentials, labels, baseMap, network, jobs",
        "Jenkinsfile:8: no step 'modelpipeDeploy'; modelpipe's steps are modelpipeValidate, modelpipeLint, modelpipeBuild,"
            + " modelpipePublish, modelpipeRun, modelpipeReview",
        "Jenkinsfile:9: modelpipeReview: no parameter 'vote'; it takes result, gerritUrl, gerritCredentialsId, labels",
        "Jenkinsfile:10: modelpipeLint: an unnamed argument (outlink); name the parameters, e.g. modelpipeLint(dir: ...)",
        "Jenkinsfile:17: modelpipeValidate: no parameter 'strict'; it takes dir",
        "Jenkinsfile:18: modelpipeRun: parameter 'affected' takes true or false, found yes",
        "Jenkinsfile:18: modelpipeRun: parameter 'labels' takes a map such as [key: 'value'], found [Verified=1]"),
        JenkinsfileChecker.check("Jenkinsfile", jenkinsfile));
    List<String> broken = JenkinsfileChecker.check("Jenkinsfile", "node {\n  modelpipeRun(affected: true\n}\n");
    assertEquals(1, broken.size());
    assertTrue(broken.get(0), broken.get(0).startsWith("Jenkinsfile: not valid Groovy: "));
  }
}
