package io.modelpipe.trigger;

import com.sonymobile.tools.gerrit.gerritevents.dto.GerritEventType;
import io.modelpipe.config.Setup;
import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads a {@link TriggerContext} from the environment (Zuul's or the Gerrit Trigger plugin's
 * variables) and command-line flags, which win value by value. Every malformed or conflicting value
 * is reported, all at once, as an {@link InvalidInputException} whose diagnostics name the variable
 * ({@code environment: ZUUL_CHANGE: 'abc' is not a change number...}) or the flag ({@code command
 * line: --change: ...}).
 *
 * <p>When both Zuul's and Gerrit Trigger's variables are set, Zuul's describe the run and Gerrit's
 * must agree with them on project, branch, change, patch set and updated ref; Gerrit's add what
 * Zuul does not give (the patch set's revision, Change-Id, change URL, server).
 */
public final class TriggerReader {

  /** Location of problems in environment variables. */
  public static final Location ENVIRONMENT = Location.ofFile("environment");
  /** Location of problems in command-line flags. */
  public static final Location COMMAND_LINE = Location.ofFile("command line");

  /** The Zuul variables read; any one of them set makes a Zuul run. */
  public static final List<String> ZUUL_VARIABLES = List.of(
      "ZUUL_PROJECT", "ZUUL_PIPELINE", "ZUUL_URL", "ZUUL_BRANCH", "ZUUL_CHANGE", "ZUUL_PATCHSET", "ZUUL_REF",
      "ZUUL_COMMIT", "ZUUL_REFNAME", "ZUUL_OLDREV", "ZUUL_NEWREV");

  /** The Gerrit Trigger variables read; any one of them set makes a Gerrit Trigger run. */
  public static final List<String> GERRIT_VARIABLES = List.of(
      "GERRIT_EVENT_TYPE", "GERRIT_PROJECT", "GERRIT_BRANCH", "GERRIT_CHANGE_NUMBER", "GERRIT_PATCHSET_NUMBER",
      "GERRIT_PATCHSET_REVISION", "GERRIT_REFSPEC", "GERRIT_REFNAME", "GERRIT_OLDREV", "GERRIT_NEWREV",
      "GERRIT_CHANGE_ID", "GERRIT_CHANGE_URL", "GERRIT_NAME", "GERRIT_HOST", "GERRIT_PORT", "GERRIT_SCHEME",
      "GERRIT_VERSION");

  /** Gerrit events about a patch set under review: a test run. */
  private static final Set<GerritEventType> PATCH_SET_EVENTS = EnumSet.of(
      GerritEventType.PATCHSET_CREATED, GerritEventType.DRAFT_PUBLISHED, GerritEventType.COMMENT_ADDED,
      GerritEventType.CHANGE_RESTORED, GerritEventType.PATCHSET_NOTIFIED, GerritEventType.PRIVATE_STATE_CHANGED,
      GerritEventType.WIP_STATE_CHANGED, GerritEventType.TOPIC_CHANGED, GerritEventType.HASHTAGS_CHANGED,
      GerritEventType.REVIEWER_ADDED, GerritEventType.VOTE_DELETED, GerritEventType.RERUN_CHECK);

  /** Gerrit events that carry a change. */
  private static final Set<GerritEventType> CHANGE_EVENTS = EnumSet.of(
      GerritEventType.CHANGE_MERGED, GerritEventType.CHANGE_ABANDONED, GerritEventType.MERGE_FAILED);

  private static final Pattern REVISION = Pattern.compile("[0-9a-fA-F]{7,64}");
  private static final Pattern CHANGE_ID = Pattern.compile("I[0-9a-f]{40}");
  private static final Pattern CHANGE_REF = Pattern.compile("refs/changes/\\d{2}/(\\d+)/(\\d+)");

  private final Map<String, String> environment;
  private final List<Diagnostic> problems = new ArrayList<>();

  private TriggerReader(Map<String, String> environment) {
    this.environment = Objects.requireNonNull(environment, "environment");
  }

  /**
   * The trigger context of a run.
   *
   * @param flags command-line values, which win
   * @param environment the process environment (or a test's map)
   * @throws InvalidInputException naming every malformed or conflicting variable and flag
   */
  public static TriggerContext read(TriggerFlags flags, Map<String, String> environment) {
    Objects.requireNonNull(flags, "flags");
    return new TriggerReader(environment).read(flags);
  }

  /** As {@link #read(TriggerFlags, Map)} without flags. */
  public static TriggerContext read(Map<String, String> environment) {
    return read(TriggerFlags.NONE, environment);
  }

  private TriggerContext read(TriggerFlags flags) {
    boolean zuul = ZUUL_VARIABLES.stream().anyMatch(v -> get(v) != null);
    boolean gerrit = GERRIT_VARIABLES.stream().anyMatch(v -> get(v) != null);
    TriggerContext fromZuul = zuul ? readZuul() : null;
    TriggerContext fromGerrit = gerrit ? readGerrit() : null;
    TriggerContext context;
    if (fromZuul != null && fromGerrit != null) {
      context = merge(fromZuul, fromGerrit);
    } else if (fromZuul != null) {
      context = fromZuul;
    } else if (fromGerrit != null) {
      context = fromGerrit;
    } else {
      context = TriggerContext.builder(flags.describesEvent() ? TriggerSource.COMMAND_LINE : TriggerSource.NONE).build();
    }
    context = applyFlags(context, flags);
    if (!problems.isEmpty()) {
      throw new InvalidInputException(problems);
    }
    return context;
  }

  private TriggerContext readZuul() {
    TriggerContext.Builder b = TriggerContext.builder(TriggerSource.ZUUL);
    String pipeline = get("ZUUL_PIPELINE");
    b.zuulPipeline(pipeline).zuulUrl(get("ZUUL_URL")).project(project(get("ZUUL_PROJECT")));
    OptionalInt change = positive("ZUUL_CHANGE", "a change number");
    OptionalInt patchSet = positive("ZUUL_PATCHSET", "a patch set number");
    if (change.isPresent()) {
      b.change(Change.of(change.getAsInt(), patchSet));
    } else if (patchSet.isPresent() && get("ZUUL_CHANGE") == null) {
      problem("ZUUL_PATCHSET", "is set but ZUUL_CHANGE is not");
    }
    String zuulRef = get("ZUUL_REF");
    String refName = get("ZUUL_REFNAME");
    String oldRev = revision("ZUUL_OLDREV");
    String newRev = revision("ZUUL_NEWREV");
    String commit = revision("ZUUL_COMMIT");
    b.ref(refName != null ? refName : zuulRef).oldRevision(oldRev).newRevision(newRev);
    b.commit(commit != null ? commit : newRev);
    String tag = firstTag(refName, zuulRef);
    b.tag(tag);
    String branch = get("ZUUL_BRANCH");
    b.branch(branch != null ? branch : branchOf(refName));
    boolean refUpdate = change.isEmpty() && (refName != null || newRev != null);
    EventKind kind;
    if (tag != null) {
      kind = EventKind.TAG;
    } else if (refUpdate) {
      kind = refName == null || branchOf(refName) != null ? EventKind.POST_MERGE : EventKind.MANUAL;
    } else {
      kind = zuulPipelineKind(pipeline).orElse(change.isPresent() ? EventKind.PATCH_SET : EventKind.MANUAL);
    }
    return b.kind(kind).build();
  }

  /**
   * The kind a Zuul pipeline's name suggests ({@code gate*}: gate; {@code post*}, {@code publish}:
   * post-merge). Only for naming the run; publishing is decided by the pipeline name itself.
   */
  static Optional<EventKind> zuulPipelineKind(String pipeline) {
    if (pipeline == null) {
      return Optional.empty();
    }
    if (pipeline.startsWith("gate")) {
      return Optional.of(EventKind.GATE);
    }
    if (pipeline.startsWith("post") || pipeline.equals("publish") || pipeline.equals("promote")) {
      return Optional.of(EventKind.POST_MERGE);
    }
    return Optional.empty();
  }

  private TriggerContext readGerrit() {
    TriggerContext.Builder b = TriggerContext.builder(TriggerSource.GERRIT_TRIGGER);
    GerritEventType type = null;
    String typeName = get("GERRIT_EVENT_TYPE");
    if (typeName != null) {
      type = GerritEventType.findByTypeValue(typeName);
      if (type == null) {
        problem("GERRIT_EVENT_TYPE", "'" + typeName + "' is not a Gerrit event type; known: "
            + Arrays.stream(GerritEventType.values()).map(GerritEventType::getTypeValue).collect(Collectors.joining(", ")));
      }
    }
    b.gerritEvent(type).project(project(get("GERRIT_PROJECT"))).branch(get("GERRIT_BRANCH"));

    OptionalInt change = positive("GERRIT_CHANGE_NUMBER", "a change number");
    OptionalInt patchSet = positive("GERRIT_PATCHSET_NUMBER", "a patch set number");
    String revision = revision("GERRIT_PATCHSET_REVISION");
    String changeId = get("GERRIT_CHANGE_ID");
    if (changeId != null && !CHANGE_ID.matcher(changeId).matches()) {
      problem("GERRIT_CHANGE_ID", "'" + changeId + "' is not a Change-Id (I and 40 lowercase hex digits)");
      changeId = null;
    }
    String refspec = get("GERRIT_REFSPEC");
    if (refspec != null) {
      Matcher m = CHANGE_REF.matcher(refspec);
      if (m.matches()) {
        agree("GERRIT_REFSPEC", refspec, "GERRIT_CHANGE_NUMBER", change, m.group(1));
        agree("GERRIT_REFSPEC", refspec, "GERRIT_PATCHSET_NUMBER", patchSet, m.group(2));
      }
    }
    if (change.isPresent()) {
      b.change(new Change(change.getAsInt(), patchSet, Optional.ofNullable(revision), Optional.ofNullable(changeId),
          Optional.ofNullable(get("GERRIT_CHANGE_URL"))));
    } else if (get("GERRIT_CHANGE_NUMBER") != null) {
      // malformed, reported above
    } else if (patchSet.isPresent()) {
      problem("GERRIT_PATCHSET_NUMBER", "is set but GERRIT_CHANGE_NUMBER is not");
    } else if (type != null && (PATCH_SET_EVENTS.contains(type) || CHANGE_EVENTS.contains(type))) {
      problem("GERRIT_CHANGE_NUMBER", "missing: a " + type.getTypeValue() + " event is about a change");
    }

    String refName = get("GERRIT_REFNAME");
    if (type == GerritEventType.REF_UPDATED && refName == null) {
      problem("GERRIT_REFNAME", "missing: a ref-updated event names the updated ref");
    }
    String oldRev = revision("GERRIT_OLDREV");
    String newRev = revision("GERRIT_NEWREV");
    b.ref(refName != null ? refName : refspec).oldRevision(oldRev).newRevision(newRev);
    String tag = firstTag(refName);
    b.tag(tag);
    if (get("GERRIT_BRANCH") == null) {
      b.branch(branchOf(refName));
    }
    if (type == GerritEventType.CHANGE_MERGED || type == GerritEventType.REF_UPDATED) {
      b.commit(newRev != null ? newRev : revision); // the merged commit, not the patch set's
    } else {
      b.commit(revision != null ? revision : newRev);
    }
    b.gerritProvider(new GerritProvider(
        Optional.ofNullable(get("GERRIT_NAME")),
        Optional.ofNullable(get("GERRIT_HOST")),
        port("GERRIT_PORT"),
        Optional.ofNullable(get("GERRIT_SCHEME")),
        Optional.ofNullable(get("GERRIT_VERSION"))));

    EventKind kind;
    if (tag != null) {
      kind = EventKind.TAG;
    } else if (type == null) {
      kind = change.isPresent() ? EventKind.PATCH_SET
          : refName != null && branchOf(refName) != null ? EventKind.POST_MERGE : EventKind.MANUAL;
    } else if (PATCH_SET_EVENTS.contains(type)) {
      kind = EventKind.PATCH_SET;
    } else if (type == GerritEventType.CHANGE_MERGED) {
      kind = EventKind.POST_MERGE;
    } else if (type == GerritEventType.REF_UPDATED) {
      kind = refName != null && branchOf(refName) != null ? EventKind.POST_MERGE : EventKind.MANUAL;
    } else {
      kind = EventKind.MANUAL;
    }
    return b.kind(kind).build();
  }

  /** Zuul's context, completed by Gerrit Trigger's where they agree. */
  private TriggerContext merge(TriggerContext zuul, TriggerContext gerrit) {
    agree("GERRIT_PROJECT", zuul.project(), gerrit.project(), "ZUUL_PROJECT");
    agree("GERRIT_BRANCH", zuul.branch(), gerrit.branch(), "ZUUL_BRANCH");
    agree("GERRIT_CHANGE_NUMBER", zuul.change().map(c -> Integer.toString(c.number())),
        gerrit.change().map(c -> Integer.toString(c.number())), "ZUUL_CHANGE");
    agree("GERRIT_PATCHSET_NUMBER", zuul.change().flatMap(c -> boxed(c.patchSet())),
        gerrit.change().flatMap(c -> boxed(c.patchSet())), "ZUUL_PATCHSET");
    if (get("ZUUL_REFNAME") != null && get("GERRIT_REFNAME") != null) {
      agree("GERRIT_REFNAME", Optional.of(fullRef(get("ZUUL_REFNAME"))), Optional.of(fullRef(get("GERRIT_REFNAME"))),
          "ZUUL_REFNAME");
    }
    TriggerContext.Builder b = zuul.toBuilder().gerritEvent(gerrit.gerritEvent().orElse(null))
        .gerritProvider(gerrit.gerritProvider().orElse(null));
    if (zuul.project().isEmpty()) {
      b.project(gerrit.project().orElse(null));
    }
    if (zuul.branch().isEmpty()) {
      b.branch(gerrit.branch().orElse(null));
    }
    if (zuul.tag().isEmpty()) {
      b.tag(gerrit.tag().orElse(null));
    }
    if (zuul.commit().isEmpty()) {
      b.commit(gerrit.commit().orElse(null));
    }
    if (zuul.change().isEmpty()) {
      b.change(gerrit.change().orElse(null));
    } else if (gerrit.change().isPresent() && gerrit.change().get().number() == zuul.change().get().number()) {
      Change z = zuul.change().get();
      Change g = gerrit.change().get();
      boolean samePatchSet = z.patchSet().isEmpty() || g.patchSet().isEmpty() || z.patchSet().equals(g.patchSet());
      b.change(new Change(z.number(), z.patchSet().isPresent() ? z.patchSet() : g.patchSet(),
          samePatchSet ? g.revision() : Optional.empty(), g.changeId(), g.url()));
    }
    return b.build();
  }

  private TriggerContext applyFlags(TriggerContext context, TriggerFlags flags) {
    TriggerContext.Builder b = context.toBuilder();
    if (notBlank(flags.project())) {
      b.project(project(flags.project()));
    }
    if (notBlank(flags.commit())) {
      b.commit(flags.commit().trim());
    }
    if (notBlank(flags.branch())) {
      b.branch(flags.branch().trim());
    }
    if (flags.tag() != null) {
      String tag = flags.tag().trim();
      b.tag(tag.startsWith("refs/tags/") ? Setup.tagFromRef(tag) : tag);
    }
    OptionalInt change = OptionalInt.empty();
    if (flags.change() != null) {
      change = positiveFlag("--change", flags.change(), "a change number");
    }
    OptionalInt patchSet = OptionalInt.empty();
    if (flags.patchSet() != null) {
      patchSet = positiveFlag("--patchset", flags.patchSet(), "a patch set number");
    }
    Optional<Change> current = context.change();
    if (change.isPresent() && (current.isEmpty() || current.get().number() != change.getAsInt())) {
      current = Optional.of(Change.of(change.getAsInt(), patchSet)); // another change: nothing else is known
    } else if (patchSet.isPresent() && current.isPresent()) {
      Change c = current.get();
      boolean same = c.patchSet().equals(patchSet);
      current = Optional.of(new Change(c.number(), patchSet, same ? c.revision() : Optional.empty(), c.changeId(),
          c.url()));
    } else if (patchSet.isPresent() && flags.change() == null) {
      problem(COMMAND_LINE, "--patchset", "needs --change (no change in the environment)");
    }
    b.change(current.orElse(null));
    if (flags.event() != null) {
      Optional<EventKind> kind = EventKind.parse(flags.event());
      if (kind.isEmpty()) {
        problem(COMMAND_LINE, "--event", "'" + flags.event() + "' is not an event kind; one of: "
            + String.join(", ", EventKind.labels()));
      } else {
        b.kind(kind.get()).kindFromCommandLine(true);
      }
    } else if (context.source() == TriggerSource.COMMAND_LINE || context.source() == TriggerSource.NONE) {
      b.kind(current.isPresent() ? EventKind.PATCH_SET : EventKind.MANUAL);
    }
    TriggerContext result = b.build();
    if (result.kind() == EventKind.TAG && result.kindFromCommandLine() && result.tag().isEmpty()) {
      problem(COMMAND_LINE, "--event", "'tag' needs a tag: give --tag NAME (the environment names none)");
    }
    return result;
  }

  // --- values ---

  private String get(String name) {
    String value = environment.get(name);
    return value == null || value.isBlank() ? null : value.trim();
  }

  private OptionalInt positive(String name, String what) {
    String value = get(name);
    if (value == null) {
      return OptionalInt.empty();
    }
    OptionalInt number = parsePositive(value);
    if (number.isEmpty()) {
      problem(name, "'" + value + "' is not " + what + " (a positive integer)");
    }
    return number;
  }

  private OptionalInt positiveFlag(String flag, String value, String what) {
    OptionalInt number = parsePositive(value.trim());
    if (number.isEmpty()) {
      problem(COMMAND_LINE, flag, "'" + value + "' is not " + what + " (a positive integer)");
    }
    return number;
  }

  private OptionalInt port(String name) {
    String value = get(name);
    if (value == null) {
      return OptionalInt.empty();
    }
    OptionalInt number = parsePositive(value);
    if (number.isEmpty() || number.getAsInt() > 65535) {
      problem(name, "'" + value + "' is not a port number (1 to 65535)");
      return OptionalInt.empty();
    }
    return number;
  }

  private static OptionalInt parsePositive(String value) {
    if (!value.matches("\\d{1,9}")) {
      return OptionalInt.empty();
    }
    int number = Integer.parseInt(value);
    return number > 0 ? OptionalInt.of(number) : OptionalInt.empty();
  }

  private String revision(String name) {
    String value = get(name);
    if (value != null && !REVISION.matcher(value).matches()) {
      problem(name, "'" + value + "' is not a git revision (7 to 64 hex digits)");
      return null;
    }
    return value;
  }

  private static String project(String value) {
    return value == null || value.isBlank() ? null : Setup.projectFromRemote(value.trim());
  }

  private static String firstTag(String... refs) {
    for (String ref : refs) {
      String tag = Setup.tagFromRef(ref);
      if (!tag.isEmpty()) {
        return tag;
      }
    }
    return null;
  }

  /**
   * The branch a ref names: {@code refs/heads/X} gives {@code X}; a name without {@code refs/} (as
   * old Gerrit versions and Zuul report branch updates) is the branch itself; other refs give none.
   */
  static String branchOf(String ref) {
    if (ref == null) {
      return null;
    }
    if (ref.startsWith("refs/heads/")) {
      return ref.substring("refs/heads/".length());
    }
    return ref.startsWith("refs/") ? null : ref;
  }

  private static String fullRef(String ref) {
    return ref.startsWith("refs/") ? ref : "refs/heads/" + ref;
  }

  private static Optional<String> boxed(OptionalInt value) {
    return value.isPresent() ? Optional.of(Integer.toString(value.getAsInt())) : Optional.empty();
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  private void agree(String variable, Optional<String> zuulValue, Optional<String> gerritValue, String zuulVariable) {
    if (zuulValue.isPresent() && gerritValue.isPresent() && !zuulValue.get().equals(gerritValue.get())) {
      problem(variable, "'" + gerritValue.get() + "' disagrees with " + zuulVariable + " '" + zuulValue.get()
          + "': Zuul's and Gerrit Trigger's variables must describe the same event");
    }
  }

  private void agree(String variable, String value, String numberVariable, OptionalInt number, String inRef) {
    if (number.isPresent() && !inRef.replaceFirst("^0+(?=.)", "").equals(Integer.toString(number.getAsInt()))) {
      problem(variable, "'" + value + "' disagrees with " + numberVariable + " '" + number.getAsInt() + "'");
    }
  }

  private void problem(String variable, String message) {
    problem(ENVIRONMENT, variable, message);
  }

  private void problem(Location location, String key, String message) {
    problems.add(new Diagnostic(location, key, message));
  }
}
