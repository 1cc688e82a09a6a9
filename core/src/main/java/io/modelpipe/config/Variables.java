package io.modelpipe.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * PipelineLib's variable syntax in config strings, after its {@code Lexer}: {@code ${NS.NAME}} or
 * {@code ${NS.NAME|default}}, where {@code NS} is {@code setup}, empty (the current stage) or a
 * stage name, and names use letters, digits, {@code .}, {@code _} and {@code -}.
 *
 * <p>An expression whose name has no dot ({@code ${FOO}}, {@code ${FOO:-x}}) is not a PipelineLib
 * variable and is kept verbatim for the shell.
 */
public final class Variables {

  private static final String START = "${";

  private Variables() {}

  /** A parsed string: literal text and variable references, in order. */
  public record Template(String source, List<Part> parts) {
    public Template {
      Objects.requireNonNull(source, "source");
      parts = List.copyOf(parts);
    }

    /** The references, in order of appearance. */
    public List<Reference> references() {
      return parts.stream().filter(Reference.class::isInstance).map(Reference.class::cast).toList();
    }

    /** True when the string holds no PipelineLib variable. */
    public boolean isLiteral() {
      return references().isEmpty();
    }
  }

  /** One piece of a {@link Template}. */
  public sealed interface Part permits Literal, Reference {}

  /** Text taken as is (shell variables such as {@code ${FOO}} included). */
  public record Literal(String text) implements Part {}

  /**
   * A variable reference.
   *
   * @param source the expression as written, e.g. {@code ${build.imageID|none}}
   * @param namespace {@code setup}, a stage name, or empty for the current stage
   * @param name the value's name within the namespace
   * @param defaultValue the text after {@code |}, if any
   */
  public record Reference(String source, String namespace, String name, Optional<String> defaultValue)
      implements Part {

    public boolean isSetup() {
      return namespace.equals("setup");
    }

    public boolean isCurrentStage() {
      return namespace.isEmpty();
    }

    /** {@code namespace.name} as written, e.g. {@code .imageID} or {@code build.imageID}. */
    public String qualifiedName() {
      return namespace + "." + name;
    }
  }

  /** A malformed variable expression. */
  public static final class InvalidVariableException extends IllegalArgumentException {
    private final String expression;

    InvalidVariableException(String expression, String reason) {
      super("invalid variable expression '" + shorten(expression) + "': " + reason);
      this.expression = expression;
    }

    /** The expression as far as it was read. */
    public String expression() {
      return expression;
    }

    private static String shorten(String text) {
      return text.length() > 60 ? text.substring(0, 57) + "..." : text;
    }
  }

  /** Parses a config string. */
  public static Template parse(String text) throws InvalidVariableException {
    List<Part> parts = new ArrayList<>();
    StringBuilder literal = new StringBuilder();
    int position = 0;
    while (position < text.length()) {
      int start = text.indexOf(START, position);
      if (start < 0) {
        literal.append(text, position, text.length());
        break;
      }
      literal.append(text, position, start);
      int end = text.indexOf('}', start + START.length());
      if (end < 0) {
        throw new InvalidVariableException(text.substring(start), "missing the closing '}'");
      }
      String expression = text.substring(start, end + 1);
      String body = text.substring(start + START.length(), end);
      int nameEnd = 0;
      while (nameEnd < body.length() && isNameChar(body.charAt(nameEnd))) {
        nameEnd++;
      }
      String name = body.substring(0, nameEnd);
      if (name.isEmpty()) {
        throw new InvalidVariableException(expression, "the name is missing");
      }
      if (name.indexOf('.') < 0) {
        literal.append(expression); // ${FOO}: a shell variable, not PipelineLib's
        position = end + 1;
        continue;
      }
      String rest = body.substring(nameEnd);
      Optional<String> defaultValue = Optional.empty();
      if (!rest.isEmpty()) {
        if (rest.charAt(0) != '|') {
          throw new InvalidVariableException(
              expression,
              "unexpected '" + rest.charAt(0) + "' after the name '" + name + "' (a default value follows '|')");
        }
        defaultValue = Optional.of(rest.substring(1));
      }
      int dot = name.indexOf('.');
      String namespace = name.substring(0, dot);
      String key = name.substring(dot + 1);
      if (key.isEmpty() || key.indexOf('.') >= 0) {
        throw new InvalidVariableException(
            expression, "expected NAMESPACE.NAME (setup.NAME, .NAME or STAGE.NAME), found '" + name + "'");
      }
      if (!literal.isEmpty()) {
        parts.add(new Literal(literal.toString()));
        literal.setLength(0);
      }
      parts.add(new Reference(expression, namespace, key, defaultValue));
      position = end + 1;
    }
    if (!literal.isEmpty()) {
      parts.add(new Literal(literal.toString()));
    }
    return new Template(text, parts);
  }

  static boolean isNameChar(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
        || c == '.' || c == '_' || c == '-';
  }
}
