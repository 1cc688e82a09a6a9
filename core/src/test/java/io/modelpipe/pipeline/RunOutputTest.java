package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.blubber.BlubberFile;
import io.modelpipe.blubber.BlubberReader;
import io.modelpipe.lint.ImagePaths;
import io.modelpipe.result.LintFinding;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.Test;

public class RunOutputTest {

  @Test
  public void countsFlake8AndBlackFindingsInToxOutput() {
    RunOutput output = new RunOutput(2);
    for (String line : """
        flake8: commands[0] /srv/app> flake8
        ./outlink/model_server/model.py:1:1: F401 'os' imported but unused
        ./outlink/model_server/model.py:9:80: E501 line too long (91 > 79 characters)
        flake8: exit 1 (0.41 seconds) /srv/app> flake8 pid=12
        black: commands[0] /srv/app> black --check .
        would reformat /srv/app/outlink/model_server/model.py
        Oh no! 💥 💔 💥
        1 file would be reformatted, 12 files would be left unchanged.
          flake8: commands failed
          black: commands failed""".lines().toList()) {
      output.add(line);
    }
    assertEquals(OptionalInt.of(3), output.lintFindings());
    assertEquals("  flake8: commands failed\n  black: commands failed", output.tail());
  }

  @Test
  public void findingsPrintedInTheExamplesTestImageCarryRepositoryPathsAndBlacksHunk() {
    Path repo = Path.of("..", "examples", "inference-services").toAbsolutePath().normalize();
    BlubberFile file = BlubberReader.read(repo.resolve(".pipeline/outlink/blubber.yaml"), "blubber.yaml");
    RunOutput output = new RunOutput(0);
    for (String line : """
        flake8: commands[0] /srv/app> python -m flake8 .
        ./outlink/model_server/model.py:7:1: F401 'os' imported but unused
        black: commands[0] /srv/app> python -m black --check --diff .
        --- /srv/app/python/kserve_lite/server.py	2024-05-01 10:00:00.000000+00:00
        +++ /srv/app/python/kserve_lite/server.py	2024-05-01 10:00:01.000000+00:00
        @@ -1,3 +1,3 @@
         import json
        -x=1
        +x = 1
         y = 2
        would reformat /srv/app/python/kserve_lite/server.py
        1 file would be reformatted, 12 files would be left unchanged.""".lines().toList()) {
      output.add(line);
    }
    List<LintFinding> findings = output.findings(Optional.of(ImagePaths.of(repo, repo, file.variant("test")))).orElseThrow();
    assertEquals(List.of(
        new LintFinding("flake8", "outlink/model_server/model.py", 7, 1, "F401", "'os' imported but unused", ""),
        new LintFinding("black", "python/kserve_lite/server.py", 2, 0, "", "would reformat line 2",
            "@@ -1,3 +1,3 @@\n import json\n-x=1\n+x = 1\n y = 2")), findings);
  }

  @Test
  public void outputOfOtherToolsHasNoLintCount() {
    RunOutput output = new RunOutput(0);
    output.add("============================== 5 passed in 0.80s ===============================");
    assertTrue(output.lintFindings().isEmpty());
    assertEquals("", output.tail());
  }
}
