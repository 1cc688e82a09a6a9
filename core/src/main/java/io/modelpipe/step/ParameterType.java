package io.modelpipe.step;

/** The type of a step parameter, as a Jenkinsfile gives it. */
public enum ParameterType {
  /** A string. */
  STRING,
  /** {@code true} or {@code false}. */
  BOOLEAN,
  /** A whole number. */
  INTEGER,
  /** A list of strings; a single string is a list of one. */
  STRING_LIST,
  /** A map of string keys to strings or numbers, e.g. {@code [Verified: 1]}. */
  STRING_MAP,
  /** The id of a Jenkins credential. */
  CREDENTIALS_ID,
  /** The map a previous {@code modelpipeRun} returned. */
  RESULT
}
