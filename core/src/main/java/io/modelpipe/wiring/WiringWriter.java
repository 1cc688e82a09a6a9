package io.modelpipe.wiring;

import io.modelpipe.wiring.IntegrationConfig.JobEntry;
import io.modelpipe.wiring.IntegrationConfig.YamlFile;
import io.modelpipe.wiring.ProjectWiring.PipelineWiring;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * Edits a checkout of integration/config so that {@link WiringCheck} finds nothing: replaces,
 * inserts and removes whole lines of the entries that differ, located from the YAML nodes' marks.
 * Everything else (comments, order, other projects, the file's own indentation) stays byte for
 * byte; nothing is re-serialised.
 */
public final class WiringWriter {

  /** Replace lines {@code [start, end)} with {@code text} (an insertion when start == end). */
  private record Edit(int start, int end, String text) {}

  /** An edit and the order it was made in: insertions at one line keep that order. */
  private record Numbered(Edit edit, int order) {}

  private WiringWriter() {}

  /** Edits the two files; returns those it changed. */
  public static List<String> write(IntegrationConfig config, ProjectWiring wiring, RepositoryTree tree) {
    List<String> edited = new ArrayList<>();
    if (apply(config.jjb(), config, jjbEdits(config, wiring))) {
      edited.add(IntegrationConfig.JJB_FILE);
    }
    if (apply(config.layout(), config, layoutEdits(config, wiring))) {
      edited.add(IntegrationConfig.LAYOUT_FILE);
    }
    return edited;
  }

  private static boolean apply(YamlFile file, IntegrationConfig config, List<Edit> edits) {
    List<String> lines = new ArrayList<>(file.lines());
    if (!lines.isEmpty() && !lines.get(lines.size() - 1).endsWith("\n")) {
      lines.set(lines.size() - 1, lines.get(lines.size() - 1) + "\n");
    }
    List<Numbered> sorted = new ArrayList<>();
    for (int i = 0; i < edits.size(); i++) {
      sorted.add(new Numbered(edits.get(i), i));
    }
    // bottom up, so that line numbers above stay right; at one line, removals before insertions
    // and the later insertion first, so that insertions end up in the order they were made
    sorted.sort(Comparator.comparingInt((Numbered n) -> n.edit().start())
        .thenComparingInt(n -> n.edit().end())
        .thenComparingInt(Numbered::order).reversed());
    for (Numbered numbered : sorted) {
      Edit edit = numbered.edit();
      List<String> replacement = IntegrationConfig.splitLines(edit.text());
      for (int i = edit.end() - 1; i >= edit.start(); i--) {
        lines.remove(i);
      }
      lines.addAll(edit.start(), replacement);
    }
    String text = String.join("", lines);
    if (text.equals(file.text()) || (text.equals(file.text() + "\n") && edits.isEmpty())) {
      return false;
    }
    try {
      Files.writeString(config.directory().resolve(file.path()), text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return true;
  }

  private static List<Edit> jjbEdits(IntegrationConfig config, ProjectWiring wiring) {
    YamlFile file = config.jjb();
    List<Edit> edits = new ArrayList<>();
    Optional<MappingNode> project = config.jjbProject(wiring.name());
    if (project.isEmpty()) {
      edits.add(new Edit(file.lines().size(), file.lines().size(), "\n" + WiringText.jjb(wiring)));
      return edits;
    }
    Optional<Node> list = IntegrationConfig.value(project.get(), "pipeline");
    if (list.isPresent() && list.get() instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
      edits.addAll(listEdits(file, sequence, wiring.names(), name -> wiring.pipeline(name).isPresent()));
    }
    // the comment lines naming each job a template expands to
    Optional<Node> jobs = IntegrationConfig.value(project.get(), "jobs");
    if (jobs.isPresent() && jobs.get() instanceof SequenceNode sequence) {
      int previousEnd = file.startLine(sequence);
      for (Node item : sequence.getValue()) {
        int start = file.startLine(item);
        if (item instanceof ScalarNode scalar && (scalar.getValue().equals(WiringText.TRIGGER_TEMPLATE)
            || scalar.getValue().equals(WiringText.PIPELINE_TEMPLATE))) {
          int first = start;
          while (first > previousEnd && isJobComment(file.lines().get(first - 1), wiring.name())) {
            first--;
          }
          if (first < start) {
            String indent = " ".repeat(file.column(item) - 2);
            edits.add(new Edit(first, start, WiringText.jobComments(wiring,
                scalar.getValue().equals(WiringText.TRIGGER_TEMPLATE), indent)));
          }
        }
        previousEnd = file.endLine(item);
      }
    }
    return edits;
  }

  private static boolean isJobComment(String line, String name) {
    String stripped = line.strip();
    return stripped.startsWith("# trigger-" + name + "-pipeline-") || stripped.startsWith("# " + name + "-pipeline-");
  }

  /**
   * Edits of a block sequence of names so that it holds {@code wanted}: items that {@code keep}
   * rejects go (with the comment lines just above them), missing ones are inserted after their
   * predecessor in {@code wanted}, or before the first item. Other items stay as they are.
   */
  private static List<Edit> listEdits(YamlFile file, SequenceNode sequence, List<String> wanted,
      java.util.function.Predicate<String> keep) {
    List<Edit> edits = new ArrayList<>();
    List<Node> items = sequence.getValue();
    List<String> names = IntegrationConfig.strings(sequence);
    List<int[]> spans = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      int start = i == 0 ? file.startLine(items.get(0)) : file.endLine(items.get(i - 1));
      spans.add(new int[] {start, file.endLine(items.get(i))});
    }
    String indent = " ".repeat(Math.max(0, file.column(items.get(0)) - 2));
    for (int i = 0; i < items.size() && i < names.size(); i++) {
      if (!keep.test(names.get(i))) {
        edits.add(new Edit(spans.get(i)[0], spans.get(i)[1], ""));
      }
    }
    for (int w = 0; w < wanted.size(); w++) {
      String name = wanted.get(w);
      if (names.contains(name)) {
        continue;
      }
      int at = spans.get(0)[0];
      for (int p = w - 1; p >= 0; p--) {
        int index = names.indexOf(wanted.get(p));
        if (index >= 0 && keep.test(wanted.get(p))) {
          at = spans.get(index)[1];
          break;
        }
      }
      edits.add(new Edit(at, at, indent + "- " + name + "\n"));
    }
    return edits;
  }

  private static List<Edit> layoutEdits(IntegrationConfig config, ProjectWiring wiring) {
    YamlFile file = config.layout();
    List<Edit> edits = new ArrayList<>();
    List<JobEntry> entries = config.zuulJobs();
    Function<JobEntry, Optional<String>> pipelineOf = entry -> pipelineOfEntry(wiring, entry.name());
    // this project's entries: stale ones go, the others get the generated files
    int lastOurs = -1;
    for (JobEntry entry : entries) {
      Optional<String> pipeline = pipelineOf.apply(entry);
      if (pipeline.isEmpty()) {
        continue;
      }
      lastOurs = Math.max(lastOurs, file.endLine(entry.node()));
      Optional<PipelineWiring> wired = wiring.pipeline(pipeline.get());
      int start = file.startLine(entry.node());
      int end = file.endLine(entry.node());
      if (wired.isEmpty()) {
        int from = start > 0 && file.lines().get(start - 1).isBlank() ? start - 1 : start;
        edits.add(new Edit(from, end, ""));
        continue;
      }
      String wantedName = WiringText.jobNameRegex(wiring, pipeline.get());
      boolean anchored = entry.name().endsWith("$");
      boolean shared = !anchored && wiring.names().stream()
          .anyMatch(other -> !other.equals(pipeline.get()) && WiringCheck.nameMatches(entry.name(), wiring.triggerJob(other)));
      Optional<NodeTuple> nameTuple = IntegrationConfig.tuple(entry.node(), "name");
      if (shared && nameTuple.isPresent()) {
        int line = file.startLine(nameTuple.get().getValueNode());
        String text = file.lines().get(line);
        String value = ((ScalarNode) nameTuple.get().getValueNode()).getValue();
        edits.add(new Edit(line, line + 1, text.replace(value, wantedName)));
      }
      if (entry.files().map(wired.get().files()::equals).orElse(false)) {
        continue;
      }
      String indent = " ".repeat(file.column(entry.node()));
      Optional<NodeTuple> filesTuple = IntegrationConfig.tuple(entry.node(), "files");
      if (filesTuple.isPresent() && filesTuple.get().getValueNode() instanceof SequenceNode items
          && !items.getValue().isEmpty()) {
        String itemIndent = " ".repeat(file.column(items.getValue().get(0)) - 2);
        int from = file.startLine(items.getValue().get(0));
        edits.add(new Edit(from, file.endLine(items), WiringText.filesItems(wired.get().files(), itemIndent)));
      } else if (filesTuple.isPresent()) {
        int keyLine = file.startLine(filesTuple.get().getKeyNode());
        edits.add(new Edit(keyLine, file.endLine(filesTuple.get().getValueNode()),
            indent + "files:\n" + WiringText.filesItems(wired.get().files(), indent + "    ")));
      } else {
        edits.add(new Edit(end, end, indent + "files:\n" + WiringText.filesItems(wired.get().files(), indent + "    ")));
      }
    }
    // entries for pipelines that have none
    Optional<SequenceNode> jobsNode = config.zuulJobsNode();
    if (jobsNode.isPresent() && !jobsNode.get().getValue().isEmpty()) {
      List<Node> items = jobsNode.get().getValue();
      String indent = " ".repeat(file.column(items.get(0)) - 2);
      int insertAt = lastOurs >= 0 ? lastOurs : file.endLine(items.get(items.size() - 1));
      for (PipelineWiring pipeline : wiring.pipelines()) {
        boolean has = entries.stream().anyMatch(e -> pipelineOf.apply(e).map(pipeline.pipeline()::equals).orElse(false));
        if (!has) {
          int at = insertAt;
          for (JobEntry entry : entries) {
            Optional<String> other = pipelineOf.apply(entry);
            if (other.isPresent() && wiring.names().indexOf(other.get()) >= 0
                && wiring.names().indexOf(other.get()) < wiring.names().indexOf(pipeline.pipeline())) {
              at = file.endLine(entry.node());
            }
          }
          edits.add(new Edit(at, at, "\n" + WiringText.jobEntry(wiring, pipeline, indent)));
        }
      }
    }
    edits.addAll(projectEdits(config, wiring));
    return edits;
  }

  /**
   * The pipeline a {@code jobs:} entry of this project is for: its name is {@code
   * ^trigger-NAME-pipeline-P}, anchored with {@code $} or not; empty for any other entry.
   */
  static Optional<String> pipelineOfEntry(ProjectWiring wiring, String name) {
    String prefix = "^" + ZuulFilters.literal("trigger-" + wiring.name() + "-pipeline-");
    String plainPrefix = "^trigger-" + wiring.name() + "-pipeline-";
    String rest = name.startsWith(prefix) ? name.substring(prefix.length())
        : name.startsWith(plainPrefix) ? name.substring(plainPrefix.length()) : null;
    if (rest == null) {
      return Optional.empty();
    }
    rest = rest.endsWith("$") ? rest.substring(0, rest.length() - 1) : rest;
    rest = rest.replace("\\", "");
    return rest.matches("[A-Za-z0-9._-]+") ? Optional.of(rest) : Optional.empty();
  }

  private static List<Edit> projectEdits(IntegrationConfig config, ProjectWiring wiring) {
    YamlFile file = config.layout();
    List<Edit> edits = new ArrayList<>();
    if (wiring.zuulProject().isEmpty()) {
      return edits;
    }
    Optional<MappingNode> project = config.zuulProject(wiring.zuulProject().get());
    if (project.isEmpty()) {
      Optional<SequenceNode> projects = config.zuulProjectsNode();
      if (projects.isPresent() && !projects.get().getValue().isEmpty()) {
        List<Node> items = projects.get().getValue();
        String indent = " ".repeat(file.column(items.get(0)) - 2);
        int at = file.endLine(items.get(items.size() - 1));
        StringBuilder text = new StringBuilder("\n").append(indent).append("- name: ").append(wiring.zuulProject().get()).append('\n');
        for (String zuulPipeline : ProjectWiring.ZUUL_PIPELINES) {
          text.append(WiringText.zuulPipelineList(wiring, zuulPipeline, indent + "  "));
        }
        edits.add(new Edit(at, at, text.toString()));
      }
      return edits;
    }
    String keyIndent = " ".repeat(file.column(project.get()));
    for (String zuulPipeline : ProjectWiring.ZUUL_PIPELINES) {
      List<String> wanted = WiringText.jobsIn(wiring, zuulPipeline);
      Optional<Node> list = IntegrationConfig.value(project.get(), zuulPipeline);
      if (list.isPresent() && list.get() instanceof SequenceNode sequence && !sequence.getValue().isEmpty()) {
        edits.addAll(listEdits(file, sequence, wanted,
            job -> wiring.pipelineOfTriggerJob(job).isEmpty() || wanted.contains(job)));
      } else if (list.isEmpty() && !wanted.isEmpty()) {
        int at = file.endLine(project.get());
        edits.add(new Edit(at, at, WiringText.zuulPipelineList(wiring, zuulPipeline, keyIndent)));
      }
    }
    return edits;
  }
}
