package io.modelpipe.pipeline;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.exception.NotFoundException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a run created in the engine, for its teardown: the image references it tagged (a local name
 * per build, a registry reference per published tag). Containers need no list: the container runner
 * removes each one itself, on every way out.
 *
 * <p>Teardown removes references, not image IDs: another run may have built the same image (same
 * cache, same ID) and still hold its own tag on it; the engine deletes an image only when its last
 * reference goes. Parents are not pruned, so the build cache survives for the next run.
 */
final class RunResources {

  private final Set<String> imageTags = new LinkedHashSet<>();

  synchronized void imageTag(String reference) {
    imageTags.add(reference);
  }

  synchronized List<String> imageTags() {
    return List.copyOf(imageTags);
  }

  /** Removes every reference; returns the problems (a reference in use by a kept container, say). */
  List<String> remove(DockerClient docker) {
    List<String> problems = new ArrayList<>();
    for (String reference : imageTags()) {
      try {
        docker.removeImageCmd(reference).withNoPrune(true).exec();
      } catch (NotFoundException e) {
        // never tagged (a failed build), or removed already
      } catch (RuntimeException e) {
        problems.add("cannot remove image " + reference + ": " + e.getMessage());
      }
    }
    return problems;
  }
}
