package io.modelpipe.wiring;

import io.modelpipe.wiring.IntegrationConfig.JobEntry;
import io.modelpipe.wiring.ProjectWiring.PipelineWiring;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Compares a checkout of integration/config with what a monorepo's pipelines need ({@link
 * ProjectWiring}), as Wikimedia's Zuul 2.5 reads the layout: every {@code jobs:} entry whose name
 * regex {@code re.match}es a job applies in layout order, the last one with {@code files} wins, and
 * a job with files runs when one changed path (Gerrit's list, with {@code /COMMIT_MSG}) matches one
 * regex.
 */
public final class WiringCheck {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private WiringCheck() {}

  /** Every difference, JJB first, then Zuul's project lists, then the filters, in config order. */
  public static List<Drift> check(IntegrationConfig config, ProjectWiring wiring, RepositoryTree tree) {
    List<Drift> drift = new ArrayList<>();
    checkJjb(config, wiring, drift);
    checkProjectLists(config, wiring, drift);
    checkFilters(config, wiring, tree, drift);
    return drift;
  }

  private static void checkJjb(IntegrationConfig config, ProjectWiring wiring, List<Drift> drift) {
    String file = IntegrationConfig.JJB_FILE;
    Optional<MappingNode> project = config.jjbProject(wiring.name());
    if (project.isEmpty()) {
      for (String pipeline : wiring.names()) {
        drift.add(new Drift("jjb-missing", file, 0, pipeline, pipeline + ": missing from the JJB project block: there is no project '"
            + wiring.name() + "', so its jobs " + wiring.triggerJob(pipeline) + " and " + wiring.pipelineJob(pipeline) + " do not exist"));
      }
      return;
    }
    int line = config.jjb().startLine(project.get()) + 1;
    Optional<Node> listNode = IntegrationConfig.value(project.get(), "pipeline");
    List<String> listed = listNode.map(IntegrationConfig::strings).orElse(List.of());
    int listLine = listNode.map(n -> config.jjb().startLine(n) + 1).orElse(line);
    for (String pipeline : wiring.names()) {
      if (!listed.contains(pipeline)) {
        drift.add(new Drift("jjb-missing", file, listLine, pipeline, pipeline + ": missing from the pipeline list of JJB project '"
            + wiring.name() + "': its jobs " + wiring.triggerJob(pipeline) + " and " + wiring.pipelineJob(pipeline) + " do not exist"));
      }
    }
    for (String pipeline : listed) {
      if (wiring.pipeline(pipeline).isEmpty()) {
        drift.add(new Drift("jjb-stale", file, listLine, pipeline, pipeline + ": listed in JJB project '" + wiring.name()
            + "' but gone from .pipeline/config.yaml: its jobs would fail"));
      }
    }
    List<String> jobs = IntegrationConfig.value(project.get(), "jobs").map(IntegrationConfig::strings).orElse(List.of());
    if (!jobs.contains(WiringText.TRIGGER_TEMPLATE)
        || !(jobs.contains(WiringText.PIPELINE_TEMPLATE) || jobs.contains(WiringText.MODELPIPE_TEMPLATE))) {
      drift.add(new Drift("jjb-jobs", file, line, "", "JJB project '" + wiring.name() + "' does not list both '"
          + WiringText.TRIGGER_TEMPLATE + "' and '" + WiringText.PIPELINE_TEMPLATE + "' (or '" + WiringText.MODELPIPE_TEMPLATE + "')"));
    }
  }

  private static void checkProjectLists(IntegrationConfig config, ProjectWiring wiring, List<Drift> drift) {
    String file = IntegrationConfig.LAYOUT_FILE;
    String projectName = wiring.zuulProject().orElse("");
    Optional<MappingNode> project = config.zuulProject(projectName);
    int line = project.map(p -> config.layout().startLine(p) + 1).orElse(0);
    Map<String, List<String>> lists = new LinkedHashMap<>();
    Map<String, Integer> lines = new LinkedHashMap<>();
    for (String zuulPipeline : ProjectWiring.ZUUL_PIPELINES) {
      Optional<Node> list = project.flatMap(p -> IntegrationConfig.value(p, zuulPipeline));
      lists.put(zuulPipeline, list.map(IntegrationConfig::strings).orElse(List.of()));
      lines.put(zuulPipeline, list.map(n -> config.layout().startLine(n) + 1).orElse(line));
    }
    for (PipelineWiring pipeline : wiring.pipelines()) {
      String job = wiring.triggerJob(pipeline.pipeline());
      for (String zuulPipeline : pipeline.zuulPipelines()) {
        if (!lists.get(zuulPipeline).contains(job)) {
          drift.add(new Drift("zuul-missing", file, lines.get(zuulPipeline), pipeline.pipeline(), pipeline.pipeline() + ": "
              + job + " is not in Zuul pipeline " + zuulPipeline + " of project " + (projectName.isEmpty() ? "(unknown)" : projectName)
              + (pipeline.publishes() ? " (the pipeline publishes)" : " (the pipeline tests, publishes nothing)")));
        }
      }
    }
    for (String zuulPipeline : ProjectWiring.ZUUL_PIPELINES) {
      for (String job : lists.get(zuulPipeline)) {
        Optional<String> pipeline = wiring.pipelineOfTriggerJob(job);
        if (pipeline.isEmpty()) {
          continue;
        }
        Optional<PipelineWiring> wired = wiring.pipeline(pipeline.get());
        if (wired.isEmpty()) {
          drift.add(new Drift("zuul-stale", file, lines.get(zuulPipeline), pipeline.get(), pipeline.get() + ": " + job
              + " is in Zuul pipeline " + zuulPipeline + " but the pipeline is gone from .pipeline/config.yaml"));
        } else if (!wired.get().zuulPipelines().contains(zuulPipeline)) {
          drift.add(new Drift("zuul-misplaced", file, lines.get(zuulPipeline), pipeline.get(), pipeline.get() + ": " + job
              + " is in Zuul pipeline " + zuulPipeline + " but belongs in " + String.join(" and ", wired.get().zuulPipelines())
              + (wired.get().publishes() ? " (the pipeline publishes)" : " (the pipeline publishes nothing)")));
        }
      }
    }
  }

  private static void checkFilters(IntegrationConfig config, ProjectWiring wiring, RepositoryTree tree, List<Drift> drift) {
    String file = IntegrationConfig.LAYOUT_FILE;
    List<JobEntry> entries = config.zuulJobs();
    Set<String> reported = new HashSet<>();
    for (JobEntry entry : entries) {
      Optional<String> pipeline = WiringWriter.pipelineOfEntry(wiring, entry.name());
      if (pipeline.isPresent() && wiring.pipeline(pipeline.get()).isEmpty()) {
        drift.add(new Drift("zuul-stale", file, config.layout().startLine(entry.node()) + 1, pipeline.get(),
            pipeline.get() + ": the jobs: entry " + entry.name() + " is for a pipeline gone from .pipeline/config.yaml"));
      }
    }
    for (PipelineWiring pipeline : wiring.pipelines()) {
      String job = wiring.triggerJob(pipeline.pipeline());
      JobEntry effective = null;
      for (JobEntry entry : entries) {
        // an empty files list replaces nothing in Zuul 2.5 (only a non-empty one is copied)
        if (entry.files().map(f -> !f.isEmpty()).orElse(false) && nameMatches(entry.name(), job)) {
          effective = entry;
        }
      }
      if (effective == null) {
        drift.add(new Drift("filter-none", file, 0, pipeline.pipeline(), pipeline.pipeline() + ": " + job
            + " has no files: filter, so it runs on every change"));
        continue;
      }
      int line = config.layout().startLine(effective.node()) + 1;
      List<Pattern> actual = new ArrayList<>();
      for (String regex : effective.files().get()) {
        actual.add(ZuulFilters.compile(regex));
      }
      List<Pattern> wanted = pipeline.files().stream().map(ZuulFilters::compile).toList();
      List<String> misses = new ArrayList<>();
      List<String> extra = new ArrayList<>();
      for (String path : tree.paths()) {
        boolean feeds = anyMatches(wanted, path);
        boolean runs = anyMatches(actual, path);
        if (feeds && !runs) {
          misses.add(path);
        } else if (runs && !feeds) {
          extra.add(path);
        }
      }
      String entryName = "entry " + effective.name() + " (line " + line + ")";
      if (!misses.isEmpty()) {
        drift.add(new Drift("filter-misses", file, line, pipeline.pipeline(), pipeline.pipeline() + ": the filter of " + job
            + " misses " + example(misses, tree) + ", which feeds the pipeline" + more(misses)));
      }
      if (!extra.isEmpty()) {
        drift.add(new Drift("filter-extra", file, line, pipeline.pipeline(), pipeline.pipeline() + ": the filter of " + job
            + " runs it for " + example(extra, tree) + ", which does not feed it" + more(extra)));
      }
      List<Node> items = effective.filesNode().filter(SequenceNode.class::isInstance)
          .map(n -> ((SequenceNode) n).getValue()).orElse(List.of());
      List<String> regexes = effective.files().get();
      for (int i = 0; i < regexes.size(); i++) {
        String regex = regexes.get(i);
        int itemLine = i < items.size() ? config.layout().startLine(items.get(i)) + 1 : line;
        // a generated regex is right even when no file matches it yet (a .dockerignore to come)
        if (pipeline.files().contains(regex) || !reported.add(itemLine + "\n" + regex)) {
          continue;
        }
        Pattern pattern = actual.get(i);
        boolean matchesSomething = pattern.matcher("/COMMIT_MSG").lookingAt()
            || tree.files().stream().anyMatch(path -> pattern.matcher(path).lookingAt());
        if (matchesSomething) {
          continue;
        }
        Optional<String> literal = literalPath(regex);
        if (literal.isPresent() && literal.get().startsWith(".pipeline/") && literal.get().endsWith(".yaml")) {
          drift.add(new Drift("dead-blubber", file, itemLine, pipeline.pipeline(), pipeline.pipeline() + ": the filter of " + job
              + " names Blubber file " + literal.get() + ", which no longer exists"));
        } else {
          drift.add(new Drift("dead-entry", file, itemLine, pipeline.pipeline(), pipeline.pipeline() + ": the filter of " + job
              + " has an entry that matches no file: '" + regex + "'"));
        }
      }
    }
  }

  /** Zuul's job name match: the entry's name is a regex, {@code re.match}ed against the job name. */
  static boolean nameMatches(String entryName, String job) {
    return ZuulFilters.compile(entryName).matcher(job).lookingAt();
  }

  private static boolean anyMatches(List<Pattern> patterns, String path) {
    for (Pattern pattern : patterns) {
      if (pattern.matcher(path).lookingAt()) {
        return true;
      }
    }
    return false;
  }

  /** One real path of the tree (one outside dot-directories and dot-files first), else a new file in a directory. */
  private static String example(List<String> paths, RepositoryTree tree) {
    for (String path : paths) {
      if (tree.files().contains(path) && !path.startsWith(".")) {
        return path;
      }
    }
    for (String path : paths) {
      if (tree.files().contains(path)) {
        return path;
      }
    }
    String probe = paths.get(0);
    int cut = probe.lastIndexOf('/');
    return "a new file in " + (cut < 0 ? "the repository root" : probe.substring(0, cut) + "/");
  }

  private static String more(List<String> paths) {
    return paths.size() > 1 ? " (and " + (paths.size() - 1) + " more " + (paths.size() == 2 ? "path" : "paths") + ")" : "";
  }

  /** The path a regex names, when it names one file: {@code \.} escapes only, optional anchors. */
  static Optional<String> literalPath(String regex) {
    String body = regex.startsWith("^") ? regex.substring(1) : regex;
    body = body.endsWith("$") ? body.substring(0, body.length() - 1) : body;
    String unescaped = body.replace("\\.", ".").replace("\\-", "-").replace("\\/", "/");
    return unescaped.matches("[A-Za-z0-9_./-]+") && !body.replaceAll("\\\\.", "").contains(".*")
        ? Optional.of(unescaped.replace(".", ".")) : Optional.empty();
  }

  /** The drift as JSON: {@code {"format": 1, "drift": [...], "edited": [...]}}. */
  public static String json(List<Drift> drift, List<String> edited) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.put("clean", drift.isEmpty());
    ArrayNode items = root.putArray("drift");
    for (Drift d : drift) {
      ObjectNode item = items.addObject();
      item.put("kind", d.kind());
      item.put("file", d.file());
      item.put("line", d.line());
      item.put("pipeline", d.pipeline());
      item.put("message", d.message());
    }
    ArrayNode files = root.putArray("edited");
    edited.forEach(files::add);
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }

  /** What the repository needs, as JSON. */
  public static String json(ProjectWiring wiring) {
    ObjectNode root = JSON.createObjectNode();
    root.put("format", 1);
    root.put("name", wiring.name());
    root.put("zuulProject", wiring.zuulProject().orElse(null));
    ArrayNode pipelines = root.putArray("pipelines");
    for (PipelineWiring pipeline : wiring.pipelines()) {
      ObjectNode item = pipelines.addObject();
      item.put("pipeline", pipeline.pipeline());
      item.put("triggerJob", wiring.triggerJob(pipeline.pipeline()));
      item.put("pipelineJob", wiring.pipelineJob(pipeline.pipeline()));
      item.put("publishes", pipeline.publishes());
      ArrayNode zuul = item.putArray("zuulPipelines");
      pipeline.zuulPipelines().forEach(zuul::add);
      ArrayNode files = item.putArray("files");
      pipeline.files().forEach(files::add);
    }
    return JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}
