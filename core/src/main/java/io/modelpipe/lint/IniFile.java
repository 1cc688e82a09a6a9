package io.modelpipe.lint;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An INI file as tox reads it, with the line and column of every section, key and value line.
 *
 * @param file the file as shown to users ({@code tox.ini})
 * @param sections the sections in file order
 */
public record IniFile(String file, List<Section> sections) {

  public IniFile {
    Objects.requireNonNull(file, "file");
    sections = List.copyOf(sections);
  }

  /** The section with exactly this name, if any. */
  public Optional<Section> section(String name) {
    return sections.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  /**
   * One {@code [name]} section.
   *
   * @param name the name between the brackets, trimmed
   * @param line 1-based line of the header
   * @param entries the keys in file order
   */
  public record Section(String name, int line, List<Entry> entries) {
    public Section {
      entries = List.copyOf(entries);
    }

    public Optional<Entry> entry(String key) {
      return entries.stream().filter(e -> e.key().equals(key)).findFirst();
    }
  }

  /**
   * One {@code key = value} entry, with its continuation lines.
   *
   * @param key the key, trimmed
   * @param line 1-based line of the key
   * @param column 1-based column of the key
   * @param lines the value's non-empty lines (the text after {@code =}, then each continuation
   *     line), each trimmed and located; comment lines and blank lines are not included
   */
  public record Entry(String key, int line, int column, List<ValueLine> lines) {
    public Entry {
      lines = List.copyOf(lines);
    }

    /** The value as tox 3 (iniconfig) sees it: non-empty lines joined by newlines. */
    public String value() {
      StringBuilder value = new StringBuilder();
      for (ValueLine valueLine : lines) {
        if (value.length() > 0) {
          value.append('\n');
        }
        value.append(valueLine.text());
      }
      return value.toString();
    }
  }

  /**
   * One line of a value.
   *
   * @param text the line's text, trimmed
   * @param line 1-based line
   * @param column 1-based column of the text's first character
   */
  public record ValueLine(String text, int line, int column) {}
}
