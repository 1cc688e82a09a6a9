package io.modelpipe.jenkins;

import static org.junit.Assume.assumeTrue;

import com.cloudbees.plugins.credentials.Credentials;
import com.cloudbees.plugins.credentials.SystemCredentialsProvider;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** What the tests' agent (the JenkinsRule's built-in node) offers, and shared set-up. */
final class Agent {

  private Agent() {}

  /** The example monorepo of this project, copied into a job's workspace by tests that need it. */
  static File exampleRepository() {
    File example = new File(System.getProperty("basedir", "."), "../examples/inference-services");
    assumeTrue("the example repository is not at " + example, new File(example, ".pipeline/config.yaml").isFile());
    return example;
  }

  /** Skips the test, saying why, when no Docker Engine is reachable. */
  static void assumeDockerEngine() {
    boolean engine = System.getenv("DOCKER_HOST") != null || Files.exists(Path.of("/var/run/docker.sock"));
    assumeTrue("no Docker Engine on this agent (DOCKER_HOST unset, no /var/run/docker.sock)", engine);
  }

  /** Skips the test, saying why, when a program the engine runs is not on the PATH. */
  static void assumeOnPath(String program) {
    boolean found = false;
    for (String dir : System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)) {
      found |= Files.isExecutable(Path.of(dir, program));
    }
    assumeTrue(program + " is not on the PATH", found);
  }

  static void addCredentials(Credentials... credentials) throws IOException {
    SystemCredentialsProvider provider = SystemCredentialsProvider.getInstance();
    for (Credentials credential : credentials) {
      provider.getCredentials().add(credential);
    }
    provider.save();
  }
}
