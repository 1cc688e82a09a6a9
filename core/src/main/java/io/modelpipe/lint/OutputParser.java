package io.modelpipe.lint;

/** Reads one command's output into findings; lines it does not recognise are kept verbatim. */
public interface OutputParser {

  /**
   * @param stdout the command's standard output (or both streams, merged)
   * @param stderr the command's standard error; empty when merged into {@code stdout}
   * @param paths how to make the printed paths project-relative
   */
  ParsedOutput parse(String stdout, String stderr, ToolPaths paths);

  /** The tool's name as findings carry it. */
  String tool();
}
