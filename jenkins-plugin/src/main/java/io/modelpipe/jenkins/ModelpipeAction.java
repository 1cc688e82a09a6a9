package io.modelpipe.jenkins;

import hudson.model.Run;
import io.modelpipe.step.StepSummary;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import jenkins.model.RunAction2;

/**
 * What the modelpipe steps of a build did, on its page: stages, published images, lint findings and
 * the change. Kept as plain maps and lists so the build record stays readable without core.
 */
public final class ModelpipeAction implements RunAction2 {

  private final List<Map<String, String>> stages = new ArrayList<>();
  private final List<Map<String, Object>> images = new ArrayList<>();
  private int lintFindings;
  private String changeUrl;
  private transient Run<?, ?> run;

  static void addTo(Run<?, ?> run, StepSummary summary) {
    synchronized (run) {
      ModelpipeAction action = run.getAction(ModelpipeAction.class);
      if (action == null) {
        action = new ModelpipeAction();
        run.addAction(action);
      }
      action.add(summary);
    }
  }

  private synchronized void add(StepSummary summary) {
    for (StepSummary.StageRow row : summary.stages()) {
      Map<String, String> stage = new LinkedHashMap<>();
      stage.put("pipeline", row.pipeline());
      stage.put("stage", row.stage());
      stage.put("status", row.status());
      stage.put("duration", row.duration());
      stages.add(stage);
    }
    for (StepSummary.PublishedImage published : summary.images()) {
      Map<String, Object> image = new LinkedHashMap<>();
      image.put("reference", published.reference());
      image.put("tags", new ArrayList<>(published.tags()));
      images.add(image);
    }
    lintFindings += summary.lintFindings();
    summary.changeUrl().ifPresent(url -> changeUrl = url);
  }

  public synchronized List<Map<String, String>> getStages() { return new ArrayList<>(stages); }

  public synchronized List<Map<String, Object>> getImages() { return new ArrayList<>(images); }

  public synchronized int getLintFindings() { return lintFindings; }

  public synchronized String getChangeUrl() { return changeUrl; }

  public Run<?, ?> getRun() { return run; }

  @Override
  public String getIconFileName() { return "symbol-cube"; }

  @Override
  public String getDisplayName() { return "modelpipe"; }

  @Override
  public String getUrlName() { return "modelpipe"; }

  @Override
  public void onAttached(Run<?, ?> r) { this.run = r; }

  @Override
  public void onLoad(Run<?, ?> r) { this.run = r; }
}
