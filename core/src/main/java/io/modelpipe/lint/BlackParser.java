package io.modelpipe.lint;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * black's {@code --check} output: one finding per file it would reformat ({@code would reformat
 * PATH} on standard error), or, when {@code --diff} was asked, one per diff hunk, located at the
 * hunk's first changed line with the hunk as detail. Files black cannot parse are errors at the
 * line and column it names. Its summary lines are recognised. Findings come sorted by file and
 * line: black prints files in the order its workers finish them.
 */
public final class BlackParser implements OutputParser {

  private static final Pattern WOULD_REFORMAT = Pattern.compile("^would reformat (.+)$");
  private static final Pattern CANNOT = Pattern.compile("^error: cannot format (.+?): (?:Cannot parse[^:]*: (\\d+):(\\d+): )?(.*)$");
  private static final Pattern SUMMARY = Pattern.compile(
      "^(All done!.*|Oh no!.*|\\d+ files? would (be reformatted|be left unchanged|fail to reformat).*|"
          + "\\d+ files? (reformatted|left unchanged|failed to reformat).*|No Python files are present to be formatted\\..*|"
          + "reformatted .+|Skipping .+)$");
  private static final Pattern OLD_FILE = Pattern.compile("^--- (.+?)(\\t.*)?$");
  private static final Pattern NEW_FILE = Pattern.compile("^\\+\\+\\+ (.+?)(\\t.*)?$");
  private static final Pattern HUNK = Pattern.compile("^@@ -(\\d+)(?:,(\\d+))? \\+(\\d+)(?:,(\\d+))? @@.*$");

  @Override
  public String tool() {
    return "black";
  }

  @Override
  public ParsedOutput parse(String stdout, String stderr, ToolPaths paths) {
    List<String> unrecognised = new ArrayList<>();
    Map<String, List<Finding>> hunksByFile = new LinkedHashMap<>();
    List<String> reformat = new ArrayList<>();
    List<Finding> errors = new ArrayList<>();
    // --diff hunks (standard output), consumed by the line counts of each hunk header
    String file = null;
    List<String> hunk = null;
    int hunkStart = 0;
    int oldLeft = 0;
    int newLeft = 0;
    for (String line : Lines.of(stdout)) {
      if (hunk != null && (oldLeft > 0 || newLeft > 0 || line.startsWith("\\"))) {
        char kind = line.isEmpty() ? ' ' : line.charAt(0);
        if (kind == ' ') {
          oldLeft--;
          newLeft--;
        } else if (kind == '-') {
          oldLeft--;
        } else if (kind == '+') {
          newLeft--;
        }
        hunk.add(line);
        continue;
      }
      Matcher old = OLD_FILE.matcher(line);
      Matcher hunkHeader = HUNK.matcher(line);
      if (old.matches()) {
        flush(hunksByFile, file, hunk, hunkStart);
        hunk = null;
        file = paths.relative(old.group(1));
      } else if (NEW_FILE.matcher(line).matches() && file != null && hunk == null) {
        continue;
      } else if (hunkHeader.matches() && file != null) {
        flush(hunksByFile, file, hunk, hunkStart);
        hunk = new ArrayList<>();
        hunk.add(line);
        hunkStart = Integer.parseInt(hunkHeader.group(1));
        oldLeft = hunkHeader.group(2) == null ? 1 : Integer.parseInt(hunkHeader.group(2));
        newLeft = hunkHeader.group(4) == null ? 1 : Integer.parseInt(hunkHeader.group(4));
      } else {
        flush(hunksByFile, file, hunk, hunkStart);
        hunk = null;
        file = null;
        if (!matchesStderrShape(line, paths, reformat, errors) && !line.isBlank()) {
          unrecognised.add(line);
        }
      }
    }
    flush(hunksByFile, file, hunk, hunkStart);
    for (String line : Lines.of(stderr)) {
      if (!matchesStderrShape(line, paths, reformat, errors) && !line.isBlank()) {
        unrecognised.add(line);
      }
    }
    List<Finding> findings = new ArrayList<>(errors);
    for (String path : reformat) {
      List<Finding> hunks = hunksByFile.remove(path);
      if (hunks == null || hunks.isEmpty()) {
        findings.add(new Finding("black", path, 0, 0, "", "would reformat", Severity.WARNING, ""));
      } else {
        findings.addAll(hunks);
      }
    }
    hunksByFile.values().forEach(findings::addAll); // --diff without --check names no file on stderr
    // black checks files in parallel and prints them as they finish: sort, so reports are stable
    findings.sort(Finding.IN_FILE_ORDER);
    return new ParsedOutput(findings, unrecognised);
  }

  private boolean matchesStderrShape(String line, ToolPaths paths, List<String> reformat, List<Finding> errors) {
    Matcher would = WOULD_REFORMAT.matcher(line);
    if (would.matches()) {
      reformat.add(paths.relative(would.group(1).strip()));
      return true;
    }
    Matcher cannot = CANNOT.matcher(line);
    if (cannot.matches()) {
      int row = cannot.group(2) == null ? 0 : Integer.parseInt(cannot.group(2));
      int col = cannot.group(3) == null ? 0 : Integer.parseInt(cannot.group(3));
      String message = cannot.group(2) == null ? cannot.group(4) : "cannot parse: " + cannot.group(4);
      errors.add(new Finding("black", paths.relative(cannot.group(1)), row, col, "", message, Severity.ERROR, ""));
      return true;
    }
    return SUMMARY.matcher(line).matches();
  }

  private static void flush(Map<String, List<Finding>> hunksByFile, String file, List<String> hunk, int start) {
    if (file == null || hunk == null) {
      return;
    }
    int line = start;
    int removed = 0;
    int added = 0;
    boolean changed = false;
    for (String text : hunk.subList(1, hunk.size())) {
      char kind = text.isEmpty() ? ' ' : text.charAt(0);
      if (kind == '-') {
        removed++;
        changed = true;
      } else if (kind == '+') {
        added++;
        changed = true;
      } else if (!changed && kind == ' ') {
        line++;
      }
    }
    String message = removed == 0 ? "would insert " + added + (added == 1 ? " line" : " lines")
        : "would reformat " + (removed == 1 ? "line " + line : "lines " + line + "-" + (line + removed - 1));
    hunksByFile.computeIfAbsent(file, f -> new ArrayList<>())
        .add(new Finding("black", file, Math.max(line, 1), 0, "", message, Severity.WARNING, String.join("\n", hunk)));
  }
}
