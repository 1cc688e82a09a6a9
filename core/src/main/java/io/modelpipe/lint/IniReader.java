package io.modelpipe.lint;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads INI text exactly as tox 3 does (it uses {@code iniconfig}), keeping positions:
 *
 * <ul>
 *   <li>a line whose first non-blank character is {@code #} or {@code ;} is a comment, wherever it
 *       is, even between continuation lines; there are no inline comments in values;
 *   <li>{@code [name]} starts a section; a comment after the closing bracket is allowed;
 *   <li>{@code key = value} or {@code key: value} at column 1 (the first {@code =} splits, unless
 *       the key part has a {@code :});
 *   <li>an indented line continues the previous key's value, also after blank lines;
 *   <li>duplicate sections and duplicate keys in a section are errors, as in tox 3 and 4.
 * </ul>
 *
 * Every problem is collected; {@link #parse} throws one {@link InvalidInputException} with all.
 */
public final class IniReader {

  private IniReader() {}

  public static IniFile parse(String text, String file) {
    List<Diagnostic> problems = new ArrayList<>();
    List<IniFile.Section> sections = new ArrayList<>();
    Set<String> sectionNames = new HashSet<>();
    String sectionName = null;
    int sectionLine = 0;
    List<IniFile.Entry> entries = new ArrayList<>();
    Set<String> keys = new HashSet<>();
    String key = null;
    int keyLine = 0;
    List<IniFile.ValueLine> valueLines = new ArrayList<>();

    String[] lines = text.split("\r\n|\r|\n", -1);
    for (int i = 0; i < lines.length; i++) {
      int lineNo = i + 1;
      String raw = lines[i];
      if (i == 0 && raw.startsWith("\uFEFF")) {
        raw = raw.substring(1);
      }
      String stripped = raw.strip();
      if (stripped.isEmpty() || stripped.charAt(0) == '#' || stripped.charAt(0) == ';') {
        continue;
      }
      String line = raw.stripTrailing();
      char first = line.charAt(0);
      if (first == '[') {
        String header = line;
        for (char comment : new char[] {'#', ';'}) {
          int at = header.indexOf(comment);
          if (at >= 0) {
            header = header.substring(0, at).stripTrailing();
          }
        }
        if (!header.endsWith("]")) {
          problems.add(new Diagnostic(new Location(file, lineNo, 1), "", "section header without a closing ']'"));
          continue;
        }
        if (key != null) {
          entries.add(new IniFile.Entry(key, keyLine, 1, valueLines));
          key = null;
        }
        if (sectionName != null) {
          sections.add(new IniFile.Section(sectionName, sectionLine, entries));
        }
        sectionName = header.substring(1, header.length() - 1).strip();
        sectionLine = lineNo;
        entries = new ArrayList<>();
        keys = new HashSet<>();
        if (sectionName.isEmpty()) {
          problems.add(new Diagnostic(new Location(file, lineNo, 1), "", "empty section name"));
        } else if (!sectionNames.add(sectionName)) {
          problems.add(new Diagnostic(new Location(file, lineNo, 1), sectionName,
              "duplicate section: tox refuses the whole file"));
        }
      } else if (!Character.isWhitespace(first)) {
        int equals = line.indexOf('=');
        int separator = equals >= 0 && line.substring(0, equals).indexOf(':') < 0 ? equals : line.indexOf(':');
        if (separator < 0) {
          problems.add(new Diagnostic(new Location(file, lineNo, 1), sectionName == null ? "" : sectionName,
              "unexpected line '" + line + "': expected 'key = value', a [section] or an indented continuation"));
          continue;
        }
        if (key != null) {
          entries.add(new IniFile.Entry(key, keyLine, 1, valueLines));
        }
        key = line.substring(0, separator).strip();
        keyLine = lineNo;
        valueLines = new ArrayList<>();
        String value = line.substring(separator + 1);
        String valueText = value.strip();
        if (!valueText.isEmpty()) {
          int column = separator + 2 + (value.length() - value.stripLeading().length());
          valueLines.add(new IniFile.ValueLine(valueText, lineNo, column));
        }
        if (sectionName == null) {
          problems.add(new Diagnostic(new Location(file, lineNo, 1), key, "key before any [section] header"));
          key = null;
        } else if (!keys.add(key)) {
          problems.add(new Diagnostic(new Location(file, lineNo, 1), sectionName + "." + key,
              "duplicate key: tox refuses the whole file"));
        }
      } else {
        if (key == null) {
          problems.add(new Diagnostic(new Location(file, lineNo, 1), sectionName == null ? "" : sectionName,
              "indented line continues no key"));
          continue;
        }
        int column = line.length() - line.stripLeading().length() + 1;
        valueLines.add(new IniFile.ValueLine(stripped, lineNo, column));
      }
    }
    if (key != null) {
      entries.add(new IniFile.Entry(key, keyLine, 1, valueLines));
    }
    if (sectionName != null) {
      sections.add(new IniFile.Section(sectionName, sectionLine, entries));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new IniFile(file, sections);
  }
}
