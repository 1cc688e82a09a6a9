package io.modelpipe.lint;

import java.util.List;

/** Progress of a lint run: called from the threads running envs, so implementations synchronise. */
public interface LintListener {

  LintListener NONE = new LintListener() {};

  /** An env starts; {@code commands} as they will run. */
  default void envStarted(String env, List<String> commands) {}

  /** An env ended. */
  default void envFinished(EnvResult result) {}
}
