package io.modelpipe;

import static org.junit.Assert.assertEquals;

import java.time.Duration;
import org.junit.Test;

public class DurationsTest {

  @Test
  public void oneTokenWhateverTheLength() {
    assertEquals("0ms", Durations.format(Duration.ZERO));
    assertEquals("0ms", Durations.format(Duration.ofMillis(-5)));
    assertEquals("40ms", Durations.format(Duration.ofMillis(40)));
    assertEquals("999ms", Durations.format(Duration.ofMillis(999)));
    assertEquals("1.0s", Durations.format(Duration.ofMillis(1000)));
    assertEquals("9.9s", Durations.format(Duration.ofMillis(9940)));
    assertEquals("10s", Durations.format(Duration.ofMillis(9950)));
    assertEquals("59s", Durations.format(Duration.ofMillis(59_400)));
    assertEquals("1m00s", Durations.format(Duration.ofMillis(59_600)));
    assertEquals("1m15s", Durations.format(Duration.ofSeconds(75)));
    assertEquals("59m59s", Durations.format(Duration.ofSeconds(3599)));
    assertEquals("1h00m", Durations.format(Duration.ofHours(1)));
    assertEquals("26h03m", Durations.format(Duration.ofHours(26).plusMinutes(3)));
    assertEquals("2.5s", Durations.formatMillis(2500));
  }
}
