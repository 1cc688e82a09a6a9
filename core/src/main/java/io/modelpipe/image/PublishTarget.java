package io.modelpipe.image;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;

/**
 * Where one image goes: a registry, a name and one or more tags, all checked together so one error
 * lists every bad value before anything is tagged or pushed.
 *
 * @param registry the registry and namespace
 * @param name the image name
 * @param tags the tags, at least one, without duplicates, in the order given
 */
public record PublishTarget(RegistryAddress registry, String name, List<String> tags) {

  public PublishTarget {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(name, "name");
    tags = List.copyOf(new LinkedHashSet<>(tags));
    List<Diagnostic> problems = new ArrayList<>();
    ImageReference.nameProblem(registry, name)
        .ifPresent(p -> problems.add(new Diagnostic(RegistryAddress.SOURCE, "name", p)));
    if (tags.isEmpty()) {
      problems.add(new Diagnostic(RegistryAddress.SOURCE, "tag", "at least one tag is needed"));
    }
    for (String tag : tags) {
      ImageReference.tagProblem(tag)
          .ifPresent(p -> problems.add(new Diagnostic(RegistryAddress.SOURCE, "tag", p)));
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
  }

  /** One reference per tag, in the order of the tags. */
  public List<ImageReference> references() {
    return tags.stream().map(tag -> new ImageReference(registry, name, tag)).toList();
  }

  /** {@code HOST[:PORT][/NAMESPACE]/NAME}. */
  public String repository() {
    return registry.repository(name);
  }
}
