package io.modelpipe.jenkins.check;

import io.modelpipe.step.ParameterType;
import io.modelpipe.step.StepParameter;
import io.modelpipe.step.StepSpec;
import io.modelpipe.step.StepSpecs;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.Parameter;
import java.lang.reflect.Type;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The reflection half of bin/check-jenkins-plugin: each compiled step class binds exactly the
 * parameters core declares for its function name, with matching types, and its help files and
 * Snippet Generator form are the ones core's declarations give.
 *
 * <p>Arguments: the folder of the plugin's resources, its README, then {@code --write} to rewrite
 * the generated resources instead of checking them.
 */
public final class PluginCheck {

  private static final String PACKAGE = "io.modelpipe.jenkins";

  private final List<String> problems = new ArrayList<>();

  public static void main(String[] args) throws Exception {
    Path resources = Path.of(args[0]);
    Path readme = Path.of(args[1]);
    boolean write = args.length > 2 && args[2].equals("--write");
    PluginCheck check = new PluginCheck();
    for (StepSpec spec : StepSpecs.all()) {
      check.step(spec, resources, write);
    }
    check.wellFormed(resources);
    check.documented(readme);
    if (!check.problems.isEmpty()) {
      System.err.println("bin/check-jenkins-plugin: the Jenkins plugin does not match core's step declarations (io.modelpipe.step.StepSpecs):");
      check.problems.forEach(p -> System.err.println("  - " + p));
      System.exit(1);
    }
    System.out.println("bin/check-jenkins-plugin: " + StepSpecs.all().size()
        + " steps bind exactly the parameters core declares; help files and forms are current");
  }

  /** {@code modelpipeLint} is bound by {@code io.modelpipe.jenkins.LintStep}. */
  static String className(StepSpec spec) {
    return PACKAGE + "." + spec.functionName().substring("modelpipe".length()) + "Step";
  }

  private void step(StepSpec spec, Path resources, boolean write) throws IOException {
    String name = className(spec);
    Class<?> type;
    try {
      type = Class.forName(name);
    } catch (ClassNotFoundException e) {
      problems.add(spec.functionName() + ": no class " + name);
      return;
    }
    Map<String, Type> bound = new LinkedHashMap<>();
    Set<String> inConstructor = new TreeSet<>();
    Constructor<?> constructor = null;
    for (Constructor<?> c : type.getConstructors()) {
      if (hasAnnotation(c.getDeclaredAnnotations(), "org.kohsuke.stapler.DataBoundConstructor")) {
        constructor = c;
      }
    }
    if (constructor == null) {
      problems.add(name + ": no public @DataBoundConstructor");
      return;
    }
    for (Parameter p : constructor.getParameters()) {
      if (!p.isNamePresent()) {
        problems.add(name + ": constructor parameter names were not compiled in (javac -parameters)");
        return;
      }
      bound.put(p.getName(), p.getParameterizedType());
      inConstructor.add(p.getName());
    }
    for (Method m : type.getMethods()) {
      if (hasAnnotation(m.getDeclaredAnnotations(), "org.kohsuke.stapler.DataBoundSetter")) {
        if (!m.getName().startsWith("set") || m.getParameterCount() != 1) {
          problems.add(name + "." + m.getName() + ": a @DataBoundSetter must be setX(value)");
          continue;
        }
        String property = Character.toLowerCase(m.getName().charAt(3)) + m.getName().substring(4);
        if (bound.put(property, m.getGenericParameterTypes()[0]) != null) {
          problems.add(name + ": " + property + " is bound twice");
        }
      }
    }
    List<String> declared = spec.parameterNames();
    for (String property : bound.keySet()) {
      if (!declared.contains(property)) {
        problems.add(spec.functionName() + " (" + name + ") binds '" + property + "', which core does not declare; core declares "
            + declared);
      }
    }
    for (StepParameter p : spec.parameters()) {
      Type actual = bound.get(p.name());
      if (actual == null) {
        problems.add(spec.functionName() + " (" + name + ") does not bind '" + p.name() + "', which core declares");
        continue;
      }
      if (!accepts(p.type(), actual)) {
        problems.add(spec.functionName() + "." + p.name() + ": core declares " + p.type() + " but " + name + " binds "
            + actual.getTypeName());
      }
      if (p.required() != inConstructor.contains(p.name())) {
        problems.add(spec.functionName() + "." + p.name() + ": " + (p.required()
            ? "core declares it required, so it belongs in the @DataBoundConstructor"
            : "core declares it optional, so it belongs in a @DataBoundSetter"));
      }
      if (getter(type, p.name()) == null) {
        problems.add(name + ": no getter for '" + p.name() + "' (the Snippet Generator reads the step back through it)");
      }
      resource(resources.resolve(name.replace('.', '/')).resolve("help-" + p.name() + ".html"), help(p), write);
    }
    if (Arrays.stream(type.getClasses()).noneMatch(c -> hasAnnotation(c.getDeclaredAnnotations(), "hudson.Extension")
        && isA(c, "org.jenkinsci.plugins.workflow.steps.StepDescriptor"))) {
      problems.add(name + ": no nested @Extension descriptor extending StepDescriptor");
    }
    resource(resources.resolve(name.replace('.', '/')).resolve("config.jelly"), form(spec), write);
  }

  /** The README's section of each step ({@code ### `modelpipeLint`}) has a table row for each parameter. */
  private void documented(Path readme) throws IOException {
    String text = Files.readString(readme, StandardCharsets.UTF_8);
    for (StepSpec spec : StepSpecs.all()) {
      int start = text.indexOf("### `" + spec.functionName() + "`");
      if (start < 0) {
        problems.add(readme + " has no section ### `" + spec.functionName() + "`");
        continue;
      }
      int end = text.indexOf("\n#", start + 1);
      String section = text.substring(start, end < 0 ? text.length() : end);
      for (String name : spec.parameterNames()) {
        if (!section.contains("| `" + name + "` |")) {
          problems.add(readme + ": the table of " + spec.functionName() + " has no row for '" + name + "'");
        }
      }
    }
  }

  /** Jenkins renders every view and help file as XML: a malformed one breaks its page. */
  private void wellFormed(Path resources) throws IOException {
    List<Path> files;
    try (var walk = Files.walk(resources)) {
      files = walk.filter(f -> f.toString().endsWith(".jelly") || f.toString().endsWith(".html")).sorted().toList();
    }
    for (Path file : files) {
      try {
        var factory = javax.xml.parsers.DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        var builder = factory.newDocumentBuilder();
        builder.setErrorHandler(null);
        builder.parse(file.toFile());
      } catch (Exception e) {
        problems.add(file + " is not well-formed XML: " + e.getMessage());
      }
    }
  }

  private static Method getter(Class<?> type, String property) {
    String suffix = Character.toUpperCase(property.charAt(0)) + property.substring(1);
    for (String prefix : List.of("get", "is")) {
      try {
        return type.getMethod(prefix + suffix);
      } catch (NoSuchMethodException e) {
        // try the next prefix
      }
    }
    return null;
  }

  private static boolean accepts(ParameterType declared, Type actual) {
    String name = actual.getTypeName();
    return switch (declared) {
      case STRING, CREDENTIALS_ID -> name.equals("java.lang.String");
      case BOOLEAN -> name.equals("boolean") || name.equals("java.lang.Boolean");
      case INTEGER -> name.equals("java.lang.Integer") || name.equals("int");
      case STRING_LIST -> name.equals("java.util.List<java.lang.String>");
      case STRING_MAP -> name.equals("java.util.Map<java.lang.String, java.lang.String>");
      case RESULT -> name.equals("java.util.Map<java.lang.String, java.lang.Object>");
    };
  }

  private static boolean hasAnnotation(java.lang.annotation.Annotation[] annotations, String type) {
    return Arrays.stream(annotations).anyMatch(a -> a.annotationType().getName().equals(type));
  }

  private static boolean isA(Class<?> type, String superclass) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals(superclass)) {
        return true;
      }
    }
    return false;
  }

  private void resource(Path file, String expected, boolean write) throws IOException {
    if (write) {
      Files.createDirectories(file.getParent());
      Files.writeString(file, expected, StandardCharsets.UTF_8);
    } else if (!Files.isRegularFile(file)) {
      problems.add(file + " is missing (bin/check-jenkins-plugin --write creates it)");
    } else if (!Files.readString(file, StandardCharsets.UTF_8).equals(expected)) {
      problems.add(file + " differs from core's declaration (bin/check-jenkins-plugin --write rewrites it)");
    }
  }

  /** help-NAME.html: core's description, its default and, where the form cannot hold it, how to set it. */
  static String help(StepParameter p) {
    StringBuilder html = new StringBuilder("<div>\n  <p>").append(escape(p.description())).append("</p>\n");
    if (p.required()) {
      html.append("  <p>Required.</p>\n");
    } else if (p.defaultValue() != null && !p.description().contains("Default:")) {
      html.append("  <p>Default: <code>").append(escape(String.valueOf(p.defaultValue()))).append("</code>.</p>\n");
    }
    switch (p.type()) {
      case STRING_LIST -> html.append("  <p>A list, e.g. <code>").append(p.name())
          .append(": ['a', 'b']</code>; in the form, values separated by commas.</p>\n");
      case STRING_MAP -> html.append("  <p>A map, e.g. <code>").append(p.name())
          .append(": [key: 'value']</code>, written in the Jenkinsfile: the form does not offer it.</p>\n");
      case RESULT -> html.append("  <p>A variable, e.g. <code>def result = modelpipeRun()</code> then <code>")
          .append(p.name()).append(": result</code>, written in the Jenkinsfile: the form does not offer it.</p>\n");
      case CREDENTIALS_ID -> html.append("  <p>The id of a credential of the credentials plugin; modelpipe reads it"
          + " in the context of this build and hands it to the engine only through its environment.</p>\n");
      default -> { }
    }
    return html.append("</div>\n").toString();
  }

  /** The Snippet Generator form: one field per parameter a form can hold (maps are written in the Jenkinsfile). */
  static String form(StepSpec spec) {
    StringBuilder jelly = new StringBuilder("<?jelly escape-by-default='true'?>\n")
        .append("<!-- Generated from core's io.modelpipe.step.StepSpecs by bin/check-jenkins-plugin in write mode: edit core, not this file. -->\n")
        .append("<j:jelly xmlns:j=\"jelly:core\" xmlns:f=\"/lib/form\">\n");
    for (StepParameter p : spec.parameters()) {
      String field = switch (p.type()) {
        case BOOLEAN -> "<f:checkbox" + (Boolean.TRUE.equals(p.defaultValue()) ? " default=\"true\"" : "") + "/>";
        case INTEGER -> "<f:number" + defaultAttribute(p) + "/>";
        case STRING, CREDENTIALS_ID -> "<f:textbox" + defaultAttribute(p) + "/>";
        // one field, values separated by commas (ModelpipeStep.set splits them)
        case STRING_LIST -> "<f:textbox value=\"${descriptor.join(instance." + p.name() + ")}\"/>";
        case STRING_MAP, RESULT -> null;
      };
      if (field != null) {
        jelly.append("  <f:entry field=\"").append(p.name()).append("\" title=\"").append(p.name()).append("\">\n")
            .append("    ").append(field).append("\n  </f:entry>\n");
      }
    }
    return jelly.append("</j:jelly>\n").toString();
  }

  private static String defaultAttribute(StepParameter p) {
    return p.defaultValue() == null ? "" : " default=\"" + escape(String.valueOf(p.defaultValue())) + "\"";
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
