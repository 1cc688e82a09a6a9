package io.modelpipe.lint;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * flake8's and pycodestyle's output, in the format the command asked for: {@code default}
 * ({@code %(path)s:%(row)d:%(col)d: %(code)s %(text)s}), {@code pylint} ({@code
 * %(path)s:%(row)d: [%(code)s] %(text)s}), {@code quiet-filename} (one file a line), {@code
 * quiet-nothing}, or any {@code %(name)s} template. With {@code --show-source} the source and caret
 * lines become the finding's detail; {@code --count} and {@code --statistics} lines are recognised.
 */
public final class Flake8Parser implements OutputParser {

  static final String DEFAULT = "%(path)s:%(row)d:%(col)d: %(code)s %(text)s";
  static final String PYLINT = "%(path)s:%(row)d: [%(code)s] %(text)s";
  private static final Pattern PLACEHOLDER = Pattern.compile("%\\((\\w+)\\)[-#0 +]*\\d*(?:\\.\\d+)?[sdr]");
  private static final Pattern COUNT = Pattern.compile("\\d+");
  private static final Pattern STATISTICS = Pattern.compile("\\d+\\s+[A-Z]+\\d+ .*");

  private final String tool;
  private final String format;
  private final Pattern pattern;
  private final boolean showSource;
  private final boolean count;
  private final boolean statistics;

  /**
   * @param tool {@code flake8} or {@code pycodestyle}
   * @param format the value of {@code --format} ({@code default}, {@code pylint}, a template...)
   */
  public Flake8Parser(String tool, String format, boolean showSource, boolean count, boolean statistics) {
    this.tool = tool;
    this.format = format == null || format.isBlank() ? "default" : format.strip();
    String template = switch (this.format) {
      case "default", "quiet-filename", "quiet-nothing" -> DEFAULT;
      case "pylint" -> PYLINT;
      default -> this.format.contains("%(") ? this.format : DEFAULT;
    };
    this.pattern = compile(template);
    this.showSource = showSource;
    this.count = count;
    this.statistics = statistics;
  }

  @Override
  public String tool() {
    return tool;
  }

  /** A regular expression for a flake8 {@code --format} template, with named groups. */
  static Pattern compile(String template) {
    StringBuilder regex = new StringBuilder("^");
    Set<String> used = new HashSet<>();
    Matcher m = PLACEHOLDER.matcher(template);
    int last = 0;
    while (m.find()) {
      regex.append(Pattern.quote(template.substring(last, m.start())));
      String name = m.group(1);
      String group = switch (name) {
        case "path" -> ".+?";
        case "row", "line" -> "\\d+";
        case "col" -> "-?\\d+";
        case "code" -> "\\S+";
        case "text" -> ".*";
        default -> ".*?"; // colours (%(bold)s, %(reset)s) are empty without a terminal
      };
      String key = name.equals("line") ? "row" : name;
      if (Set.of("path", "row", "col", "code", "text").contains(key) && used.add(key)) {
        regex.append("(?<").append(key).append('>').append(group).append(')');
      } else {
        regex.append("(?:").append(group).append(')');
      }
      last = m.end();
    }
    regex.append(Pattern.quote(template.substring(last))).append('$');
    return Pattern.compile(regex.toString());
  }

  @Override
  public ParsedOutput parse(String stdout, String stderr, ToolPaths paths) {
    List<Finding> findings = new ArrayList<>();
    List<String> unrecognised = new ArrayList<>();
    Finding previous = null;
    int sourceLines = 0;
    for (String line : Lines.of(stdout)) {
      if (format.equals("quiet-filename") && !line.isBlank()) {
        findings.add(new Finding(tool, paths.relative(line.strip()), 0, 0, "", "has findings (--format=quiet-filename)",
            Severity.WARNING, ""));
        continue;
      }
      Matcher m = pattern.matcher(line);
      if (m.matches()) {
        previous = finding(m, paths);
        findings.add(previous);
        sourceLines = 0;
      } else if (showSource && previous != null && sourceLines < 2) {
        previous = previous.withDetailLine(line);
        findings.set(findings.size() - 1, previous);
        sourceLines++;
      } else if (count && COUNT.matcher(line).matches() || statistics && STATISTICS.matcher(line).matches()) {
        previous = null;
      } else if (!line.isBlank()) {
        unrecognised.add(line);
        previous = null;
      }
    }
    Lines.of(stderr).stream().filter(l -> !l.isBlank()).forEach(unrecognised::add);
    return new ParsedOutput(findings, unrecognised);
  }

  private Finding finding(Matcher m, ToolPaths paths) {
    String code = group(m, "code");
    int row = number(group(m, "row"));
    int col = number(group(m, "col"));
    String text = group(m, "text");
    return new Finding(tool, paths.relative(group(m, "path")), row, col, code, text,
        code.isEmpty() ? Severity.WARNING : Severity.ofCode(code), "");
  }

  private static String group(Matcher m, String name) {
    try {
      String value = m.group(name);
      return value == null ? "" : value;
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  private static int number(String text) {
    try {
      return Math.max(0, Integer.parseInt(text));
    } catch (NumberFormatException e) {
      return 0;
    }
  }
}
