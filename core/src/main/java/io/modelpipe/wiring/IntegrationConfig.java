package io.modelpipe.wiring;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.EditDistance;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.Location;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A checkout of integration/config: its {@code jjb/project-pipelines.yaml} and {@code
 * zuul/layout.yaml}, as text and as YAML nodes that remember their lines (so that edits touch
 * only the lines of the entries they change).
 */
public final class IntegrationConfig {

  public static final String JJB_FILE = "jjb/project-pipelines.yaml";
  public static final String LAYOUT_FILE = "zuul/layout.yaml";

  /** One file: its text, split in lines (each with its line break), and its root node. */
  public record YamlFile(String path, String text, List<String> lines, Node root) {
    /** The 0-based line a node starts on. */
    public int startLine(Node node) {
      return node.getStartMark().map(Mark::getLine).orElse(0);
    }

    /**
     * The 0-based line after a node's last line of content: trailing blank and comment lines,
     * which YAML counts into a block, stay out.
     */
    public int endLine(Node node) {
      // a block collection ends where the next token starts: its last scalar ends its content
      Node last = lastLeaf(node);
      Mark end = last.getEndMark().orElseThrow();
      int exclusive = end.getColumn() == 0 ? end.getLine() : end.getLine() + 1;
      int start = startLine(node);
      while (exclusive - 1 > start && exclusive - 1 < lines.size() && isBlankOrComment(lines.get(exclusive - 1))) {
        exclusive--;
      }
      return Math.min(exclusive, lines.size());
    }

    private static Node lastLeaf(Node node) {
      if (node instanceof MappingNode mapping && !mapping.getValue().isEmpty()
          && mapping.getFlowStyle() != org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
        return lastLeaf(mapping.getValue().get(mapping.getValue().size() - 1).getValueNode());
      }
      if (node instanceof SequenceNode sequence && !sequence.getValue().isEmpty()
          && sequence.getFlowStyle() != org.snakeyaml.engine.v2.common.FlowStyle.FLOW) {
        return lastLeaf(sequence.getValue().get(sequence.getValue().size() - 1));
      }
      return node;
    }

    /** The column (0-based) a node starts at. */
    public int column(Node node) {
      return node.getStartMark().map(Mark::getColumn).orElse(0);
    }
  }

  /**
   * An entry of the layout's {@code jobs:}.
   *
   * @param name its {@code name} regex
   * @param node the entry's mapping
   * @param files its {@code files} regexes, if it has any
   * @param filesNode the {@code files} value node, if any
   */
  public record JobEntry(String name, MappingNode node, Optional<List<String>> files, Optional<Node> filesNode) {}

  private final Path directory;
  private final YamlFile jjb;
  private final YamlFile layout;

  private IntegrationConfig(Path directory, YamlFile jjb, YamlFile layout) {
    this.directory = directory;
    this.jjb = jjb;
    this.layout = layout;
  }

  /**
   * Reads a checkout.
   *
   * @throws InvalidInputException (exit 2) naming a missing file, or the line of invalid YAML
   */
  public static IntegrationConfig read(Path directory) {
    List<Diagnostic> missing = new ArrayList<>();
    for (String file : List.of(JJB_FILE, LAYOUT_FILE)) {
      if (!Files.isRegularFile(directory.resolve(file))) {
        missing.add(new Diagnostic(Location.ofFile(directory.resolve(file).toString()), "",
            "not an integration/config checkout: " + file + " is missing"));
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidInputException(missing);
    }
    return new IntegrationConfig(directory, load(directory, JJB_FILE), load(directory, LAYOUT_FILE));
  }

  public Path directory() {
    return directory;
  }

  public YamlFile jjb() {
    return jjb;
  }

  public YamlFile layout() {
    return layout;
  }

  /** The JJB {@code project} mapping named {@code name}. */
  public Optional<MappingNode> jjbProject(String name) {
    if (!(jjb.root() instanceof SequenceNode items)) {
      return Optional.empty();
    }
    for (Node item : items.getValue()) {
      Optional<Node> project = value(item, "project");
      if (project.isPresent() && project.get() instanceof MappingNode mapping
          && scalar(mapping, "name").map(name::equals).orElse(false)) {
        return Optional.of(mapping);
      }
    }
    return Optional.empty();
  }

  /** The names of every JJB project. */
  public List<String> jjbProjectNames() {
    List<String> names = new ArrayList<>();
    if (jjb.root() instanceof SequenceNode items) {
      for (Node item : items.getValue()) {
        value(item, "project").flatMap(p -> scalar(p, "name")).ifPresent(names::add);
      }
    }
    return names;
  }

  /** The layout's {@code jobs:} entries, in order. */
  public List<JobEntry> zuulJobs() {
    List<JobEntry> entries = new ArrayList<>();
    Optional<Node> jobs = value(layout.root(), "jobs");
    if (jobs.isPresent() && jobs.get() instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        if (item instanceof MappingNode mapping) {
          Optional<String> name = scalar(mapping, "name");
          if (name.isEmpty()) {
            continue;
          }
          Optional<Node> filesNode = value(mapping, "files");
          Optional<List<String>> files = filesNode.map(IntegrationConfig::strings);
          entries.add(new JobEntry(name.get(), mapping, files, filesNode));
        }
      }
    }
    return entries;
  }

  /** The layout's {@code jobs:} sequence. */
  public Optional<SequenceNode> zuulJobsNode() {
    return value(layout.root(), "jobs").filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast);
  }

  /** The layout's {@code projects:} sequence. */
  public Optional<SequenceNode> zuulProjectsNode() {
    return value(layout.root(), "projects").filter(SequenceNode.class::isInstance).map(SequenceNode.class::cast);
  }

  /** The {@code projects:} entry of a Gerrit project. */
  public Optional<MappingNode> zuulProject(String project) {
    return zuulProjectsNode().flatMap(projects -> projects.getValue().stream()
        .filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
        .filter(p -> scalar(p, "name").map(project::equals).orElse(false))
        .findFirst());
  }

  /** The Gerrit project whose {@code projects:} entry lists trigger jobs of JJB project {@code name}. */
  public Optional<String> zuulProjectOf(String name) {
    String prefix = "trigger-" + name + "-pipeline-";
    return zuulProjectsNode().flatMap(projects -> projects.getValue().stream()
        .filter(MappingNode.class::isInstance).map(MappingNode.class::cast)
        .filter(p -> p.getValue().stream().anyMatch(t -> t.getValueNode() instanceof SequenceNode s
            && strings(s).stream().anyMatch(job -> job.startsWith(prefix))))
        .findFirst()
        .flatMap(p -> scalar(p, "name")));
  }

  /**
   * Checks that the checkout knows JJB project {@code name}: a {@code project} block, or a Zuul job
   * of it.
   *
   * @throws InvalidInputException (exit 2) for an unknown name, with the nearest known one
   */
  public void requireProject(String name) {
    if (jjbProject(name).isPresent() || zuulProjectOf(name).isPresent()) {
      return;
    }
    TreeSet<String> known = new TreeSet<>(jjbProjectNames());
    String hint = known.stream().filter(n -> EditDistance.between(n, name) <= 3)
        .min(java.util.Comparator.comparingInt(n -> EditDistance.between(n, name)))
        .map(n -> "; did you mean '" + n + "'?").orElse("");
    throw new InvalidInputException(new Diagnostic(Location.ofFile(directory.resolve(JJB_FILE).toString()), "--name",
        "unknown project '" + name + "': no project block has this name and no Zuul job is its" + hint
            + " (print a new project's entries with --jjb and --zuul)"));
  }

  /** The value of a mapping's key. */
  public static Optional<Node> value(Node mapping, String key) {
    if (!(mapping instanceof MappingNode map)) {
      return Optional.empty();
    }
    for (NodeTuple tuple : map.getValue()) {
      if (tuple.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)) {
        return Optional.of(tuple.getValueNode());
      }
    }
    return Optional.empty();
  }

  /** A mapping's key node. */
  public static Optional<NodeTuple> tuple(Node mapping, String key) {
    if (!(mapping instanceof MappingNode map)) {
      return Optional.empty();
    }
    return map.getValue().stream()
        .filter(t -> t.getKeyNode() instanceof ScalarNode k && k.getValue().equals(key)).findFirst();
  }

  static Optional<String> scalar(Node mapping, String key) {
    return value(mapping, key).filter(ScalarNode.class::isInstance).map(n -> ((ScalarNode) n).getValue());
  }

  /** The scalar items of a sequence (a single scalar counts as one item); a mapping item's only key. */
  public static List<String> strings(Node node) {
    List<String> values = new ArrayList<>();
    if (node instanceof ScalarNode scalar) {
      values.add(scalar.getValue());
    } else if (node instanceof SequenceNode sequence) {
      for (Node item : sequence.getValue()) {
        if (item instanceof ScalarNode scalar) {
          values.add(scalar.getValue());
        } else if (item instanceof MappingNode mapping && mapping.getValue().size() == 1
            && mapping.getValue().get(0).getKeyNode() instanceof ScalarNode key) {
          values.add(key.getValue());
        }
      }
    }
    return values;
  }

  private static boolean isBlankOrComment(String line) {
    String stripped = line.strip();
    return stripped.isEmpty() || stripped.startsWith("#");
  }

  private static YamlFile load(Path directory, String file) {
    String display = directory.resolve(file).toString();
    String text;
    try {
      text = Files.readString(directory.resolve(file), StandardCharsets.UTF_8);
    } catch (java.nio.charset.MalformedInputException e) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(display), "", "file is not valid UTF-8"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LoadSettings settings = LoadSettings.builder().setLabel(display).setUseMarks(true)
        .setMaxAliasesForCollections(10_000).setCodePointLimit(Integer.MAX_VALUE).build();
    Node root;
    try {
      root = new Compose(settings).composeString(text).orElse(null);
    } catch (MarkedYamlEngineException e) {
      Mark mark = e.getProblemMark().or(e::getContextMark).orElse(null);
      Location where = mark == null ? Location.ofFile(display) : new Location(display, mark.getLine() + 1, mark.getColumn() + 1);
      String problem = e.getProblem() == null ? e.getMessage() : e.getProblem();
      throw new InvalidInputException(new Diagnostic(where, "", "not valid YAML: " + problem));
    } catch (YamlEngineException e) {
      throw new InvalidInputException(new Diagnostic(Location.ofFile(display), "", "not valid YAML: " + e.getMessage()));
    }
    return new YamlFile(file, text, splitLines(text), root);
  }

  /** The lines of a text, each with its line break. */
  static List<String> splitLines(String text) {
    List<String> lines = new ArrayList<>();
    int start = 0;
    for (int i = 0; i < text.length(); i++) {
      if (text.charAt(i) == '\n') {
        lines.add(text.substring(start, i + 1));
        start = i + 1;
      }
    }
    if (start < text.length()) {
      lines.add(text.substring(start));
    }
    return lines;
  }
}
