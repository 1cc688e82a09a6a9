package io.modelpipe.gerrit;

import io.modelpipe.RetryPolicy;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.InvalidInputException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Connection settings from flags, environment and credentials file; secrets never shown. */
public class GerritConnectionTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static GerritConnection.Flags flags(String url, String user, String password) {
    return new GerritConnection.Flags(Optional.ofNullable(url), Optional.ofNullable(user),
        Optional.ofNullable(password).map(Secret::of), Optional.empty(), Optional.empty());
  }

  @Test
  public void flagsBeforeEnvironmentBeforeFile() throws Exception {
    Path file = temp.newFile("creds").toPath();
    Files.writeString(file, "url=https://file.example/r\nuser=file-user\npassword=file-pass\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    Map<String, String> env = Map.of(GerritConnection.ENV_USER, "env-user", GerritConnection.ENV_CREDENTIALS, file.toString());
    List<String> warnings = new ArrayList<>();

    GerritConnection c = GerritConnection.resolve(flags(null, null, null), env, warnings::add);
    assertEquals(Optional.of(URI.create("https://file.example/r/")), c.url());
    assertEquals(new GerritCredentials.HttpPassword("env-user", Secret.of("file-pass")), c.credentials().get());

    c = GerritConnection.resolve(flags("http://flag.example:8080", "flag-user", "flag-pass"), env, warnings::add);
    assertEquals(URI.create("http://flag.example:8080/"), c.requireUrl());
    assertEquals(new GerritCredentials.HttpPassword("flag-user", Secret.of("flag-pass")), c.requireCredentials());
    assertEquals(List.of(), warnings);
  }

  @Test
  public void aTokenAloneIsABearerToken() {
    GerritConnection c = GerritConnection.resolve(GerritConnection.Flags.none(),
        Map.of(GerritConnection.ENV_URL, "https://gerrit.example/", GerritConnection.ENV_TOKEN, "tok"), w -> {});
    assertEquals(new GerritCredentials.BearerToken(Secret.of("tok")), c.requireCredentials());
    assertEquals("Bearer tok", c.requireCredentials().authorizationHeader());
  }

  @Test
  public void problemsAreClearAndNeverShowTheSecret() throws Exception {
    assertInvalid("credentials: both an HTTP password and a token are given; give one",
        GerritConnection.Flags.none(), Map.of(GerritConnection.ENV_USER, "u", GerritConnection.ENV_PASSWORD, "pw-1",
            GerritConnection.ENV_TOKEN, "tok-1"));
    assertInvalid("credentials: an HTTP password needs a user: --user or MODELPIPE_GERRIT_USER",
        GerritConnection.Flags.none(), Map.of(GerritConnection.ENV_PASSWORD, "pw-1"));
    assertInvalid("--url: the Gerrit URL must not carry credentials; give them with --user and --password-stdin or"
        + " MODELPIPE_GERRIT_*", flags("https://bot:pw-1@gerrit.example/", null, null), Map.of());
    assertInvalid("--url: the Gerrit URL must be an http:// or https:// URL with a host", flags("ftp://x/", null, null),
        Map.of());
    try {
      GerritConnection.resolve(GerritConnection.Flags.none(), Map.of(), w -> {}).requireCredentials();
      fail();
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("credentials: no Gerrit credentials: give --user and"));
    }
    Path file = temp.newFile("open-creds").toPath();
    Files.writeString(file, "user=u\npassword=pw-1\ncolour=red\n");
    try {
      GerritConnection.resolve(GerritConnection.Flags.none(), Map.of(GerritConnection.ENV_CREDENTIALS, file.toString()),
          w -> {});
      fail();
    } catch (InvalidInputException e) {
      assertEquals(file + ": colour: unknown key; a credentials file has url, user, password, token", e.getMessage());
    }
    Files.writeString(file, "user=u\npassword=pw-1\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    List<String> warnings = new ArrayList<>();
    GerritConnection c = GerritConnection.resolve(
        new GerritConnection.Flags(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty(),
            Optional.of(file)), Map.of(), warnings::add);
    assertEquals(List.of("warning: " + file + " can be read by other users; chmod 600 it"), warnings);
    GerritSettings settings = GerritSettings.of(URI.create("https://g.example"), c.requireCredentials());
    for (String shown : List.of(c.toString(), settings.toString(), c.requireCredentials().toString(),
        Secret.of("pw-1").toString())) {
      assertFalse(shown, shown.contains("pw-1"));
    }
  }

  private static void assertInvalid(String expected, GerritConnection.Flags flags, Map<String, String> env) {
    try {
      GerritConnection.resolve(flags, env, w -> {});
      fail("expected: " + expected);
    } catch (InvalidInputException e) {
      assertEquals(expected, e.getMessage());
      assertFalse(e.getMessage().contains("pw-1"));
    }
  }

  @Test
  public void projectNamesAreEncodedInChangeIds() {
    assertEquals("machinelearning%2Fliftwing%2Finference-services~1234",
        new ChangeTarget("machinelearning/liftwing/inference-services", 1234, 2).restId());
    assertEquals("a%20b%2Bc~1", new ChangeTarget("a b+c", 1, 1).restId());
  }

  @Test
  public void backoffDoublesUpToTheMaximum() {
    RetryPolicy retry = RetryPolicy.of(6, Duration.ofSeconds(1), Duration.ofSeconds(5));
    assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(2), Duration.ofSeconds(4), Duration.ofSeconds(5),
        Duration.ofSeconds(5)), List.of(retry.delayBefore(2), retry.delayBefore(3), retry.delayBefore(4),
        retry.delayBefore(5), retry.delayBefore(6)));
  }
}
