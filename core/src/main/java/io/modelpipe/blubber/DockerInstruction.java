package io.modelpipe.blubber;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One Dockerfile instruction for Docker's classic builder, rendered as Blubber's Docker compiler
 * rendered it: arguments quoted like Go's {@code strconv.Quote}, {@code ENV}/{@code LABEL} sorted
 * by name, {@code COPY} and {@code ENTRYPOINT} in JSON form, newlines escaped so that no value can
 * start a new instruction.
 */
sealed interface DockerInstruction {

  /** The Dockerfile line, without its line break. */
  String render();

  /** {@code FROM image AS stage}; {@code scratch} for no base image. */
  record From(String image, String stage) implements DockerInstruction {
    @Override
    public String render() {
      return "FROM " + image + " AS " + stage;
    }
  }

  /**
   * A shell command: {@code command} may hold {@code %s} placeholders for the first arguments;
   * the rest are appended. Every argument is quoted, as in Blubber's {@code build.Run}.
   */
  record Run(String command, List<String> arguments) implements DockerInstruction {
    public Run {
      arguments = List.copyOf(arguments);
    }

    static Run of(String command, String... arguments) {
      return new Run(command, List.of(arguments));
    }

    String shell() {
      String[] parts = command.split("%s", -1);
      if (parts.length - 1 > arguments.size()) {
        parts = new String[] {command}; // more placeholders than arguments: a literal command
      }
      int placeholders = parts.length - 1;
      StringBuilder line = new StringBuilder(parts[0]);
      for (int i = 1; i < parts.length; i++) {
        line.append(Quoting.quote(arguments.get(i - 1))).append(parts[i]);
      }
      for (String rest : arguments.subList(placeholders, arguments.size())) {
        line.append(' ').append(Quoting.quote(rest));
      }
      return line.toString();
    }

    @Override
    public String render() {
      return "RUN " + Quoting.escapeNewlines(shell());
    }
  }

  /** Several commands in one layer: {@code a && b}. */
  record RunAll(List<Run> runs) implements DockerInstruction {
    public RunAll {
      runs = List.copyOf(runs);
    }

    @Override
    public String render() {
      List<String> commands = new ArrayList<>();
      runs.forEach(run -> commands.add(run.shell()));
      return "RUN " + Quoting.escapeNewlines(String.join(" && ", commands));
    }
  }

  /**
   * Copies from the build context, or from another stage or image. {@code chown} is set in every
   * phase after privileges are dropped, so that files belong to the application's account.
   */
  record Copy(Optional<String> from, Optional<String> chown, List<String> sources, String destination)
      implements DockerInstruction {
    public Copy {
      sources = List.copyOf(sources);
    }

    Copy ownedBy(String owner) {
      return new Copy(from, Optional.of(owner), sources, destination);
    }

    @Override
    public String render() {
      StringBuilder line = new StringBuilder("COPY ");
      chown.ifPresent(owner -> line.append("--chown=").append(owner).append(' '));
      from.ifPresent(stage -> line.append("--from=").append(stage).append(' '));
      List<String> parts = new ArrayList<>();
      sources.forEach(s -> parts.add(Quoting.quote(s)));
      // Docker requires a directory destination, written with '/', for several sources.
      String dest = sources.size() > 1 && !destination.endsWith("/") ? destination + "/" : destination;
      parts.add(Quoting.quote(dest));
      return line.append('[').append(Quoting.escapeNewlines(String.join(", ", parts))).append(']').toString();
    }
  }

  record Env(Map<String, String> definitions) implements DockerInstruction {
    public Env {
      definitions = Map.copyOf(definitions);
    }

    @Override
    public String render() {
      return "ENV " + Quoting.escapeNewlines(Quoting.keyValues(new TreeMap<>(definitions)));
    }
  }

  record Label(Map<String, String> definitions) implements DockerInstruction {
    public Label {
      definitions = Map.copyOf(definitions);
    }

    @Override
    public String render() {
      return "LABEL " + Quoting.escapeNewlines(Quoting.keyValues(new TreeMap<>(definitions)));
    }
  }

  /** A build argument; numbers are written bare, text quoted. */
  record Arg(String name, String defaultValue, boolean numeric) implements DockerInstruction {
    @Override
    public String render() {
      return "ARG " + name + "=" + (numeric ? defaultValue : Quoting.escapeNewlines(Quoting.quote(defaultValue)));
    }
  }

  record User(String user) implements DockerInstruction {
    @Override
    public String render() {
      return "USER " + user;
    }
  }

  record Workdir(String path) implements DockerInstruction {
    @Override
    public String render() {
      return "WORKDIR " + Quoting.escapeNewlines(Quoting.quote(path));
    }
  }

  record Entrypoint(List<String> command) implements DockerInstruction {
    public Entrypoint {
      command = List.copyOf(command);
    }

    @Override
    public String render() {
      List<String> parts = new ArrayList<>();
      command.forEach(c -> parts.add(Quoting.quote(c)));
      return "ENTRYPOINT [" + Quoting.escapeNewlines(String.join(", ", parts)) + "]";
    }
  }

  /** Quoting as Blubber does it, with Go's {@code strconv.Quote}. */
  final class Quoting {
    private Quoting() {}

    static String quote(String value) {
      StringBuilder out = new StringBuilder("\"");
      value.codePoints().forEach(c -> {
        switch (c) {
          case '"' -> out.append("\\\"");
          case '\\' -> out.append("\\\\");
          case '\n' -> out.append("\\n");
          case '\t' -> out.append("\\t");
          case '\r' -> out.append("\\r");
          default -> {
            if (c < 0x20 || c == 0x7f) {
              out.append(String.format("\\x%02x", c));
            } else {
              out.appendCodePoint(c);
            }
          }
        }
      });
      return out.append('"').toString();
    }

    static String keyValues(Map<String, String> sorted) {
      List<String> pairs = new ArrayList<>();
      sorted.forEach((k, v) -> pairs.add(k + "=" + quote(v)));
      return String.join(" ", pairs);
    }

    /** Blubber's {@code removeNewlines}: a raw newline would end the instruction. */
    static String escapeNewlines(String line) {
      return line.replace("\n", "\\n");
    }
  }
}
