package io.modelpipe.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * pyflakes' output: {@code path:line:col: message} (2.2 and later) or {@code path:line: message};
 * pyflakes prints no codes. A syntax error's source and caret lines become its detail.
 */
public final class PyflakesParser implements OutputParser {

  private static final Pattern LINE = Pattern.compile("^(.+?):(\\d+):(?:(\\d+):?)? (.+)$");

  @Override
  public String tool() {
    return "pyflakes";
  }

  @Override
  public ParsedOutput parse(String stdout, String stderr, ToolPaths paths) {
    List<Finding> findings = new ArrayList<>();
    List<String> unrecognised = new ArrayList<>();
    List<String> all = Lines.of(stdout, stderr);
    Finding syntax = null;
    for (String line : all) {
      Matcher m = LINE.matcher(line);
      if (m.matches()) {
        String message = m.group(4);
        boolean error = message.startsWith("undefined name") || message.contains("syntax") || message.startsWith("problem decoding");
        Finding finding = new Finding("pyflakes", paths.relative(m.group(1)), Integer.parseInt(m.group(2)),
            m.group(3) == null ? 0 : Integer.parseInt(m.group(3)), "", message, error ? Severity.ERROR : Severity.WARNING, "");
        findings.add(finding);
        syntax = error && !message.startsWith("undefined name") ? finding : null;
      } else if (syntax != null && !line.isBlank()) {
        Finding with = syntax.withDetailLine(line);
        findings.set(findings.size() - 1, with);
        syntax = with;
      } else if (!line.isBlank()) {
        unrecognised.add(line);
      }
    }
    return new ParsedOutput(findings, unrecognised);
  }
}
