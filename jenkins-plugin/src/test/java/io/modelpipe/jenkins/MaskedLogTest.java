package io.modelpipe.jenkins;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.Test;

/**
 * The engine's output on its way to the build log. Plain Java: bin/check-jenkins-plugin runs this
 * test too, so it runs in this project's CI.
 */
public class MaskedLogTest {

  private final ByteArrayOutputStream buildLog = new ByteArrayOutputStream();

  private MaskedLog log(String... secrets) {
    return new MaskedLog(new PrintStream(buildLog, true, StandardCharsets.UTF_8), List.of(secrets));
  }

  private String buildLog() {
    return buildLog.toString(StandardCharsets.UTF_8);
  }

  @Test
  public void aSecretSplitAcrossWritesIsMaskedWhole() throws Exception {
    MaskedLog log = log("s3cr3t-pass");
    log.write("login with s3cr".getBytes(StandardCharsets.UTF_8));
    log.write("3t-pass done\nnext line\n".getBytes(StandardCharsets.UTF_8));
    log.flush();
    assertEquals("login with **** done\nnext line\n", buildLog());
  }

  @Test
  public void theLongerOfTwoOverlappingSecretsIsMaskedWhole() throws Exception {
    MaskedLog log = log("token", "token-with-suffix");
    log.write("a token-with-suffix and a token\n".getBytes(StandardCharsets.UTF_8));
    log.flush();
    assertEquals("a **** and a ****\n", buildLog());
  }

  @Test
  public void aLastLineWithoutNewlineIsWrittenOnFlushAndKeptInTheTail() throws Exception {
    MaskedLog log = log("pw");
    log.write("one\ntwo pw".getBytes(StandardCharsets.UTF_8));
    assertFalse(buildLog().contains("two"));
    log.flush();
    assertEquals("one\ntwo ****", buildLog());
    assertEquals("one\ntwo ****", log.tail());
  }

  @Test
  public void theTailHoldsTheLastFortyLinesMasked() throws Exception {
    MaskedLog log = log("hunter2");
    for (int i = 1; i <= 100; i++) {
      log.write(("line " + i + " hunter2\n").getBytes(StandardCharsets.UTF_8));
    }
    log.flush();
    String tail = log.tail();
    assertTrue(tail, tail.startsWith("line 61 ****\n"));
    assertTrue(tail, tail.endsWith("line 100 ****\n"));
    assertFalse(tail.contains("hunter2"));
    assertFalse(buildLog().contains("hunter2"));
  }

  @Test
  public void multiByteTextAndEmptySecretsAreLeftAlone() throws Exception {
    MaskedLog log = log("", "pässwörd");
    log.write("grüße pässwörd\n".getBytes(StandardCharsets.UTF_8));
    log.flush();
    assertEquals("grüße ****\n", buildLog());
  }
}
