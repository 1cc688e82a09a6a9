package io.modelpipe.blubber;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import io.modelpipe.yaml.YamlDocument;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Test;

public class BlubberReaderTest {

  static final Path OUTLINK = Paths.get("src/test/resources/blubber/outlink.yaml");

  static List<String> problems(String yaml) {
    try {
      BlubberReader.parse("b.yaml", yaml);
      fail("expected problems");
      return List.of();
    } catch (InvalidInputException e) {
      return e.diagnostics().stream().map(Diagnostic::format).toList();
    }
  }

  @Test
  public void readsAFileShapedLikeLiftwingOutlink() {
    BlubberFile file = BlubberReader.read(OUTLINK, ".pipeline/outlink/blubber.yaml");
    assertEquals(".pipeline/outlink/blubber.yaml", file.displayName());
    assertEquals(Optional.of("v0.15.0"), file.syntaxVersion());
    assertEquals(Optional.of(new BlubberVersion(0, 15, 0)), file.frontendVersion());
    assertEquals(List.of("build", "production", "test"), file.variantNames());

    Variant production = file.variant("production");
    assertEquals(Optional.of("docker-registry.wikimedia.org/buster:20221211"), production.base());
    assertEquals(new Lives("somebody", 65533, 65533, "/srv/outlink-topic-model"), production.lives());
    assertEquals(new Runs("runuser", 900, 900, Optional.empty(), Map.of(), true), production.runs());
    assertEquals(Map.of("default", List.of("python3")), production.apt().packages());
    PythonBuilder python = production.python().orElseThrow();
    assertEquals(Optional.of("python3"), python.version());
    assertEquals(Optional.empty(), python.requirements());
    assertFalse(python.useSystemFlag());
    assertEquals(List.of(
            new Artifact("local", Optional.of("outlink-topic-model/model-server"), Optional.of("model-server"), List.of()),
            new Artifact("local", Optional.of("python/*.py"), Optional.of("model-server/"), List.of()),
            new Artifact("build", Optional.of("/opt/lib/python/site-packages"), Optional.of("/opt/lib/python/site-packages"), List.of())),
        production.copies());
    assertEquals(List.of("python3", "model-server/model.py"), production.entrypoint());
    assertEquals(Optional.of(new CustomBuilder(List.of("rm -rf /var/cache/apk/*"), Optional.empty(), Optional.empty(), List.of(), List.of())),
        file.variant("build").builder());
  }

  @Test
  public void appliesBlubberDefaultsForLivesAndRuns() {
    Variant test = BlubberReader.parse("b.yaml", "version: v4\nbase: debian\nvariants:\n  test: {}\n").variant("test");
    assertEquals(Lives.DEFAULT, test.lives());
    assertEquals(Runs.DEFAULT, test.runs());
    assertEquals(new Lives("somebody", 65533, 65533, "/srv/app"), test.lives());
    assertEquals("runuser", test.runs().as());
    assertEquals(900, test.runs().uid());
  }

  @Test
  public void nullBaseMeansScratchButDoesNotResetAnInheritedBase() {
    BlubberFile file = BlubberReader.parse("b.yaml", String.join("\n",
        "version: v4", "base: null", "variants:", "  tiny: {}", "  full:", "    base: debian", "  child:",
        "    includes: [full]", "    base: null", ""));
    assertTrue(file.variant("tiny").isScratch());
    assertEquals(Optional.of("debian"), file.variant("child").base());
  }

  @Test
  public void mergesIncludesInOrderAppendingListsAndOverridingScalars() {
    BlubberFile file = BlubberReader.parse("b.yaml", String.join("\n",
        "version: v4",
        "base: debian:bookworm",
        "apt: {packages: [ca-certificates], proxies: [http://proxy:8080]}",
        "runs: {environment: {AA: top, BB: top}, insecurely: true}",
        "python: {version: python3, requirements: [requirements.txt], no-deps: true}",
        "variants:",
        "  deep:",
        "    apt: {packages: {bookworm-backports: [npm]}}",
        "    lives: {as: deepuser}",
        "  middle:",
        "    includes: [deep]",
        "    apt: {packages: [git]}",
        "    runs: {environment: {BB: middle}}",
        "    copies: [local]",
        "  leaf:",
        "    includes: [middle]",
        "    base: debian:trixie",
        "    apt: {packages: [curl], proxies: [{url: 'http://p2:3128', source: 'http://deb.debian.org'}]}",
        "    runs: {insecurely: false, environment: {CC: leaf}}",
        "    python: {requirements: [requirements-test.txt], no-deps: false}",
        "    lives: {uid: 1000}",
        "    copies: [local, {from: deep, source: /srv/app/out}]",
        "    entrypoint: [pytest]",
        ""));
    Variant leaf = file.variant("leaf");
    assertEquals(Optional.of("debian:trixie"), leaf.base());
    assertEquals(List.of("ca-certificates", "git", "curl"), leaf.apt().packages().get("default"));
    assertEquals(List.of("npm"), leaf.apt().packages().get("bookworm-backports"));
    assertEquals(List.of(new AptProxy("http://proxy:8080", Optional.empty()),
        new AptProxy("http://p2:3128", Optional.of("http://deb.debian.org"))), leaf.apt().proxies());
    assertEquals(Map.of("AA", "top", "BB", "middle", "CC", "leaf"), leaf.runs().environment());
    assertFalse("a boolean written as false overrides an inherited true", leaf.runs().insecurely());
    assertEquals(new Lives("deepuser", 1000, 65533, "/srv/app"), leaf.lives());
    PythonBuilder python = leaf.python().orElseThrow();
    assertEquals(Optional.of("python3"), python.version());
    assertEquals("requirements replace, they are not appended",
        Optional.of(List.of(Artifact.local("requirements-test.txt"))), python.requirements());
    assertFalse(python.noDeps());
    assertEquals("a copy declared again moves to the end", List.of(
            new Artifact("local", Optional.empty(), Optional.empty(), List.of()),
            new Artifact("deep", Optional.of("/srv/app/out"), Optional.empty(), List.of())),
        leaf.copies());
    assertEquals(List.of("middle"), leaf.includes());
    assertEquals(List.of("pytest"), leaf.entrypoint());
    assertTrue("unchanged variants keep the top level", file.variant("deep").runs().insecurely());
  }

  @Test
  public void mergesBuildersByBlubbersPositionRules() {
    BlubberFile file = BlubberReader.parse("b.yaml", String.join("\n",
        "version: v4",
        "base: debian",
        "builders:",
        "  - python: {version: python3, requirements: [a.txt]}",
        "  - custom: {command: [make, deps]}",
        "  - node: {requirements: [package.json]}",
        "variants:",
        "  build:",
        "    builders:",
        "      - custom: {command: make}",
        "      - python: {requirements: [b.txt]}",
        ""));
    List<Builder> builders = file.variant("build").builders();
    assertEquals(List.of("custom", "node", "custom", "python"), builders.stream().map(Builder::kind).toList());
    assertEquals(List.of("make", "deps"), ((CustomBuilder) builders.get(0)).command());
    assertEquals(List.of("make"), ((CustomBuilder) builders.get(2)).command());
    PythonBuilder python = (PythonBuilder) builders.get(3);
    assertEquals(Optional.of("python3"), python.version());
    assertEquals(Optional.of(List.of(Artifact.local("b.txt"))), python.requirements());
  }

  @Test
  public void readsTheSyntaxDirectiveOnlyFromTheLeadingComments() {
    assertEquals(Optional.of("v1.4.0"), BlubberReader.parse("b.yaml",
        "# comment\n# syntax = docker-registry.wikimedia.org/repos/releng/blubber/buildkit:v1.4.0\nversion: v4\n").syntaxVersion());
    assertEquals(Optional.empty(), BlubberReader.parse("b.yaml",
        "version: v4\n# syntax=docker-registry.wikimedia.org/repos/releng/blubber/buildkit:v0.15.0\n").syntaxVersion());
    assertEquals(Optional.empty(), BlubberReader.parse("b.yaml",
        "# syntax=localhost:5000/blubber\nversion: v4\n").syntaxVersion());
    BlubberFile latest = BlubberReader.parse("b.yaml", "# syntax=registry/blubber:latest\nversion: v4\n");
    assertEquals(Optional.of("latest"), latest.syntaxVersion());
    assertEquals(Optional.empty(), latest.frontendVersion());
  }

  @Test
  public void pinnedOldFrontendAcceptsUseSystemFlag() {
    BlubberFile file = BlubberReader.parse("b.yaml", String.join("\n",
        "# syntax=docker-registry.wikimedia.org/repos/releng/blubber/buildkit:v0.21.1",
        "version: v4", "base: debian", "variants:", "  prod:",
        "    python: {version: python3, use-system-flag: true, tox-version: 4.11.3}", ""));
    assertTrue(file.variant("prod").python().orElseThrow().useSystemFlag());
    assertEquals(Optional.of("4.11.3"), file.variant("prod").python().orElseThrow().toxVersion());
  }

  @Test
  public void reportsEveryProblemAtOnceInSourceOrder() {
    assertEquals(List.of(
            "b.yaml:4:5: variants.test.bogus: unknown key 'bogus'",
            "b.yaml:5:16: variants.test.includes[0]: unknown variant 'nope'; known variants: test, other",
            "b.yaml:7:14: variants.other.copies[0]: unknown variant 'tset'; known variants: test, other"),
        problems("version: v4\nvariants:\n  test:\n    bogus: 1\n    includes: [nope]\n  other:\n    copies: [tset]\n"));
  }

  @Test
  public void copiesMayNameImagesWithARegistryOrTag() {
    BlubberFile file = BlubberReader.parse("b.yaml", String.join("\n",
        "version: v4", "base: debian", "variants:", "  prod:",
        "    copies: [{from: 'docker-registry.wikimedia.org/golang:1.21', source: /usr/local/go}]", ""));
    assertEquals("docker-registry.wikimedia.org/golang:1.21", file.variant("prod").copies().get(0).from());
  }

  @Test
  public void unknownVariantNamesTheKnownOnes() {
    BlubberFile file = BlubberReader.read(OUTLINK, "blubber.yaml");
    assertFalse(file.hasVariant("prod"));
    try {
      file.variant("prod");
      fail();
    } catch (InvalidInputException e) {
      assertEquals("blubber.yaml:10:1: variants: unknown variant 'prod'; known variants: build, production, test",
          e.getMessage());
    }
    assertEquals("blubber.yaml:11:3: variants.build: is built first",
        file.problemAtVariant("build", "is built first").format());
  }

  @Test
  public void inlineDocumentsReportIntoTheEnclosingFile() {
    String config = String.join("\n",
        "pipelines:",
        "  test:",
        "    blubberfile:",
        "      version: v4",
        "      base: debian",
        "      variants:",
        "        test:",
        "          entrypoint: [tox]",
        "          copies:",
        "            - from: local",
        "              source: ../../etc",
        "          bogus: 1",
        "");
    YamlDocument document = YamlDocument.parse(".pipeline/config.yaml", config);
    try {
      BlubberReader.read(document, "pipelines.test.blubberfile", document.root().get("pipelines").get("test").get("blubberfile"));
      fail();
    } catch (InvalidInputException e) {
      assertEquals(List.of(
              ".pipeline/config.yaml:11:23: pipelines.test.blubberfile.variants.test.copies[0].source: '../../etc' is outside the build context",
              ".pipeline/config.yaml:12:11: pipelines.test.blubberfile.variants.test.bogus: unknown key 'bogus'"),
          e.diagnostics().stream().map(Diagnostic::format).toList());
    }
    String valid = config.replace("              source: ../../etc\n", "              source: src\n").replace("          bogus: 1\n", "");
    YamlDocument good = YamlDocument.parse(".pipeline/config.yaml", valid);
    BlubberFile file = BlubberReader.read(good, "pipelines.test.blubberfile", good.root().get("pipelines").get("test").get("blubberfile"));
    assertEquals(".pipeline/config.yaml", file.displayName());
    assertEquals(Optional.empty(), file.syntaxVersion());
    assertEquals("the file names variants at their place in the config",
        ".pipeline/config.yaml:7:9: pipelines.test.blubberfile.variants.test: x", file.problemAtVariant("test", "x").format());
  }

  @Test
  public void inlineDocumentMustBeAMapping() {
    YamlDocument document = YamlDocument.parse("c.yaml", "pipelines:\n  test:\n    blubberfile: [v4]\n");
    try {
      BlubberReader.read(document, "pipelines.test.blubberfile", document.root().get("pipelines").get("test").get("blubberfile"));
      fail();
    } catch (InvalidInputException e) {
      assertEquals("c.yaml:3:18: pipelines.test.blubberfile: expected a mapping, found a list", e.getMessage());
    }
  }
}
