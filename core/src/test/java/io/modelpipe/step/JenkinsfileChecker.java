package io.modelpipe.step;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.codehaus.groovy.ast.ClassNode;
import org.codehaus.groovy.ast.CodeVisitorSupport;
import org.codehaus.groovy.ast.MethodNode;
import org.codehaus.groovy.ast.ModuleNode;
import org.codehaus.groovy.ast.expr.ArgumentListExpression;
import org.codehaus.groovy.ast.expr.ClosureExpression;
import org.codehaus.groovy.ast.expr.ConstantExpression;
import org.codehaus.groovy.ast.expr.Expression;
import org.codehaus.groovy.ast.expr.MapEntryExpression;
import org.codehaus.groovy.ast.expr.MapExpression;
import org.codehaus.groovy.ast.expr.MethodCallExpression;
import org.codehaus.groovy.ast.expr.TupleExpression;
import org.codehaus.groovy.control.CompilationFailedException;
import org.codehaus.groovy.control.CompilationUnit;
import org.codehaus.groovy.control.CompilerConfiguration;
import org.codehaus.groovy.control.Phases;
import org.codehaus.groovy.control.SourceUnit;

/**
 * Parses a Jenkinsfile with Groovy 2.4 (the line Jenkins' Pipeline runs) and reports every
 * {@code modelpipe*} call that names a step or a parameter {@link StepSpecs} does not declare.
 * Only the syntax tree is built: nothing is resolved or run.
 */
final class JenkinsfileChecker {

  private JenkinsfileChecker() {}

  /** The problems of one Jenkinsfile, each {@code NAME:LINE: message}; empty when it is fine. */
  static List<String> check(String name, String text) {
    CompilationUnit unit = new CompilationUnit(new CompilerConfiguration());
    SourceUnit source = unit.addSource(name, text);
    try {
      unit.compile(Phases.CONVERSION);
    } catch (CompilationFailedException e) {
      return List.of(name + ": not valid Groovy: " + e.getMessage().strip());
    }
    ModuleNode module = source.getAST();
    TreeSet<String> problems = new TreeSet<>((a, b) -> {
      int line = Integer.compare(lineOf(a), lineOf(b));
      return line != 0 ? line : a.compareTo(b);
    });
    CodeVisitorSupport visitor = new CodeVisitorSupport() {
      @Override
      public void visitMethodCallExpression(MethodCallExpression call) {
        String method = call.getMethodAsString();
        if (method != null && method.startsWith("modelpipe") && call.isImplicitThis()) {
          checkCall(name, call, method).forEach(problems::add);
        }
        super.visitMethodCallExpression(call);
      }
    };
    module.getStatementBlock().visit(visitor);
    for (ClassNode type : module.getClasses()) {
      for (MethodNode method : type.getMethods()) {
        if (method.getCode() != null) {
          method.getCode().visit(visitor);
        }
      }
    }
    return new ArrayList<>(problems);
  }

  private static int lineOf(String problem) {
    String[] parts = problem.split(":");
    try {
      return parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  /**
   * What a literal value should have been when it cannot fit the parameter's type; null when it
   * fits or is not a literal (variables and expressions are known only when the build runs).
   */
  private static String wrongLiteral(ParameterType type, Expression value) {
    boolean text = value instanceof ConstantExpression c && c.getValue() instanceof String
        || value instanceof org.codehaus.groovy.ast.expr.GStringExpression;
    boolean literal = value instanceof ConstantExpression || value instanceof org.codehaus.groovy.ast.expr.GStringExpression
        || value instanceof MapExpression || value instanceof org.codehaus.groovy.ast.expr.ListExpression;
    if (!literal || value instanceof ConstantExpression c0 && c0.getValue() == null) {
      return null;
    }
    Object constant = value instanceof ConstantExpression c ? c.getValue() : null;
    return switch (type) {
      case STRING, CREDENTIALS_ID -> text ? null : "a string";
      case BOOLEAN -> constant instanceof Boolean ? null : "true or false";
      case INTEGER -> constant instanceof Integer || constant instanceof Long ? null : "a whole number";
      case STRING_LIST -> text || value instanceof org.codehaus.groovy.ast.expr.ListExpression ? null : "a list of strings";
      case STRING_MAP -> value instanceof MapExpression ? null : "a map such as [key: 'value']";
      case RESULT -> "the map a modelpipeRun step returned";
    };
  }

  private static List<String> checkCall(String file, MethodCallExpression call, String method) {
    String where = file + ":" + call.getLineNumber() + ": ";
    Optional<StepSpec> spec = StepSpecs.all().stream().filter(s -> s.functionName().equals(method)).findFirst();
    if (spec.isEmpty()) {
      return List.of(where + "no step '" + method + "'; modelpipe's steps are "
          + String.join(", ", StepSpecs.all().stream().map(StepSpec::functionName).toList()));
    }
    List<String> problems = new ArrayList<>();
    List<Expression> arguments = call.getArguments() instanceof TupleExpression tuple ? tuple.getExpressions() : List.of();
    for (Expression argument : arguments) {
      if (argument instanceof MapExpression named) { // modelpipeRun(affected: true, ...)
        for (MapEntryExpression entry : named.getMapEntryExpressions()) {
          if (!(entry.getKeyExpression() instanceof ConstantExpression key)) {
            problems.add(where + method + ": a parameter name that is not a plain name: " + entry.getKeyExpression().getText());
          } else if (spec.get().parameter(String.valueOf(key.getValue())).isEmpty()) {
            problems.add(where + method + ": no parameter '" + key.getValue() + "'; it takes "
                + String.join(", ", spec.get().parameterNames()));
          } else {
            StepParameter parameter = spec.get().parameter(String.valueOf(key.getValue())).get();
            String wrong = wrongLiteral(parameter.type(), entry.getValueExpression());
            if (wrong != null) {
              problems.add(where + method + ": parameter '" + parameter.name() + "' takes " + wrong + ", found "
                  + entry.getValueExpression().getText());
            }
          }
        }
      } else if (argument instanceof ClosureExpression) {
        problems.add(where + method + " takes no closure");
      } else if (arguments.size() > 1 || spec.get().parameters().stream().filter(StepParameter::required).count() != 1) {
        // Pipeline binds one unnamed argument to a step's only required parameter
        problems.add(where + method + ": an unnamed argument (" + argument.getText() + "); name the parameters, e.g. "
            + method + "(" + spec.get().parameterNames().get(0) + ": ...)");
      }
    }
    if (!(call.getArguments() instanceof ArgumentListExpression) && !(call.getArguments() instanceof TupleExpression)) {
      problems.add(where + method + ": arguments not understood: " + call.getArguments().getText());
    }
    return problems;
  }
}
