package io.modelpipe.image;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.util.List;
import org.junit.Test;

/** {@link RegistryAddress}, {@link ImageReference} and {@link PublishTarget}: Docker's reference rules. */
public class ReferencesTest {

  @Test
  public void parsesHostPortAndNamespace() {
    assertEquals(new RegistryAddress("docker-registry.wikimedia.org", 0, "wikimedia"),
        RegistryAddress.parse("docker-registry.wikimedia.org/wikimedia"));
    RegistryAddress local = RegistryAddress.parse("127.0.0.1:5000");
    assertEquals("127.0.0.1:5000", local.authority());
    assertEquals("127.0.0.1:5000/outlink", local.repository("outlink"));
    assertEquals("outlink", local.path("outlink"));
    RegistryAddress nested = RegistryAddress.parse("https://Registry.Example.org:8443/a/b-c/");
    assertEquals("registry.example.org", nested.host());
    assertEquals(8443, nested.port());
    assertEquals("registry.example.org:8443/a/b-c/svc", nested.repository("svc"));
    assertEquals("a/b-c/svc", nested.path("svc"));
    assertEquals("registry.example.org:8443/a/b-c", nested.toString());
    assertEquals("localhost", RegistryAddress.parse("localhost").authority());
  }

  @Test
  public void rejectsWhatDockerWouldMisread() {
    assertInvalid(() -> RegistryAddress.parse("myhost/ns"), "would be read by Docker as a Docker Hub namespace");
    assertInvalid(() -> RegistryAddress.parse("host.example:0"), "is not a number from 1 to 65535");
    assertInvalid(() -> RegistryAddress.parse("host.example:99999"), "is not a number from 1 to 65535");
    assertInvalid(() -> RegistryAddress.parse("host.example:http"), "is not a number from 1 to 65535");
    assertInvalid(() -> RegistryAddress.parse("bad_host.example"), "is not a valid registry host name");
    assertInvalid(() -> RegistryAddress.parse("host.example/Upper"), "the namespace 'Upper' is not valid");
    assertInvalid(() -> RegistryAddress.parse("host.example/a//b"), "the namespace 'a//b' is not valid");
    assertInvalid(() -> RegistryAddress.parse(" "), "the registry is empty");
  }

  @Test
  public void referencesFollowDockersGrammar() {
    RegistryAddress registry = RegistryAddress.parse("127.0.0.1:5000/ml");
    ImageReference reference = new ImageReference(registry, "team/outlink", "2024-05-01-120000-publish");
    assertEquals("127.0.0.1:5000/ml/team/outlink:2024-05-01-120000-publish", reference.toString());
    assertEquals("ml/team/outlink", reference.path());
    assertEquals("127.0.0.1:5000/ml/team/outlink@sha256:x", reference.withDigest("sha256:x"));
    new ImageReference(registry, "a__b.c-d--e", "_T.a-g");
    assertInvalid(() -> new ImageReference(registry, "Outlink", "ok"), "'Outlink' is not a valid image name");
    assertInvalid(() -> new ImageReference(registry, "a-", "ok"), "'a-' is not a valid image name");
    assertInvalid(() -> new ImageReference(registry, "a/", "ok"), "'a/' is not a valid image name");
    assertInvalid(() -> new ImageReference(registry, "ok", ".tag"), "'.tag' is not a valid image tag");
    assertInvalid(() -> new ImageReference(registry, "ok", "a".repeat(129)), "is not a valid image tag");
    new ImageReference(registry, "ok", "a".repeat(128));
    assertInvalid(() -> new ImageReference(registry, "n".repeat(250), "ok"), "longer than Docker's 255 characters");
  }

  @Test
  public void aTargetReportsEveryProblemAtOnceAndDropsDuplicateTags() {
    RegistryAddress registry = RegistryAddress.parse("127.0.0.1:5000");
    try {
      new PublishTarget(registry, "Bad Name", List.of("ok", "-bad", "also bad"));
      fail("expected InvalidInputException");
    } catch (InvalidInputException e) {
      assertEquals(List.of("name", "tag", "tag"), e.diagnostics().stream().map(Diagnostic::keyPath).toList());
      assertTrue(e.getMessage(), e.getMessage().contains("'-bad' is not a valid image tag"));
      assertTrue(e.getMessage(), e.getMessage().contains("'also bad' is not a valid image tag"));
    }
    assertInvalid(() -> new PublishTarget(registry, "ok", List.of()), "at least one tag is needed");
    PublishTarget target = new PublishTarget(registry, "svc", List.of("b", "a", "b"));
    assertEquals(List.of("b", "a"), target.tags());
    assertEquals(List.of("127.0.0.1:5000/svc:b", "127.0.0.1:5000/svc:a"),
        target.references().stream().map(ImageReference::toString).toList());
  }

  static void assertInvalid(Runnable action, String expected) {
    try {
      action.run();
      fail("expected InvalidInputException containing: " + expected);
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().contains(expected));
    }
  }
}
