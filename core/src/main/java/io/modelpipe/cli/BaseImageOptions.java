package io.modelpipe.cli;

import io.modelpipe.image.BaseImageMap;
import io.modelpipe.image.ImageBuildOptions;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * How a build finds its base images and Python packages where there is no public hub or index:
 * {@code --base-map} and {@code --pip-offline}, else {@code MODELPIPE_BASE_MAP} and
 * {@code MODELPIPE_PIP_OFFLINE}. Shared by every command that builds an image.
 */
final class BaseImageOptions {

  @Spec(Spec.Target.MIXEE) CommandSpec mixee;

  @Option(names = "--base-map", paramLabel = "FROM=TO",
      description = "Build FROM the image TO wherever the Dockerfile names exactly FROM; repeatable (default: $$MODELPIPE_BASE_MAP, space-separated).")
  List<String> baseMap;

  @Option(names = "--pip-offline",
      description = "Python builders install without a package index (PIP_NO_INDEX=1 for every RUN; default: $$MODELPIPE_PIP_OFFLINE=1): requirements must be met by installed packages.")
  Boolean pipOffline;

  /** Whether either option was given on the command line. */
  boolean given() {
    return baseMap != null || pipOffline != null;
  }

  /** Adds the base-image map and the offline pip setting to a build; bad mappings are exit 2. */
  void applyTo(ImageBuildOptions.Builder options, Map<String, String> environment) {
    try {
      List<String> mappings = baseMap != null ? baseMap : splitList(environment.get("MODELPIPE_BASE_MAP"));
      options.baseImages(BaseImageMap.parse(mappings));
      String offline = environment.get("MODELPIPE_PIP_OFFLINE");
      if (pipOffline != null ? pipOffline : "1".equals(offline) || "true".equals(offline)) {
        options.pipSettings(ImageBuildOptions.PIP_OFFLINE);
      }
    } catch (IllegalArgumentException e) {
      throw new ParameterException(mixee.commandLine(), e.getMessage());
    }
  }

  private static List<String> splitList(String value) {
    if (value == null || value.isBlank()) {
      return List.of();
    }
    return List.of(value.strip().split("[\\s,]+"));
  }
}
