package io.modelpipe.config;

import io.modelpipe.config.Variables.Reference;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;

/**
 * Resolves variables for one stage, as PipelineLib's per-node execution context does: values of
 * {@code setup}, of the stage itself ({@code ${.NAME}}) and of its ancestors in the execution
 * graph ({@code ${STAGE.NAME}}). Usable at plan time (with placeholders for values that exist only
 * at run time) and at run time, as stages bind {@code imageID} and the like.
 *
 * <p>A default ({@code ${x.y|default}}) is used when the value is unbound or empty.
 */
public final class VariableResolver {

  /** A reference that cannot be resolved here: an unknown stage, a stage not an ancestor. */
  public static final class UnresolvableVariableException extends IllegalArgumentException {
    private final Reference reference;

    UnresolvableVariableException(Reference reference, String message) {
      super(message);
      this.reference = reference;
    }

    public Reference reference() {
      return reference;
    }
  }

  private final Setup setup;
  private final String stage;
  private final Set<String> ancestors;
  private final Map<String, Map<String, String>> bindings;

  /**
   * @param setup the run's setup values
   * @param stage the stage whose strings are resolved
   * @param ancestors the stages before it in the execution graph
   * @param bindings values bound so far, by stage then name ({@code stage} itself is implicit)
   */
  public VariableResolver(
      Setup setup, String stage, Set<String> ancestors, Map<String, ? extends Map<String, String>> bindings) {
    this.setup = Objects.requireNonNull(setup, "setup");
    this.stage = Objects.requireNonNull(stage, "stage");
    this.ancestors = Set.copyOf(ancestors);
    Map<String, Map<String, String>> copy = new HashMap<>();
    bindings.forEach((name, values) -> copy.put(name, Map.copyOf(values)));
    this.bindings = Map.copyOf(copy);
  }

  /**
   * Resolves a string, failing on any value that is not bound (and has no default).
   *
   * @throws Variables.InvalidVariableException for malformed expressions
   * @throws UnresolvableVariableException for unbound values and references outside the graph
   */
  public String resolve(String template) {
    return resolve(
        template,
        reference -> {
          throw new UnresolvableVariableException(
              reference, "no value bound for '" + reference.source() + "' in stage '" + stage + "'");
        });
  }

  /**
   * Resolves a string; values not bound (yet) and without a default are replaced by what
   * {@code unbound} returns, e.g. a placeholder such as {@code <imageID of stage build>}.
   */
  public String resolve(String template, Function<Reference, String> unbound) {
    StringBuilder out = new StringBuilder();
    for (Variables.Part part : Variables.parse(template).parts()) {
      if (part instanceof Variables.Literal literal) {
        out.append(literal.text());
        continue;
      }
      Reference reference = (Reference) part;
      Optional<String> value = lookup(reference).filter(v -> !v.isEmpty());
      if (value.isEmpty() && reference.defaultValue().isPresent()) {
        value = reference.defaultValue();
      }
      out.append(value.orElseGet(() -> lookup(reference).orElseGet(() -> unbound.apply(reference))));
    }
    return out.toString();
  }

  /** The bound value of a reference, if any; fails for references outside the graph. */
  public Optional<String> lookup(Reference reference) {
    if (reference.isSetup()) {
      return setup.value(reference.name());
    }
    String owner = reference.isCurrentStage() ? stage : reference.namespace();
    if (!owner.equals(stage) && !ancestors.contains(owner)) {
      throw new UnresolvableVariableException(
          reference,
          "'" + reference.source() + "' refers to stage '" + owner + "', which is not an ancestor of stage '"
              + stage + "' in the execution graph");
    }
    if (owner.equals(stage) && !reference.isCurrentStage()) {
      throw new UnresolvableVariableException(
          reference,
          "'" + reference.source() + "' refers to the current stage by name; use '${." + reference.name() + "}'");
    }
    if (reference.name().equals("stage")) {
      return Optional.of(owner);
    }
    Map<String, String> values = bindings.get(owner);
    return values == null ? Optional.empty() : Optional.ofNullable(values.get(reference.name()));
  }
}
