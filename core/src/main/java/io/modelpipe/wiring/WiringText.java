package io.modelpipe.wiring;

import io.modelpipe.wiring.ProjectWiring.PipelineWiring;
import java.util.List;

/**
 * The entries of integration/config as text, in the house style of its files: the JJB
 * {@code project} block, Zuul's {@code jobs:} entries and {@code projects:} entry, and job
 * templates that run modelpipe.
 */
public final class WiringText {

  /** The parameters of the real pipeline job templates, after {@code PLIB_PIPELINE}. */
  static final List<String> ZUUL_PARAMETERS =
      List.of("ZUUL_URL", "ZUUL_PROJECT", "ZUUL_COMMIT", "ZUUL_REF", "ZUUL_CHANGE", "ZUUL_PATCHSET");

  /** The id of the job template {@link #templates()} prints. */
  public static final String MODELPIPE_TEMPLATE = "modelpipe-{name}-pipeline-{pipeline}";

  static final String TRIGGER_TEMPLATE = "trigger-{name}-pipeline-{pipeline}";
  static final String PIPELINE_TEMPLATE = "{name}-pipeline-{pipeline}";

  private WiringText() {}

  /** The JJB {@code project} block of {@code jjb/project-pipelines.yaml}. */
  public static String jjb(ProjectWiring wiring) {
    StringBuilder text = new StringBuilder("- project:\n");
    wiring.zuulProject().ifPresent(p -> text.append("    # ").append(p).append('\n'));
    text.append("    name: ").append(wiring.name()).append('\n');
    text.append("    pipeline:\n");
    for (String pipeline : wiring.names()) {
      text.append("      - ").append(pipeline).append('\n');
    }
    text.append("    jobs:\n");
    text.append(jobComments(wiring, true, "      "));
    text.append("      - '").append(TRIGGER_TEMPLATE).append("'\n");
    text.append(jobComments(wiring, false, "      "));
    text.append("      - '").append(PIPELINE_TEMPLATE).append("'\n");
    return text.toString();
  }

  /** The comment lines naming each job a template expands to, at {@code indent}. */
  static String jobComments(ProjectWiring wiring, boolean trigger, String indent) {
    StringBuilder text = new StringBuilder();
    for (String pipeline : wiring.names()) {
      text.append(indent).append("# ")
          .append(trigger ? wiring.triggerJob(pipeline) : wiring.pipelineJob(pipeline)).append('\n');
    }
    return text.toString();
  }

  /** Zuul's {@code jobs:} entries with their filters, then the {@code projects:} entry. */
  public static String zuul(ProjectWiring wiring) {
    StringBuilder text = new StringBuilder("jobs:\n");
    for (PipelineWiring pipeline : wiring.pipelines()) {
      text.append(jobEntry(wiring, pipeline, "  "));
    }
    text.append("\nprojects:\n");
    text.append("  - name: ").append(wiring.zuulProject().orElse("<the Gerrit project: --zuul-project>")).append('\n');
    for (String zuulPipeline : ProjectWiring.ZUUL_PIPELINES) {
      text.append(zuulPipelineList(wiring, zuulPipeline, "    "));
    }
    return text.toString();
  }

  /** {@code - name: ^JOB$} with its {@code files:}, items at {@code indent}. */
  static String jobEntry(ProjectWiring wiring, PipelineWiring pipeline, String indent) {
    StringBuilder text = new StringBuilder();
    text.append(indent).append("- name: ").append(jobNameRegex(wiring, pipeline.pipeline())).append('\n');
    text.append(indent).append("  files:\n");
    text.append(filesItems(pipeline.files(), indent + "      "));
    return text.toString();
  }

  /** The {@code files:} items, one quoted regex a line. */
  static String filesItems(List<String> files, String indent) {
    StringBuilder text = new StringBuilder();
    for (String regex : files) {
      text.append(indent).append("- ").append(quoted(regex)).append('\n');
    }
    return text.toString();
  }

  /** {@code ^trigger-NAME-pipeline-P$}: anchored, so it never applies to a job whose name it prefixes. */
  static String jobNameRegex(ProjectWiring wiring, String pipeline) {
    return "^" + ZuulFilters.literal(wiring.triggerJob(pipeline)) + "$";
  }

  /** {@code test:} and its trigger jobs; empty when none belongs there. */
  static String zuulPipelineList(ProjectWiring wiring, String zuulPipeline, String indent) {
    List<String> jobs = jobsIn(wiring, zuulPipeline);
    if (jobs.isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder(indent).append(zuulPipeline).append(":\n");
    for (String job : jobs) {
      text.append(indent).append("  - ").append(job).append('\n');
    }
    return text.toString();
  }

  /** The trigger jobs that belong in a Zuul pipeline, in config order. */
  static List<String> jobsIn(ProjectWiring wiring, String zuulPipeline) {
    return wiring.pipelines().stream()
        .filter(p -> p.zuulPipelines().contains(zuulPipeline))
        .map(p -> wiring.triggerJob(p.pipeline()))
        .toList();
  }

  /** A YAML single-quoted scalar. */
  static String quoted(String text) {
    return "'" + text.replace("'", "''") + "'";
  }

  /**
   * A JJB job template for {@code jjb/}: the {@code {name}-pipeline-{pipeline}} pipeline job,
   * with the parameters of the real templates, whose {@code dsl} runs the pipeline with the
   * plugin's {@code modelpipeRun} step instead of PipelineLib. Its {@code id} differs from the
   * PipelineLib template's, so a project lists it for the pipelines it moves.
   */
  public static String templates() {
    StringBuilder text = new StringBuilder();
    text.append("""
        # Runs a pipeline of .pipeline/config.yaml with modelpipe's Jenkins plugin instead of
        # PipelineLib (printed by `modelpipe wiring --templates`). The job keeps its name, its
        # parameters and its trigger job; a project moves pipelines one at a time by listing them
        # under this template's id:
        #
        #   jobs:
        #     - 'trigger-{name}-pipeline-{pipeline}'
        #     - '{name}-pipeline-{pipeline}':
        #         pipeline: [outlink]           # still PipelineLib
        #     - 'modelpipe-{name}-pipeline-{pipeline}':
        #         pipeline: [outlink-publish]   # moved to modelpipe
        - job-template:
            id: 'modelpipe-{name}-pipeline-{pipeline}'
            name: '{name}-pipeline-{pipeline}'
            project-type: pipeline
            parameters:
              - string:
                  name: PLIB_PIPELINE
                  description: >-
                    Name of a specific project pipeline to execute as
                    defined in the project's .pipeline/config.yaml
                  default: '{pipeline}'
        """);
    for (String parameter : ZUUL_PARAMETERS) {
      text.append("      - string:\n          name: ").append(parameter).append('\n');
    }
    text.append("""
            # Credential ids a run step may use (ids only; the binding type PipelineLib's
            # templates give is not needed): these plus the project's or pipeline's own.
            globalAllowedCredentials: {}
            dsl: !j2: |
              // The change's checkout, as Zuul prepared it.
              node('{{ modelpipeAgents | default('productionAgents') }}') {
                checkout([$class: 'GitSCM',
                  userRemoteConfigs: [[url: params.ZUUL_URL + '/' + params.ZUUL_PROJECT, refspec: params.ZUUL_REF]],
                  branches: [[name: params.ZUUL_COMMIT]]])
                // Publishing, promoting and deploying follow ZUUL_PIPELINE as PipelineLib's do:
                // only gate-and-submit*, postmerge, post and publish (modelpipe's publish gate).
                // affected: the pipeline runs only when the change feeds it (Zuul's filter names
                // .pipeline/config.yaml whole; modelpipe compares the pipeline's own entry).
                modelpipeRun(
                  pipelines: [params.PLIB_PIPELINE],
                  affected: true,
                  allowedCredentials: {{ ((globalAllowedCredentials | default({}) | list) + (allowedCredentials | default({}) | list)) | unique | list | tojson }})
              }
        """);
    return text.toString();
  }
}
