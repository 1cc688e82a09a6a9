package io.modelpipe.trigger;

import com.sonymobile.tools.gerrit.gerritevents.dto.GerritEventType;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The trigger contexts in which publish steps run, as PipelineLib's runner publishes only from gate,
 * post-merge and tag jobs. Anything else (a patch set under review, a manual run) builds and tests
 * but does not publish; the {@link PublishDecision} says why.
 *
 * <p>A list of contexts, comma- or space-separated:
 *
 * <ul>
 *   <li>{@code zuul:GLOB}: a Zuul run whose {@code ZUUL_PIPELINE} matches ({@code *} and {@code ?});
 *   <li>{@code gerrit:TYPE}: a Gerrit Trigger run whose {@code GERRIT_EVENT_TYPE} is TYPE;
 *   <li>{@code ref:GLOB}: a Zuul or Gerrit Trigger run whose ref matches, e.g. {@code ref:refs/tags/*};
 *   <li>{@code kind:KIND}: a run whose kind was given with {@code --event}, or a run with no trigger
 *       variables;
 *   <li>without a prefix: a Gerrit event type if it is one, {@code ref:} if it starts with {@code
 *       refs/}, else a Zuul pipeline glob;
 *   <li>{@code none}: no context publishes.
 * </ul>
 *
 * <p>When {@code --event} gives the kind, only {@code kind:} contexts decide (the flag wins over the
 * environment). A run that deletes its ref never publishes.
 */
public final class PublishGate {

  /** The environment variable that sets the contexts. */
  public static final String VARIABLE = "MODELPIPE_PUBLISH_CONTEXTS";
  /** The flag that sets the contexts; wins over {@link #VARIABLE}. */
  public static final String FLAG = "--publish-contexts";

  /**
   * The default contexts, as a flag would give them: Zuul's gate and post-merge pipelines, Gerrit's
   * merge and ref events, tags, and the gate, post-merge and tag kinds given with {@code --event}.
   */
  public static final String DEFAULT_SPEC = "zuul:gate-and-submit*,zuul:postmerge,zuul:post,zuul:publish,"
      + "gerrit:change-merged,gerrit:ref-updated,ref:refs/tags/*,kind:gate,kind:post-merge,kind:tag";

  /** {@link #DEFAULT_SPEC} as a list. */
  public static final List<String> DEFAULT_CONTEXTS = List.of(DEFAULT_SPEC.split(","));

  private static final PublishGate DEFAULTS = new PublishGate(
      DEFAULT_CONTEXTS.stream().map(c -> parseEntry(c, null, null)).toList(), "default");

  /** How an entry matches. */
  public enum Type {
    ZUUL("zuul"),
    GERRIT("gerrit"),
    REF("ref"),
    KIND("kind");

    private final String prefix;

    Type(String prefix) {
      this.prefix = prefix;
    }

    public String prefix() {
      return prefix;
    }
  }

  /**
   * One publish context.
   *
   * @param type what it matches
   * @param pattern the glob, event type or kind label
   */
  public record Context(Type type, String pattern) {
    public Context {
      Objects.requireNonNull(type, "type");
      Objects.requireNonNull(pattern, "pattern");
    }

    boolean matches(String value) {
      if (value == null) {
        return false;
      }
      return type == Type.ZUUL || type == Type.REF ? glob(pattern).matcher(value).matches() : pattern.equals(value);
    }

    @Override
    public String toString() {
      return type.prefix() + ":" + pattern;
    }
  }

  private final List<Context> contexts;
  private final String origin;

  private PublishGate(List<Context> contexts, String origin) {
    this.contexts = List.copyOf(contexts);
    this.origin = origin;
  }

  /** The default contexts ({@link #DEFAULT_CONTEXTS}). */
  public static PublishGate defaults() {
    return DEFAULTS;
  }

  /**
   * The contexts from the flag when given, else from {@link #VARIABLE} when set and not blank,
   * else the defaults.
   *
   * @param flagValue the value of {@code --publish-contexts}, or {@code null}
   * @throws InvalidInputException naming the flag or variable when an entry is malformed
   */
  public static PublishGate resolve(String flagValue, Map<String, String> environment) {
    if (flagValue != null) {
      return parse(flagValue, TriggerReader.COMMAND_LINE, FLAG);
    }
    String value = environment.get(VARIABLE);
    if (value != null && !value.isBlank()) {
      return parse(value, TriggerReader.ENVIRONMENT, VARIABLE);
    }
    return defaults();
  }

  /**
   * Parses a list of contexts.
   *
   * @param location where the list comes from, for diagnostics
   * @param key the flag or variable, for diagnostics
   */
  public static PublishGate parse(String spec, Location location, String key) {
    List<Diagnostic> problems = new ArrayList<>();
    List<Context> contexts = new ArrayList<>();
    List<String> entries = Arrays.stream(spec.trim().split("[,\\s]+")).filter(e -> !e.isEmpty()).toList();
    boolean none = entries.size() == 1 && entries.get(0).equalsIgnoreCase("none");
    if (entries.isEmpty()) {
      problems.add(new Diagnostic(location, key, "empty: give publish contexts, or 'none' to publish nowhere"));
    } else if (!none) {
      for (String entry : entries) {
        Context context = parseEntry(entry, location == null ? null : new Diagnostic(location, key, ""), problems);
        if (context != null) {
          contexts.add(context);
        }
      }
    }
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return new PublishGate(contexts, key);
  }

  private static Context parseEntry(String entry, Diagnostic at, List<Diagnostic> problems) {
    int colon = entry.indexOf(':');
    String prefix = colon < 0 ? "" : entry.substring(0, colon).toLowerCase(Locale.ROOT);
    String pattern = colon < 0 ? entry : entry.substring(colon + 1);
    Type type = switch (prefix) {
      case "zuul" -> Type.ZUUL;
      case "gerrit" -> Type.GERRIT;
      case "ref" -> Type.REF;
      case "kind" -> Type.KIND;
      case "" -> GerritEventType.findByTypeValue(pattern) != null ? Type.GERRIT
          : pattern.startsWith("refs/") ? Type.REF : Type.ZUUL;
      default -> null;
    };
    String problem = null;
    if (type == null) {
      problem = "'" + entry + "': unknown prefix '" + prefix + ":'; use zuul:, gerrit:, ref: or kind:";
    } else if (pattern.isEmpty()) {
      problem = "'" + entry + "': nothing after '" + prefix + ":'";
    } else if (type == Type.GERRIT && GerritEventType.findByTypeValue(pattern) == null) {
      problem = "'" + entry + "': not a Gerrit event type; known: " + gerritEventTypes();
    } else if (type == Type.GERRIT) {
      pattern = GerritEventType.findByTypeValue(pattern).getTypeValue();
    } else if (type == Type.KIND) {
      Optional<EventKind> kind = EventKind.parse(pattern);
      if (kind.isEmpty()) {
        problem = "'" + entry + "': not an event kind; one of: " + String.join(", ", EventKind.labels());
      } else {
        pattern = kind.get().label();
      }
    }
    if (problem != null) {
      if (problems == null) {
        throw new IllegalArgumentException(problem);
      }
      problems.add(new Diagnostic(at.location(), at.keyPath(), problem));
      return null;
    }
    return new Context(type, pattern);
  }

  private static String gerritEventTypes() {
    return Arrays.stream(GerritEventType.values()).map(GerritEventType::getTypeValue).collect(Collectors.joining(", "));
  }

  /** The contexts, in the order given. */
  public List<Context> contexts() {
    return contexts;
  }

  /** Where the contexts came from: {@code default}, {@value #FLAG} or {@value #VARIABLE}. */
  public String origin() {
    return origin;
  }

  /** The contexts as one line, e.g. {@code zuul:postmerge, gerrit:change-merged}; {@code none} when empty. */
  public String describe() {
    return contexts.isEmpty() ? "none" : contexts.stream().map(Context::toString).collect(Collectors.joining(", "));
  }

  public boolean allows(TriggerContext trigger) {
    return decide(trigger).allowed();
  }

  /** Whether publish steps run in a context, and why. */
  public PublishDecision decide(TriggerContext trigger) {
    Objects.requireNonNull(trigger, "trigger");
    if (trigger.refDeleted()) {
      return new PublishDecision(false, "the event deletes " + trigger.ref().orElse("its ref") + ": nothing to publish");
    }
    String subject = subject(trigger);
    if (trigger.kindFromCommandLine()
        || trigger.source() == TriggerSource.COMMAND_LINE || trigger.source() == TriggerSource.NONE) {
      return decide(subject, Type.KIND, trigger.kind().label(), null, null);
    }
    if (trigger.source() == TriggerSource.ZUUL) {
      return decide(subject, Type.ZUUL, trigger.zuulPipeline().orElse(null), Type.REF, trigger.ref().orElse(null));
    }
    return decide(subject, Type.GERRIT, trigger.gerritEvent().map(GerritEventType::getTypeValue).orElse(null),
        Type.REF, trigger.ref().orElse(null));
  }

  private PublishDecision decide(String subject, Type type, String value, Type otherType, String otherValue) {
    for (Context context : contexts) {
      if (context.type() == type && context.matches(value)) {
        return new PublishDecision(true, subject + " is a publish context (" + context + ")");
      }
      if (otherType != null && context.type() == otherType && context.matches(otherValue)) {
        return new PublishDecision(true, "ref " + otherValue + " is a publish context (" + context + ")");
      }
    }
    String where = origin.equals("default") ? "" : " of " + origin;
    return new PublishDecision(false, subject + " is not a publish context" + where);
  }

  private static String subject(TriggerContext trigger) {
    String kind = trigger.kind().description();
    if (trigger.kindFromCommandLine()) {
      return "--event " + trigger.kind().label();
    }
    return switch (trigger.source()) {
      case ZUUL -> trigger.zuulPipeline().map(p -> "Zuul pipeline '" + p + "' (" + kind + ")")
          .orElse("a Zuul run without ZUUL_PIPELINE (" + kind + ")");
      case GERRIT_TRIGGER -> trigger.gerritEvent().map(e -> "Gerrit event '" + e.getTypeValue() + "' (" + kind + ")")
          .orElse("a Gerrit Trigger run without GERRIT_EVENT_TYPE (" + kind + ")");
      case COMMAND_LINE -> "a " + kind + " run";
      case NONE -> "a manual run (no Zuul or Gerrit Trigger variables, no --event)";
    };
  }

  /** A glob ({@code *}, {@code ?}) as a regular expression matching whole values. */
  static Pattern glob(String glob) {
    StringBuilder regex = new StringBuilder();
    for (char c : glob.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return Pattern.compile(regex.toString());
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PublishGate other && contexts.equals(other.contexts);
  }

  @Override
  public int hashCode() {
    return contexts.hashCode();
  }

  @Override
  public String toString() {
    return describe();
  }
}
