package io.modelpipe.result;

import java.util.Objects;

/**
 * The {@code ${setup.*}} values a run used (empty strings where a value is unknown).
 *
 * @param project the Gerrit project path, e.g. {@code machinelearning/liftwing/inference-services}
 * @param commit the commit under test
 * @param branch the branch
 * @param tag the git tag being built, or empty
 * @param timestamp the run's timestamp, UTC {@code yyyy-MM-dd-HHmmss}
 */
public record RunSetup(String project, String commit, String branch, String tag, String timestamp) {

  public RunSetup {
    Objects.requireNonNull(project, "project");
    Objects.requireNonNull(commit, "commit");
    Objects.requireNonNull(branch, "branch");
    Objects.requireNonNull(tag, "tag");
    Objects.requireNonNull(timestamp, "timestamp");
  }
}
