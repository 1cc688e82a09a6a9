package io.modelpipe.cli;

import io.modelpipe.image.ContainerRunner;
import io.modelpipe.image.DockerEngine;
import io.modelpipe.image.ProgressListener;
import io.modelpipe.image.RunOptions;
import io.modelpipe.image.ContainerExit;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** {@code modelpipe run-image}: runs an image as a stage's {@code run} step does. */
@Command(
    name = "run-image",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Run IMAGE (e.g. a test variant) as a stage's 'run' step does: ARGS go to its entry point, its output is streamed, and the container is removed however the run ends (unless --keep). Exit 0 when the container exits 0, 1 otherwise or on timeout.",
    })
final class RunImageCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "IMAGE", description = "Image ID or name.")
  String image;

  @Parameters(index = "1..*", paramLabel = "ARGS", description = "Arguments to the entry point (after --).")
  List<String> arguments = new ArrayList<>();

  @Option(names = "--env", paramLabel = "K=V", description = "An environment variable; repeatable.")
  Map<String, String> env = new LinkedHashMap<>();

  @Option(names = "--timeout", paramLabel = "SECONDS",
      description = "Kill the container after this long (default: $$MODELPIPE_RUN_TIMEOUT, else no limit).")
  Long timeoutSeconds;

  @Option(names = "--keep", description = "Keep the container after it ends.")
  boolean keep;

  @Option(names = "--json", description = "Print the result as JSON on standard output (the container's output goes to standard error).")
  boolean json;

  @Mixin EngineOptions engineOptions = new EngineOptions();

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Map<String, String> environment = ModelpipeCommand.environmentOf(spec);
    RunOptions options;
    try {
      Long seconds = timeoutSeconds != null ? timeoutSeconds
          : environment.get("MODELPIPE_RUN_TIMEOUT") != null ? Long.valueOf(environment.get("MODELPIPE_RUN_TIMEOUT").strip()) : null;
      options = RunOptions.builder()
          .arguments(arguments)
          .environment(env)
          .networkMode(engineOptions.network(environment))
          .timeout(seconds == null ? null : Duration.ofSeconds(seconds))
          .keepContainer(keep)
          .build();
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    PrintWriter output = json ? err : out;
    ProgressListener listener = new ProgressListener() {
      @Override
      public void output(String line) {
        output.println(line);
        output.flush();
      }
    };
    ContainerExit result;
    try (DockerEngine engine = engineOptions.connect(environment)) {
      result = new ContainerRunner(engine).run(image, options, listener);
    }
    if (json) {
      JsonMapper mapper = JsonMapper.builder().build();
      ObjectNode node = mapper.createObjectNode();
      node.put("format", 1);
      node.put("image", image);
      node.put("container", result.containerId());
      if (result.exitCode().isPresent()) {
        node.put("exitCode", result.exitCode().get());
      } else {
        node.putNull("exitCode");
      }
      node.put("timedOut", result.timedOut());
      node.put("seconds", result.elapsed().toMillis() / 1000.0);
      node.put("removed", result.removed());
      node.put("succeeded", result.succeeded());
      out.println(mapper.writerWithDefaultPrettyPrinter().writeValueAsString(node));
    } else if (result.timedOut()) {
      err.println("modelpipe: " + image + " timed out after " + options.timeout().orElseThrow().toSeconds() + " s"
          + (result.removed() ? "; container removed" : "; container " + result.containerId() + " kept"));
    } else if (!result.succeeded()) {
      err.println("modelpipe: " + image + " exited with " + result.exitCode().orElse(-1));
    }
    return result.succeeded() ? ExitCodes.OK : ExitCodes.FAILED;
  }
}
