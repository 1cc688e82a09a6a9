package io.modelpipe.trigger;

import com.sonymobile.tools.gerrit.gerritevents.dto.GerritEventType;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What triggered a run: Zuul, the Gerrit Trigger plugin, command-line flags, or nothing; the kind
 * of event; and the facts it names (project, branch, commit, tag, ref, change). Immutable; read
 * with {@link TriggerReader#read}, which validates every value. A fact that is not known is empty.
 *
 * <p>Values are as the trigger gives them, except: revisions of all zeros (Zuul's and Gerrit's
 * "no revision") are never a {@link #commit()}; the {@link #project()} is a path such as {@code
 * machinelearning/liftwing/inference-services} (a remote URL given with {@code --project} is reduced
 * to its path); {@link #tag()} is the name without {@code refs/tags/}.
 */
public final class TriggerContext {

  private static final TriggerContext NONE = builder(TriggerSource.NONE).build();

  private final TriggerSource source;
  private final EventKind kind;
  private final boolean kindFromCommandLine;
  private final String project;
  private final String branch;
  private final String commit;
  private final String tag;
  private final String ref;
  private final String oldRevision;
  private final String newRevision;
  private final Change change;
  private final String zuulPipeline;
  private final String zuulUrl;
  private final GerritEventType gerritEvent;
  private final GerritProvider gerritProvider;

  private TriggerContext(Builder b) {
    this.source = b.source;
    this.kind = b.kind;
    this.kindFromCommandLine = b.kindFromCommandLine;
    this.project = b.project;
    this.branch = b.branch;
    this.commit = b.commit;
    this.tag = b.tag;
    this.ref = b.ref;
    this.oldRevision = b.oldRevision;
    this.newRevision = b.newRevision;
    this.change = b.change;
    this.zuulPipeline = b.zuulPipeline;
    this.zuulUrl = b.zuulUrl;
    this.gerritEvent = b.gerritEvent;
    this.gerritProvider = b.gerritProvider;
  }

  /** No trigger: a manual run. */
  public static TriggerContext none() {
    return NONE;
  }

  public static Builder builder(TriggerSource source) {
    return new Builder(source);
  }

  /** A builder holding this context's values. */
  public Builder toBuilder() {
    Builder b = new Builder(source);
    b.kind = kind;
    b.kindFromCommandLine = kindFromCommandLine;
    b.project = project;
    b.branch = branch;
    b.commit = commit;
    b.tag = tag;
    b.ref = ref;
    b.oldRevision = oldRevision;
    b.newRevision = newRevision;
    b.change = change;
    b.zuulPipeline = zuulPipeline;
    b.zuulUrl = zuulUrl;
    b.gerritEvent = gerritEvent;
    b.gerritProvider = gerritProvider;
    return b;
  }

  public TriggerSource source() {
    return source;
  }

  public EventKind kind() {
    return kind;
  }

  /** Whether {@link #kind()} was given with {@code --event} rather than read from the trigger. */
  public boolean kindFromCommandLine() {
    return kindFromCommandLine;
  }

  /** The Gerrit project's path, e.g. {@code machinelearning/liftwing/inference-services}. */
  public Optional<String> project() {
    return Optional.ofNullable(project);
  }

  public Optional<String> branch() {
    return Optional.ofNullable(branch);
  }

  /** The commit to build. */
  public Optional<String> commit() {
    return Optional.ofNullable(commit);
  }

  /** The tag being built, without {@code refs/tags/}. */
  public Optional<String> tag() {
    return Optional.ofNullable(tag);
  }

  /**
   * The ref the event is about: for ref updates the updated ref ({@code ZUUL_REFNAME}, {@code
   * GERRIT_REFNAME}), else the ref to fetch ({@code ZUUL_REF}, {@code GERRIT_REFSPEC}).
   */
  public Optional<String> ref() {
    return Optional.ofNullable(ref);
  }

  /** For ref updates: the revision before ({@code ZUUL_OLDREV}, {@code GERRIT_OLDREV}); zeros when created. */
  public Optional<String> oldRevision() {
    return Optional.ofNullable(oldRevision);
  }

  /** For ref updates: the revision after ({@code ZUUL_NEWREV}, {@code GERRIT_NEWREV}); zeros when deleted. */
  public Optional<String> newRevision() {
    return Optional.ofNullable(newRevision);
  }

  /** Whether the event deleted its ref (the new revision is all zeros): there is nothing to build. */
  public boolean refDeleted() {
    return newRevision != null && isZeros(newRevision);
  }

  public Optional<Change> change() {
    return Optional.ofNullable(change);
  }

  /** Zuul's pipeline ({@code ZUUL_PIPELINE}), e.g. {@code gate-and-submit}. */
  public Optional<String> zuulPipeline() {
    return Optional.ofNullable(zuulPipeline);
  }

  /** Zuul's git URL for fetching the prepared ref ({@code ZUUL_URL}). */
  public Optional<String> zuulUrl() {
    return Optional.ofNullable(zuulUrl);
  }

  /** The Gerrit event type the Gerrit Trigger plugin reports ({@code GERRIT_EVENT_TYPE}). */
  public Optional<GerritEventType> gerritEvent() {
    return Optional.ofNullable(gerritEvent);
  }

  /** The Gerrit server the event came from; empty when the trigger did not say. */
  public Optional<GerritProvider> gerritProvider() {
    return Optional.ofNullable(gerritProvider);
  }

  /**
   * One line for people, e.g. {@code Zuul pipeline 'test': patch set (test), change 1234,5, branch
   * master} or {@code none: manual (no Zuul or Gerrit Trigger variables, no --event)}.
   */
  public String describe() {
    if (source == TriggerSource.NONE) {
      return "none: " + kind.description() + " (no Zuul or Gerrit Trigger variables, no --event)";
    }
    StringBuilder out = new StringBuilder();
    switch (source) {
      case ZUUL -> out.append("Zuul pipeline ").append(zuulPipeline == null ? "(ZUUL_PIPELINE unset)" : "'" + zuulPipeline + "'");
      case GERRIT_TRIGGER -> out.append("Gerrit Trigger event ")
          .append(gerritEvent == null ? "(GERRIT_EVENT_TYPE unset)" : "'" + gerritEvent.getTypeValue() + "'");
      case COMMAND_LINE -> out.append("command line");
      case NONE -> throw new AssertionError("handled above");
    }
    out.append(": ").append(kind.description());
    if (kindFromCommandLine && source != TriggerSource.COMMAND_LINE) {
      out.append(" (--event)");
    }
    List<String> facts = new ArrayList<>();
    if (change != null) {
      facts.add("change " + change.label());
    }
    if (tag != null) {
      facts.add("tag " + tag);
    } else if (ref != null && (newRevision != null || oldRevision != null)) {
      facts.add("ref " + ref);
    }
    if (branch != null && tag == null) {
      facts.add("branch " + branch);
    }
    if (refDeleted()) {
      facts.add("ref deleted");
    }
    if (!facts.isEmpty()) {
      out.append(", ").append(String.join(", ", facts));
    }
    return out.toString();
  }

  static boolean isZeros(String revision) {
    return !revision.isEmpty() && revision.chars().allMatch(c -> c == '0');
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof TriggerContext other
        && source == other.source
        && kind == other.kind
        && kindFromCommandLine == other.kindFromCommandLine
        && Objects.equals(project, other.project)
        && Objects.equals(branch, other.branch)
        && Objects.equals(commit, other.commit)
        && Objects.equals(tag, other.tag)
        && Objects.equals(ref, other.ref)
        && Objects.equals(oldRevision, other.oldRevision)
        && Objects.equals(newRevision, other.newRevision)
        && Objects.equals(change, other.change)
        && Objects.equals(zuulPipeline, other.zuulPipeline)
        && Objects.equals(zuulUrl, other.zuulUrl)
        && gerritEvent == other.gerritEvent
        && Objects.equals(gerritProvider, other.gerritProvider);
  }

  @Override
  public int hashCode() {
    return Objects.hash(source, kind, kindFromCommandLine, project, branch, commit, tag, ref, oldRevision, newRevision,
        change, zuulPipeline, zuulUrl, gerritEvent, gerritProvider);
  }

  @Override
  public String toString() {
    return describe();
  }

  /** Builds a {@link TriggerContext}; blank strings count as unknown. */
  public static final class Builder {
    private TriggerSource source;
    private EventKind kind = EventKind.MANUAL;
    private boolean kindFromCommandLine;
    private String project;
    private String branch;
    private String commit;
    private String tag;
    private String ref;
    private String oldRevision;
    private String newRevision;
    private Change change;
    private String zuulPipeline;
    private String zuulUrl;
    private GerritEventType gerritEvent;
    private GerritProvider gerritProvider;

    private Builder(TriggerSource source) {
      this.source = Objects.requireNonNull(source, "source");
    }

    public Builder source(TriggerSource value) {
      this.source = Objects.requireNonNull(value, "source");
      return this;
    }

    public Builder kind(EventKind value) {
      this.kind = Objects.requireNonNull(value, "kind");
      return this;
    }

    public Builder kindFromCommandLine(boolean value) {
      this.kindFromCommandLine = value;
      return this;
    }

    public Builder project(String value) {
      this.project = blankToNull(value);
      return this;
    }

    public Builder branch(String value) {
      this.branch = blankToNull(value);
      return this;
    }

    /** The commit to build; a revision of all zeros counts as none. */
    public Builder commit(String value) {
      String commit = blankToNull(value);
      this.commit = commit != null && isZeros(commit) ? null : commit;
      return this;
    }

    public Builder tag(String value) {
      this.tag = blankToNull(value);
      return this;
    }

    public Builder ref(String value) {
      this.ref = blankToNull(value);
      return this;
    }

    public Builder oldRevision(String value) {
      this.oldRevision = blankToNull(value);
      return this;
    }

    public Builder newRevision(String value) {
      this.newRevision = blankToNull(value);
      return this;
    }

    public Builder change(Change value) {
      this.change = value;
      return this;
    }

    public Builder zuulPipeline(String value) {
      this.zuulPipeline = blankToNull(value);
      return this;
    }

    public Builder zuulUrl(String value) {
      this.zuulUrl = blankToNull(value);
      return this;
    }

    public Builder gerritEvent(GerritEventType value) {
      this.gerritEvent = value;
      return this;
    }

    public Builder gerritProvider(GerritProvider value) {
      this.gerritProvider = value == null || value.isEmpty() ? null : value;
      return this;
    }

    public TriggerContext build() {
      return new TriggerContext(this);
    }

    private static String blankToNull(String value) {
      return value == null || value.isBlank() ? null : value.trim();
    }
  }
}
