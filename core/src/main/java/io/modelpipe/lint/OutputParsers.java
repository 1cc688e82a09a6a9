package io.modelpipe.lint;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Chooses the parser for a command from the program it runs. */
public final class OutputParsers {

  private OutputParsers() {}

  /**
   * The tool a command runs: {@code flake8}, {@code python -m flake8}, {@code python3 -m black},
   * {@code /usr/bin/ruff check}, ... ; empty for anything else.
   */
  public static Optional<String> toolOf(List<String> argv) {
    if (argv.isEmpty()) {
      return Optional.empty();
    }
    String program = baseName(argv.get(0));
    if (program.matches("python[0-9.]*") || program.equals("envpython")) {
      int m = argv.indexOf("-m");
      if (m < 0 || m + 1 >= argv.size()) {
        return Optional.empty();
      }
      program = argv.get(m + 1);
    }
    return switch (program) {
      case "flake8", "black", "pycodestyle", "pyflakes", "ruff" -> Optional.of(program);
      default -> Optional.empty();
    };
  }

  /**
   * The parser for one command's output.
   *
   * @param flake8Settings the {@code [flake8]} section of tox.ini (flake8 reads it too)
   */
  public static OutputParser forCommand(List<String> argv, Map<String, String> flake8Settings) {
    Optional<String> tool = toolOf(argv);
    if (tool.isEmpty()) {
      return new Unparsed(argv.isEmpty() ? "" : baseName(argv.get(0)));
    }
    return switch (tool.get()) {
      case "flake8" -> new Flake8Parser("flake8",
          option(argv, "--format").orElse(flake8Settings.getOrDefault("format", "default")),
          flag(argv, "--show-source") || truthy(flake8Settings.get("show-source")),
          flag(argv, "--count") || truthy(flake8Settings.get("count")),
          flag(argv, "--statistics") || truthy(flake8Settings.get("statistics")));
      case "pycodestyle" -> new Flake8Parser("pycodestyle", option(argv, "--format").orElse("default"),
          flag(argv, "--show-source"), flag(argv, "--count"), flag(argv, "--statistics"));
      case "black" -> new BlackParser();
      case "pyflakes" -> new PyflakesParser();
      default -> new RuffParser();
    };
  }

  static Optional<String> option(List<String> argv, String name) {
    for (int i = 0; i < argv.size(); i++) {
      String arg = argv.get(i);
      if (arg.startsWith(name + "=")) {
        return Optional.of(arg.substring(name.length() + 1));
      }
      if (arg.equals(name) && i + 1 < argv.size()) {
        return Optional.of(argv.get(i + 1));
      }
    }
    return Optional.empty();
  }

  private static boolean flag(List<String> argv, String name) {
    return argv.contains(name);
  }

  private static boolean truthy(String value) {
    return value != null && List.of("true", "1", "yes", "on").contains(value.strip().toLowerCase(Locale.ROOT));
  }

  static String baseName(String program) {
    int slash = program.lastIndexOf('/');
    return slash < 0 ? program : program.substring(slash + 1);
  }

  /** Output of a command no parser knows (pytest, a script): every line is kept verbatim. */
  static final class Unparsed implements OutputParser {
    private final String tool;

    Unparsed(String tool) {
      this.tool = tool;
    }

    @Override
    public String tool() {
      return tool;
    }

    @Override
    public ParsedOutput parse(String stdout, String stderr, ToolPaths paths) {
      List<String> lines = new ArrayList<>(Lines.of(stdout));
      lines.addAll(Lines.of(stderr));
      return new ParsedOutput(List.of(), lines.stream().filter(l -> !l.isBlank()).toList());
    }
  }
}
