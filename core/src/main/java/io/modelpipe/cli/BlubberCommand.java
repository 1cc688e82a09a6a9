package io.modelpipe.cli;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import io.modelpipe.blubber.BlubberVersion;
import io.modelpipe.blubber.CompileOptions;
import io.modelpipe.blubber.CompiledDockerfile;
import io.modelpipe.blubber.DockerfileCompiler;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.image.BaseImageMap;
import io.modelpipe.image.ImageBuildOptions;
import io.modelpipe.image.ImageBuilder;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code modelpipe blubber}: compiles a Blubber v4 variant to a Dockerfile, or lists variants. */
@Command(
    name = "blubber",
    mixinStandardHelpOptions = true,
    versionProvider = VersionProvider.class,
    sortOptions = false,
    description = {
      "Compile a variant of a Blubber v4 file to a Dockerfile for Docker's classic builder (no BuildKit) and print it; warnings go to standard error.",
      "",
      "Semantics follow the Blubber frontend the file pins in its '# syntax=...:vX.Y.Z' line, or Blubber v1.8 when it pins none. Python dependencies: before v0.23.0 they are installed with 'pip install --target /opt/lib/python/site-packages' (use-system-flag allowed); from v0.23.0 into a venv at /opt/lib/venv (use-system-site-packages allowed); from v1.7.0 'venv' moves the venv; from v1.8.0 pip-version, setuptools-version and wheel-version pin the core packages.",
    },
    footerHeading = "%nNot expressible without BuildKit:%n",
    footer = {
      "  exclude  emulated by deleting the excluded files after the COPY (warning)",
      "  caches   dropped (warning)",
      "  mounts   rejected",
    })
final class BlubberCommand implements Callable<Integer> {

  @Spec CommandSpec spec;

  @Option(names = "--list", description = "List the file's variants, one per line, instead of compiling.")
  boolean list;

  @Option(
      names = "--frontend",
      paramLabel = "VERSION",
      description = "Follow the semantics of this Blubber version (e.g. v0.15.0) instead of the '# syntax=' pin.")
  String frontend;

  @Option(names = "--base-map", paramLabel = "FROM=TO",
      description = "Print the Dockerfile with FROM's image replaced by TO, as 'modelpipe build --base-map' builds it; repeatable.")
  List<String> baseMap = new ArrayList<>();

  @Option(names = "--pip-offline", description = "Declare PIP_NO_INDEX in every stage, as 'modelpipe build --pip-offline' does (pass --build-arg PIP_NO_INDEX=1 to docker build).")
  boolean pipOffline;

  @Parameters(index = "0", paramLabel = "FILE", description = "The Blubber file, e.g. .pipeline/outlink/blubber.yaml.")
  Path file;

  @Parameters(index = "1", arity = "0..1", paramLabel = "VARIANT", description = "The variant to compile.")
  String variant;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!list && variant == null) {
      throw new ParameterException(spec.commandLine(), "Missing required parameter: 'VARIANT' (or use --list)");
    }
    CompileOptions options = CompileOptions.defaults();
    if (frontend != null) {
      options = options.withFrontendVersion(BlubberVersion.parse(frontend).orElseThrow(() ->
          new ParameterException(spec.commandLine(), "--frontend needs a version such as v0.15.0, not '" + frontend + "'")));
    }
    BlubberFile blubber = BlubberReader.read(file, file.toString());
    blubber.readWarnings().forEach(w -> err.println("warning: " + w.format()));
    if (list) {
      blubber.variantNames().forEach(out::println);
      return ExitCodes.OK;
    }
    CompiledDockerfile dockerfile = DockerfileCompiler.compile(blubber, variant, options);
    ImageBuildOptions.Builder build = ImageBuildOptions.builder();
    try {
      build.baseImages(BaseImageMap.parse(baseMap));
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
    if (pipOffline) {
      build.pipSettings(ImageBuildOptions.PIP_OFFLINE);
    }
    out.print(ImageBuilder.prepare(dockerfile.text(), build.build()));
    for (Diagnostic warning : dockerfile.warnings()) {
      err.println("warning: " + warning.format());
    }
    return ExitCodes.OK;
  }
}
