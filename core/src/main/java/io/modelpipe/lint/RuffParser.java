package io.modelpipe.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ruff's output: {@code ruff check} in the concise form ({@code path:line:col: CODE [*] message}),
 * the older full form (the same header, then an indented snippet that becomes the detail) and the
 * newer full form ({@code CODE [*] message} then {@code --> path:line:col}); {@code ruff format
 * --check} ({@code Would reformat: path}). Summary lines are recognised.
 */
public final class RuffParser implements OutputParser {

  private static final Pattern CONCISE = Pattern.compile("^(.+?):(\\d+):(\\d+): ([A-Z]+[0-9]+|SyntaxError:?|invalid-syntax:?) (?:\\[\\*\\] )?(.*)$");
  private static final Pattern HEADER = Pattern.compile("^(?:error(?:\\[[\\w-]+\\])?: )?([A-Z]+[0-9]+|invalid-syntax|SyntaxError) (?:\\[\\*\\] )?(.*)$");
  private static final Pattern ARROW = Pattern.compile("^\\s*--> (.+?):(\\d+):(\\d+)$");
  private static final Pattern REFORMAT = Pattern.compile("^Would reformat: (.+)$");
  private static final Pattern SUMMARY = Pattern.compile(
      "^(Found \\d+ errors?.*|\\[\\*\\] \\d+ fixable.*|No fixes available.*|All checks passed!|"
          + "\\d+ files? (would be reformatted|already formatted|would be left unchanged).*|"
          + "\\d+ hidden fixes can be enabled.*)$");

  @Override
  public String tool() {
    return "ruff";
  }

  @Override
  public ParsedOutput parse(String stdout, String stderr, ToolPaths paths) {
    List<Finding> findings = new ArrayList<>();
    List<String> unrecognised = new ArrayList<>();
    List<String> all = Lines.of(stdout, stderr);
    String[] pendingHeader = null;
    List<String> detail = null;
    for (String line : all) {
      Matcher concise = CONCISE.matcher(line);
      Matcher header = HEADER.matcher(line);
      Matcher arrow = ARROW.matcher(line);
      Matcher reformat = REFORMAT.matcher(line);
      if (concise.matches()) {
        close(findings, detail);
        String code = concise.group(4).startsWith("SyntaxError") || concise.group(4).startsWith("invalid") ? "" : concise.group(4);
        findings.add(new Finding("ruff", paths.relative(concise.group(1)), Integer.parseInt(concise.group(2)),
            Integer.parseInt(concise.group(3)), code, concise.group(5),
            code.isEmpty() ? Severity.ERROR : Severity.ofCode(code), ""));
        detail = new ArrayList<>();
        pendingHeader = null;
      } else if (header.matches() && !line.startsWith(" ")) {
        close(findings, detail);
        detail = null;
        pendingHeader = new String[] {header.group(1), header.group(2)};
      } else if (arrow.matches() && pendingHeader != null) {
        String code = pendingHeader[0].matches("[A-Z]+[0-9]+") ? pendingHeader[0] : "";
        findings.add(new Finding("ruff", paths.relative(arrow.group(1)), Integer.parseInt(arrow.group(2)),
            Integer.parseInt(arrow.group(3)), code, pendingHeader[1],
            code.isEmpty() ? Severity.ERROR : Severity.ofCode(code), ""));
        detail = new ArrayList<>();
        pendingHeader = null;
      } else if (reformat.matches()) {
        close(findings, detail);
        detail = null;
        findings.add(new Finding("ruff", paths.relative(reformat.group(1).strip()), 0, 0, "", "would reformat", Severity.WARNING, ""));
      } else if (SUMMARY.matcher(line).matches()) {
        close(findings, detail);
        detail = null;
      } else if (detail != null && (line.isBlank() || line.startsWith(" ") || line.matches("^\\d+ \\|.*"))) {
        detail.add(line);
      } else {
        close(findings, detail);
        detail = null;
        if (!line.isBlank()) {
          unrecognised.add(line);
        }
      }
    }
    close(findings, detail);
    return new ParsedOutput(findings, unrecognised);
  }

  private static void close(List<Finding> findings, List<String> detail) {
    if (detail == null || findings.isEmpty()) {
      return;
    }
    String text = String.join("\n", detail).strip();
    if (detail.isEmpty() || text.isEmpty()) {
      return;
    }
    Finding last = findings.get(findings.size() - 1);
    findings.set(findings.size() - 1, new Finding(last.tool(), last.file(), last.line(), last.column(), last.code(),
        last.message(), last.severity(), String.join("\n", detail).stripTrailing()));
    detail.clear();
  }
}
