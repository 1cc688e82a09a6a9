package io.modelpipe.step;

import static io.modelpipe.step.ParameterType.BOOLEAN;
import static io.modelpipe.step.ParameterType.CREDENTIALS_ID;
import static io.modelpipe.step.ParameterType.INTEGER;
import static io.modelpipe.step.ParameterType.RESULT;
import static io.modelpipe.step.ParameterType.STRING;
import static io.modelpipe.step.ParameterType.STRING_LIST;
import static io.modelpipe.step.ParameterType.STRING_MAP;
import static io.modelpipe.step.StepParameter.optional;
import static io.modelpipe.step.StepParameter.required;

import java.util.List;

/** Every Pipeline step modelpipe offers, with its parameters: the one list the plugin and the checks read. */
public final class StepSpecs {

  private StepSpecs() {}

  private static StepParameter registry() {
    return optional("registry", STRING, null,
        "Registry and optional namespace to publish to, HOST[:PORT][/NAMESPACE]. Default: the global configuration's.");
  }

  private static StepParameter registryCredentialsId() {
    return optional("registryCredentialsId", CREDENTIALS_ID, null,
        "Id of a username/password credential for the registry. Default: the global configuration's; none pushes anonymously.");
  }

  private static StepParameter gerritUrl() {
    return optional("gerritUrl", STRING, null,
        "Gerrit's base URL, e.g. https://gerrit.wikimedia.org/r/. Default: the global configuration's.");
  }

  private static StepParameter gerritCredentialsId() {
    return optional("gerritCredentialsId", CREDENTIALS_ID, null,
        "Id of a username/password credential (Gerrit HTTP password) or a secret text (a token) for Gerrit."
            + " Default: the global configuration's.");
  }

  private static StepParameter labels() {
    return optional("labels", STRING_MAP, null,
        "Votes to post with the review, e.g. [Verified: 1]. Default: none.");
  }

  public static final StepSpec VALIDATE = new StepSpec("modelpipeValidate", "Validate a modelpipe repository", "validate",
      List.of(
          optional("dir", STRING, ".",
              "Repository root holding .pipeline/config.yaml, relative to the workspace.")));

  public static final StepSpec LINT = new StepSpec("modelpipeLint", "Lint a Python project (tox envs)", "lint",
      List.of(
          optional("dir", STRING, ".", "Project directory holding tox.ini, relative to the workspace."),
          optional("envs", STRING_LIST, null, "The tox envs to run. Default: tox.ini's envlist."),
          optional("inImage", BOOLEAN, false,
              "Build the project's test variant and run tox inside it instead of on the agent."),
          optional("pipeline", STRING, null,
              "With inImage: the pipeline of .pipeline/config.yaml whose Blubber file to build."),
          optional("junit", STRING, "modelpipe-reports/lint-junit.xml",
              "Where to write JUnit XML for the junit step, relative to the workspace; empty for none."),
          optional("checkstyle", STRING, "modelpipe-reports/lint-checkstyle.xml",
              "Where to write checkstyle XML for recordIssues, relative to the workspace; empty for none."),
          optional("unstableOnFindings", BOOLEAN, false,
              "Mark the build UNSTABLE instead of failing the step when the only problem is lint findings.")));

  public static final StepSpec BUILD = new StepSpec("modelpipeBuild", "Build an image with modelpipe", "build",
      List.of(
          optional("pipeline", STRING, null, "The pipeline whose stage to build (with stage)."),
          optional("stage", STRING, null, "The stage of that pipeline whose build step to run."),
          optional("blubber", STRING, null, "A Blubber file to build a variant of (instead of pipeline and stage)."),
          optional("variant", STRING, null, "With blubber: the variant to build."),
          optional("context", STRING, null, "With blubber: the build context directory. Default: the workspace."),
          optional("tags", STRING_LIST, null, "Local tags for the image, e.g. local/outlink:test.")));

  public static final StepSpec PUBLISH = new StepSpec("modelpipePublish", "Publish an image to a registry", "publish",
      List.of(
          required("image", STRING, "The image to publish: an ID (sha256:...) or a local name."),
          required("name", STRING, "The image name in the registry, e.g. outlink or team/outlink."),
          required("tags", STRING_LIST, "The tags to push; every tag must resolve to one digest."),
          registry(),
          registryCredentialsId()));

  public static final StepSpec RUN = new StepSpec("modelpipeRun", "Run modelpipe pipelines", "run",
      List.of(
          optional("pipelines", STRING_LIST, null, "The pipelines to run. Default: every pipeline of the config."),
          optional("affected", BOOLEAN, false, "Run only the pipelines the change under test affects."),
          optional("since", STRING, null,
              "With affected: compare the working tree with this revision (e.g. origin/master) instead of the trigger's commit with its parent."),
          registry(),
          registryCredentialsId(),
          gerritUrl(),
          gerritCredentialsId(),
          optional("allowedCredentials", STRING_LIST, null,
              "Credential ids that run steps of the config may use, besides the global configuration's list. Any other id fails the run before anything runs."),
          labels(),
          optional("baseMap", STRING_MAP, null,
              "Base images to build from instead, e.g. ['docker-registry.wikimedia.org/bookworm:latest': 'local/bookworm:latest']. Default: the global configuration's."),
          optional("network", STRING, null, "The Docker network for builds and run steps, e.g. host."),
          optional("jobs", INTEGER, null, "Stages that may run at once. Default: the agent's processors, at least 2.")));

  public static final StepSpec REVIEW = new StepSpec("modelpipeReview", "Post a modelpipe result to Gerrit", "gerrit comment",
      List.of(
          required("result", RESULT, "The map a modelpipeRun step returned."),
          gerritUrl(),
          gerritCredentialsId(),
          labels()));

  private static final List<StepSpec> ALL = List.of(VALIDATE, LINT, BUILD, PUBLISH, RUN, REVIEW);

  /** Every step, in the order the documentation lists them. */
  public static List<StepSpec> all() {
    return ALL;
  }

  /**
   * The step a Jenkinsfile calls by this name.
   *
   * @throws IllegalArgumentException when there is none
   */
  public static StepSpec named(String functionName) {
    return ALL.stream().filter(s -> s.functionName().equals(functionName)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no step '" + functionName + "'; modelpipe's steps are "
            + String.join(", ", ALL.stream().map(StepSpec::functionName).toList())));
  }
}
