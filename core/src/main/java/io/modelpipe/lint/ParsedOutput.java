package io.modelpipe.lint;

import java.util.List;

/**
 * What a parser made of one command's output.
 *
 * @param findings the problems recognised, in output order
 * @param unrecognised the lines no parser recognised, verbatim, in output order (a tool's crash, a
 *     plugin's own format); never dropped
 */
public record ParsedOutput(List<Finding> findings, List<String> unrecognised) {
  public ParsedOutput {
    findings = List.copyOf(findings);
    unrecognised = List.copyOf(unrecognised);
  }
}
