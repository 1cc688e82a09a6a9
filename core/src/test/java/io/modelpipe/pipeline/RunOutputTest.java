package io.modelpipe.pipeline;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

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
  public void outputOfOtherToolsHasNoLintCount() {
    RunOutput output = new RunOutput(0);
    output.add("============================== 5 passed in 0.80s ===============================");
    assertTrue(output.lintFindings().isEmpty());
    assertEquals("", output.tail());
  }
}
