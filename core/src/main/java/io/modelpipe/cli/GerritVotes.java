package io.modelpipe.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** Votes given as {@code NAME=VALUE} flags ({@code Verified=+1}), for {@code gerrit comment} and {@code run}. */
final class GerritVotes {

  private static final Pattern LABEL = Pattern.compile("([A-Za-z0-9][A-Za-z0-9_-]*)=([+-]?[0-9]+)");

  private GerritVotes() {}

  /** The votes by label, in flag order; a malformed one is exit 2 naming {@code option}. */
  static Map<String, Integer> parse(List<String> labels, CommandLine commandLine, String option) {
    Map<String, Integer> votes = new LinkedHashMap<>();
    for (String label : labels) {
      Matcher m = LABEL.matcher(label);
      if (!m.matches()) {
        throw new ParameterException(commandLine, option + " '" + label + "' is not NAME=VALUE, e.g. Verified=+1");
      }
      votes.put(m.group(1), Integer.parseInt(m.group(2)));
    }
    return votes;
  }
}
