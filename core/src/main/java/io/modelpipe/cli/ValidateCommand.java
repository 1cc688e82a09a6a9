package io.modelpipe.cli;

import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.pipeline.RepositoryValidator;
import io.modelpipe.pipeline.ValidationReport;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** {@code modelpipe validate}: checks a repository's config and Blubber files; builds nothing. */
@Command(
    name = "validate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Validates REPO/.pipeline/config.yaml and every Blubber file its pipelines build from, compiling every variant a stage builds, checking build contexts and the local files variants copy. Prints every problem (file:line:column: key.path: message), not only the first. Exit 0 when valid, 2 when not; nothing is built.",
    })
final class ValidateCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @ParentCommand ModelpipeCommand parent;

  @Parameters(index = "0", arity = "0..1", paramLabel = "REPO", defaultValue = ".",
      description = "Repository root (default: the current directory).")
  Path repo;

  @Option(names = "--json", description = "Print the result as JSON on standard output.")
  boolean json;

  @Option(names = "--pipeline", paramLabel = "P",
      description = "Check only what this pipeline reads (repeatable); problems of the other pipelines are printed as warnings.")
  java.util.List<String> pipelines = new java.util.ArrayList<>();

  @Mixin SetupOptions setupOptions = new SetupOptions();

  @Mixin ResultFileOption resultFile = new ResultFileOption();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path root = CommandPaths.existingDirectory(repo);
    CompileOptions options = CompileOptions.defaults().withCompilerVersion(VersionProvider.version());
    RepositoryValidator validator =
        new RepositoryValidator(root, setupOptions.resolve(root, parent.environment(), Instant.now()), options);
    Validation validation = Validation.of(validator, pipelines);
    if (json || resultFile.path(parent.environment()).isPresent()) {
      // the file gets the JSON form, valid or not; with --json so does the console
      String text = JSON.writerWithDefaultPrettyPrinter().writeValueAsString(document(validation));
      resultFile.write(parent.environment(), text);
      if (json) {
        out.println(text);
        return validation.error() == null ? ExitCodes.OK : ExitCodes.INVALID_INPUT;
      }
    }
    if (validation.error() != null) {
      throw validation.error(); // printed by Main, exit 2
    }
    ValidationReport report = validation.report();
    for (Diagnostic warning : report.warnings()) {
      err.println("warning: " + warning.format());
    }
    for (ValidationReport.CheckedVariant variant : report.variants()) {
      out.printf("  %-28s %-16s variant %-12s %s (%d instructions)%n",
          variant.pipeline(), variant.stage(), variant.variant(), variant.blubberFile(), variant.instructions());
    }
    out.printf("valid: %d pipelines, %d stages, %d variants compiled, %d warnings%n",
        report.pipelines().size(), report.stages(), report.variants().size(), report.warnings().size());
    return ExitCodes.OK;
  }

  private static final JsonMapper JSON = JsonMapper.builder().build();

  /** What validating gave: a report, or the errors it threw. */
  private record Validation(ValidationReport report, InvalidInputException error) {
    static Validation of(RepositoryValidator validator, java.util.List<String> pipelines) {
      try {
        return new Validation(validator.validate(pipelines), null);
      } catch (InvalidInputException e) {
        return new Validation(null, e);
      }
    }
  }

  /** The JSON result of validating. */
  private static ObjectNode document(Validation validation) {
    ObjectNode result = JSON.createObjectNode();
    result.put("format", 1);
    if (validation.error() == null) {
      ValidationReport report = validation.report();
      result.put("valid", true);
      ArrayNode pipelines = result.putArray("pipelines");
      report.pipelines().forEach(pipelines::add);
      result.put("stages", report.stages());
      ArrayNode variants = result.putArray("variants");
      for (ValidationReport.CheckedVariant variant : report.variants()) {
        ObjectNode node = variants.addObject();
        node.put("pipeline", variant.pipeline());
        node.put("stage", variant.stage());
        node.put("variant", variant.variant());
        node.put("blubberfile", variant.blubberFile());
        node.put("context", variant.context());
        node.put("instructions", variant.instructions());
      }
      addDiagnostics(result.putArray("warnings"), report.warnings());
      result.putArray("errors");
    } else {
      result.put("valid", false);
      result.putArray("warnings");
      addDiagnostics(result.putArray("errors"), validation.error().diagnostics());
    }
    return result;
  }

  private static void addDiagnostics(ArrayNode array, Iterable<Diagnostic> diagnostics) {
    for (Diagnostic diagnostic : diagnostics) {
      ObjectNode node = array.addObject();
      node.put("file", diagnostic.location().file());
      node.put("line", diagnostic.location().line());
      node.put("column", diagnostic.location().column());
      node.put("key", diagnostic.keyPath());
      node.put("message", diagnostic.message());
      node.put("text", diagnostic.format());
    }
  }
}
