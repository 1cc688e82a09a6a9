package io.modelpipe.cli;

import io.modelpipe.image.ImageBuildOptions;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** How images are built: build arguments, pulling, the cache, pip's links; shared by {@code build} and {@code run}. */
final class BuildFlags {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--build-arg", paramLabel = "K=V", description = "A build argument; repeatable.")
  Map<String, String> buildArgs = new LinkedHashMap<>();

  @Option(names = "--pip-find-links", paramLabel = "URL", description = "pip's --find-links for every RUN (PIP_FIND_LINKS), e.g. a local wheel server.")
  String pipFindLinks;

  @Option(names = "--pull", description = "Pull newer base images.")
  boolean pull;

  @Option(names = "--no-cache", description = "Do not use the build cache.")
  boolean noCache;

  /** Sets these flags on a build; a bad pip setting is exit 2. */
  void applyTo(ImageBuildOptions.Builder options) {
    options.pull(pull).noCache(noCache).buildArgs(buildArgs);
    try {
      if (pipFindLinks != null) {
        options.pipSetting("PIP_FIND_LINKS", pipFindLinks);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }
}
