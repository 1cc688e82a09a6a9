package io.modelpipe.pipeline;

import io.modelpipe.config.Pipeline;
import io.modelpipe.config.PipelineConfig;
import io.modelpipe.config.PipelineConfigReader;
import io.modelpipe.config.Setup;
import io.modelpipe.git.ChangedFiles;
import io.modelpipe.git.Changes;
import io.modelpipe.git.GitException;
import io.modelpipe.pipeline.AffectedPipeline.Kind;
import io.modelpipe.pipeline.AffectedPipeline.Reason;
import io.modelpipe.trigger.TriggerContext;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * Selects the pipelines a change affects. A changed file affects a pipeline when it is:
 *
 * <ul>
 *   <li>{@code .pipeline/config.yaml} and the pipeline's entry differs (compared as YAML, so
 *       comments and layout do not count; a new pipeline counts, a removed one is gone); any change
 *       to it when a build reads the file itself (a variant copying the whole context);
 *   <li>the Blubber file a stage that runs builds from;
 *   <li>inside a stage's build context or the pipeline's directory, when that is a sub-directory
 *       (the repository root would claim every file);
 *   <li>the {@code .dockerignore} of a build context;
 *   <li>a file the build reads from its context: {@code copies} and builders' {@code requirements}
 *       of the variant and of every variant it includes or copies from, as the compiled Dockerfile
 *       has them, less {@code exclude}, {@code .dockerignore} and {@code build.excludes}.
 * </ul>
 *
 * <p>The pipelines are those of the config as it is in the working tree. What a pipeline is
 * selected on comes from {@link PipelineInputs}, which {@code modelpipe wiring} turns into Zuul
 * filters.
 */
public final class AffectedPipelines {

  private static final String CONFIG_FILE = PipelineConfigReader.CONFIG_FILE;

  private final Path root;
  private final Setup setup;

  /** What this selects on: every pipeline's inputs, the Blubber variants compiled (see {@link PipelineInputs}). */
  public Map<String, List<PipelineInputs.Input>> inputs(PipelineConfig config) {
    return PipelineInputs.of(root, config, setup);
  }

  /**
   * For each path, the pipelines a change to that path alone selects through a file (a Blubber
   * file, a build context or directory, a file a build reads); the config's entries, which are
   * compared as YAML, aside. The same analysis as a change's selection.
   *
   * @throws InvalidInputException when a Blubber file the pipelines build from is invalid
   */
  public Map<String, List<String>> selectedBy(PipelineConfig config, List<String> paths) {
    PipelineInputs inputs = new PipelineInputs(root, config, setup);
    Map<String, List<String>> selected = new LinkedHashMap<>();
    for (String path : paths) {
      List<String> names = new ArrayList<>();
      for (String name : config.names()) {
        if (inputs.reason(name, path).isPresent()) {
          names.add(name);
        }
      }
      selected.put(path, names);
    }
    inputs.throwProblems();
    return selected;
  }

  /**
   * @param repoRoot the repository root (the directory holding {@code .pipeline/}); it may be a
   *     sub-directory of the git work tree
   * @param setup setup values the variables of the config resolve against
   */
  public AffectedPipelines(Path repoRoot, Setup setup) {
    this.root = repoRoot.toAbsolutePath().normalize();
    this.setup = Objects.requireNonNull(setup, "setup");
  }

  /**
   * The pipelines the working tree's changes against {@code revision} affect: commits since,
   * staged and unstaged edits, deletions, untracked files that git does not ignore.
   *
   * @throws GitException when the root is not in a git work tree or the revision names no commit
   * @throws InvalidInputException when a Blubber file the pipelines build from is invalid
   */
  public AffectedSelection sinceRevision(PipelineConfig config, String revision) {
    try (ChangedFiles git = ChangedFiles.open(root)) {
      return select(config, git, git.workingTreeAgainst(revision));
    }
  }

  /**
   * The pipelines the trigger's change affects: its commit against its first parent, or, for a
   * ref update that names the revision before, the range between the two. Without a commit in the
   * trigger, {@code HEAD} against its first parent.
   *
   * @throws GitException when the root is not in a git work tree, or a commit is not in it
   * @throws InvalidInputException when a Blubber file the pipelines build from is invalid
   */
  public AffectedSelection ofTrigger(PipelineConfig config, TriggerContext trigger) {
    try (ChangedFiles git = ChangedFiles.open(root)) {
      return select(config, git, changesOf(git, trigger));
    }
  }

  private static Changes changesOf(ChangedFiles git, TriggerContext trigger) {
    String commit = trigger.commit().orElse("HEAD");
    Optional<String> before = trigger.oldRevision().filter(old -> !old.matches("0+"));
    boolean refUpdate = before.isPresent() && trigger.newRevision().map(commit::equals).orElse(false);
    try {
      return refUpdate ? git.between(before.get(), commit) : git.commitAgainstParent(commit);
    } catch (GitException e) {
      if (trigger.commit().isEmpty()) {
        throw e;
      }
      throw new GitException("the trigger's commit: " + e.getMessage()
          + "; fetch it, or compare the working tree with --since REV", e);
    }
  }

  /** The selection for changes already read from {@code git} (which reads the previous config). */
  AffectedSelection select(PipelineConfig config, ChangedFiles git, Changes changes) {
    Map<String, String> entryChanges = changes.paths().contains(CONFIG_FILE)
        ? changedEntries(config, git, changes)
        : Map.of();
    PipelineInputs inputs = new PipelineInputs(root, config, setup);
    List<AffectedPipeline> affected = new ArrayList<>();
    List<String> unaffected = new ArrayList<>();
    for (Pipeline pipeline : config.pipelines().values()) {
      List<Reason> reasons = new ArrayList<>();
      String entryChange = entryChanges.get(pipeline.name());
      if (entryChange != null) {
        reasons.add(new Reason(CONFIG_FILE, Kind.CONFIG_ENTRY, "", CONFIG_FILE + ": " + entryChange));
      }
      for (String file : changes.paths()) {
        if (entryChange == null || !file.equals(CONFIG_FILE)) {
          // the config file too: a variant that copies the whole context copies it, every line of it
          inputs.reason(pipeline.name(), file).ifPresent(reasons::add);
        }
      }
      if (reasons.isEmpty()) {
        unaffected.add(pipeline.name());
      } else {
        affected.add(new AffectedPipeline(pipeline.name(), reasons));
      }
    }
    inputs.throwProblems();
    return new AffectedSelection(changes, affected, unaffected);
  }

  /** Pipeline name to how its entry changed, for the pipelines whose entry differs from the base's. */
  private static Map<String, String> changedEntries(PipelineConfig config, ChangedFiles git, Changes changes) {
    Optional<String> beforeText = git.contentAt(changes.baseCommit(), CONFIG_FILE);
    JsonNode after = changes.headCommit()
        .flatMap(head -> git.contentAt(head, CONFIG_FILE))
        .flatMap(text -> pipelinesOf(text, "new"))
        .orElseGet(() -> config.document().root().path("pipelines"));
    Optional<JsonNode> before = beforeText.flatMap(text -> pipelinesOf(text, "previous"));
    Map<String, String> changed = new LinkedHashMap<>();
    for (String name : config.names()) {
      if (beforeText.isEmpty()) {
        changed.put(name, "its entry is new (the file is new)");
      } else if (before.isEmpty()) {
        changed.put(name, "its entry changed (the previous version is not valid YAML)");
      } else if (!before.get().has(name)) {
        changed.put(name, "its entry is new");
      } else if (!before.get().get(name).equals(after.path(name))) {
        changed.put(name, "its entry changed");
      }
    }
    return changed;
  }

  /** The {@code pipelines} mapping of a config's text; empty when it is not valid YAML. */
  private static Optional<JsonNode> pipelinesOf(String text, String which) {
    try {
      return Optional.of(YamlDocument.parse(CONFIG_FILE + " (" + which + ")", text).root().path("pipelines"));
    } catch (InvalidInputException e) {
      return Optional.empty();
    }
  }
}
