package io.modelpipe.config;

/**
 * A string of a stage that PipelineLib interpolates, kept while the stage is read so that its
 * variables can be checked once the whole pipeline (its stages and graph) is known.
 *
 * @param step the step it belongs to (one of {@link Stage#STEPS}, or {@code notify})
 * @param defaulted true when it is PipelineLib's default, not written in the config
 */
record TemplateField(String keyPath, String template, String step, boolean defaulted, Kind kind) {

  /** What kind of value the string holds, for the static image name and tag checks. */
  enum Kind { PLAIN, IMAGE_NAME, IMAGE_TAG }
}
