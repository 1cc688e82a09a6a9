package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import org.junit.Before;
import org.junit.Test;

/** Docker's config.json, credential helpers, precedence, masking. */
public class CredentialsTest {

  private static final RegistryAddress REGISTRY = RegistryAddress.parse("registry.example.org:5000/ns");

  private Path home;
  private Path bin;

  @Before
  public void makeHome() throws Exception {
    home = Files.createTempDirectory("home");
    bin = Files.createTempDirectory("bin");
    Files.createDirectories(home.resolve(".docker"));
  }

  private static String base64(String text) {
    return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
  }

  private void writeConfig(String json) throws Exception {
    Files.writeString(home.resolve(".docker/config.json"), json);
  }

  private Optional<RegistryCredentials> resolve(Map<String, String> environment) {
    return CredentialSources.of(environment, home).resolve(REGISTRY, Optional.empty());
  }

  private void helper(String name, String script) throws Exception {
    Path file = bin.resolve("docker-credential-" + name);
    Files.writeString(file, "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
  }

  @Test
  public void base64AuthMatchedWithSchemeAndPathInTheKey() throws Exception {
    writeConfig("{\"auths\": {\"https://registry.example.org:5000/v1/\": {\"auth\": \"" + base64("bot:p:w") + "\"},"
        + " \"registry.example.org\": {\"auth\": \"" + base64("other:x") + "\"}}}");
    RegistryCredentials credentials = resolve(Map.of()).orElseThrow();
    assertEquals("bot", credentials.username());
    assertEquals("p:w", credentials.password());
    assertEquals(home.resolve(".docker/config.json").toString(), credentials.source());
  }

  @Test
  public void usernameAndPasswordFieldsAndDockerConfigVariable() throws Exception {
    Path elsewhere = Files.createTempDirectory("docker-config");
    Files.writeString(elsewhere.resolve("config.json"),
        "{\"auths\": {\"registry.example.org:5000\": {\"username\": \"u\", \"password\": \"pw\"}}}");
    RegistryCredentials credentials = resolve(Map.of("DOCKER_CONFIG", elsewhere.toString())).orElseThrow();
    assertEquals("u", credentials.username());
    assertEquals("pw", credentials.password());
  }

  @Test
  public void noEntryNoFileOrAnEmptyEntryIsAnonymous() throws Exception {
    assertEquals(Optional.empty(), resolve(Map.of()));
    writeConfig("{\"auths\": {\"other.example\": {\"auth\": \"" + base64("a:b") + "\"}}}");
    assertEquals(Optional.empty(), resolve(Map.of()));
    writeConfig("{\"auths\": {\"registry.example.org:5000\": {}}}");
    assertEquals(Optional.empty(), resolve(Map.of()));
  }

  @Test
  public void malformedEntriesAreInvalidInputWithoutTheSecret() throws Exception {
    writeConfig("{\"auths\": {\"registry.example.org:5000\": {\"auth\": \"" + base64("no-colon-secret") + "\"}}}");
    ReferencesTest.assertInvalid(() -> resolve(Map.of()), "auths.registry.example.org:5000.auth: is not base64 of USER:PASSWORD");
    writeConfig("{\"auths\": {\"registry.example.org:5000\": {\"auth\": \"hunter2-secret\", ");
    try {
      resolve(Map.of());
      org.junit.Assert.fail("expected InvalidInputException");
    } catch (io.modelpipe.yaml.InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("is not valid JSON"));
      assertFalse(e.getMessage(), e.getMessage().contains("hunter2"));
    }
    writeConfig("{\"auths\": {\"registry.example.org:5000\": {\"identitytoken\": \"tok\"}}}");
    ReferencesTest.assertInvalid(() -> resolve(Map.of()), "identity tokens (OAuth refresh tokens) are not supported");
  }

  @Test
  public void credentialHelperIsRunWithTheServerOnStandardInput() throws Exception {
    writeConfig("{\"credHelpers\": {\"registry.example.org:5000\": \"fake\"}, \"auths\": {\"registry.example.org:5000\": {}}}");
    // Answers only for the server it is asked about, proving the server arrives on stdin.
    helper("fake", "[ \"$1\" = get ] || exit 9\nread server\n"
        + "[ \"$server\" = registry.example.org:5000 ] || { echo 'credentials not found in native keychain'; exit 1; }\n"
        + "echo '{\"ServerURL\":\"'$server'\",\"Username\":\"helped\",\"Secret\":\"s3\"}'");
    RegistryCredentials credentials = resolve(Map.of("PATH", bin.toString())).orElseThrow();
    assertEquals("helped", credentials.username());
    assertEquals("s3", credentials.password());
    assertEquals("docker-credential-fake", credentials.source());
  }

  @Test
  public void credsStoreWithoutCredentialsIsAnonymousAndAFailingHelperIsNotEchoed() throws Exception {
    writeConfig("{\"credsStore\": \"store\"}");
    helper("store", "echo 'credentials not found in native keychain'; exit 1");
    assertEquals(Optional.empty(), resolve(Map.of("PATH", bin.toString())));
    helper("store", "echo 'leaked-secret-text'; exit 4");
    try {
      resolve(Map.of("PATH", bin.toString()));
      org.junit.Assert.fail("expected InvalidInputException");
    } catch (io.modelpipe.yaml.InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().contains("credential helper docker-credential-store exited with 4"));
      assertFalse(e.getMessage(), e.getMessage().contains("leaked-secret-text"));
    }
  }

  @Test
  public void aMissingHelperIsSaidClearly() throws Exception {
    writeConfig("{\"credHelpers\": {\"registry.example.org:5000\": \"ecr-login\"}}");
    ReferencesTest.assertInvalid(() -> resolve(Map.of("PATH", bin.toString())),
        "credHelpers.registry.example.org:5000: names the credential helper 'ecr-login' but docker-credential-ecr-login"
            + " is not on PATH; install it, or set MODELPIPE_REGISTRY_USER and MODELPIPE_REGISTRY_PASSWORD");
  }

  @Test
  public void precedenceExplicitThenEnvironmentThenConfig() throws Exception {
    writeConfig("{\"auths\": {\"registry.example.org:5000\": {\"auth\": \"" + base64("fromconfig:c") + "\"}}}");
    Map<String, String> environment = Map.of("MODELPIPE_REGISTRY_USER", "fromenv", "MODELPIPE_REGISTRY_PASSWORD", "e");
    CredentialSources sources = CredentialSources.of(environment, home);
    assertEquals("fromflag", sources.resolve(REGISTRY, Optional.of(RegistryCredentials.of("fromflag", "f", "--user")))
        .orElseThrow().username());
    RegistryCredentials fromEnvironment = sources.resolve(REGISTRY, Optional.empty()).orElseThrow();
    assertEquals("fromenv", fromEnvironment.username());
    assertEquals("MODELPIPE_REGISTRY_USER and MODELPIPE_REGISTRY_PASSWORD", fromEnvironment.source());
    assertEquals("fromconfig", resolve(Map.of()).orElseThrow().username());
    ReferencesTest.assertInvalid(() -> resolve(Map.of("MODELPIPE_REGISTRY_USER", "only")),
        "MODELPIPE_REGISTRY_PASSWORD is not set but MODELPIPE_REGISTRY_USER is");
  }

  @Test
  public void passwordsAreMaskedEverywhere() {
    RegistryCredentials credentials = RegistryCredentials.of("bot", "pa55word", "test");
    assertEquals("RegistryCredentials[username=bot, password=****, source=test]", credentials.toString());
    SecretMasker masker = credentials.masker();
    String basic = base64("bot:pa55word");
    assertEquals("auth **** then **** and ****", masker.mask("auth " + basic + " then pa55word and " + base64("pa55word")));
    assertEquals(null, masker.mask(null));
    assertEquals("nothing here", SecretMasker.NONE.mask("nothing here"));
    assertEquals("a **** b ****", SecretMasker.of("x", "xy").mask("a xy b x"));
    assertFalse(credentials.masker().toString().contains("pa55word"));
  }
}
