package io.modelpipe.blubber;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.yaml.Diagnostic;
import io.modelpipe.yaml.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.Test;

public class DockerfileCompilerTest {

  private static final Path RESOURCES = Paths.get("src/test/resources/blubber");
  private static final CompileOptions OPTIONS = CompileOptions.defaults().withCompilerVersion("test");

  private static BlubberFile read(String name) {
    return BlubberReader.read(RESOURCES.resolve(name), "blubber.yaml");
  }

  private static String expected(String name) throws IOException {
    return Files.readString(RESOURCES.resolve(name), StandardCharsets.UTF_8);
  }

  private static CompiledDockerfile compile(String yaml, String variant) {
    return DockerfileCompiler.compile(BlubberReader.parse("b.yaml", yaml), variant, OPTIONS);
  }

  private static List<String> lines(CompiledDockerfile dockerfile) {
    return List.of(dockerfile.text().split("\n"));
  }

  @Test
  public void useSystemFlagIsAcceptedAfterItsRemovalAndIgnoredWithAWarning() {
    String file = "version: v4\nbase: debian\nvariants:\n  production:\n    python:\n      version: python3\n"
        + "      requirements: [requirements.txt]\n      use-system-flag: %s\n";
    CompiledDockerfile on = compile(String.format(file, "true"), "production");
    CompiledDockerfile off = compile(String.format(file, "false"), "production");
    assertEquals(off.text(), on.text());
    assertEquals(List.of(), off.warnings());
    assertEquals(1, on.warnings().size());
    assertEquals("b.yaml:8:7: variants.production.python.use-system-flag: use-system-flag is ignored: "
        + "Blubber v0.23.0 removed it and v1.8.0 semantics apply; pin an older frontend in the '# syntax=' line "
        + "to keep it", on.warnings().get(0).format());
  }

  @Test
  public void liftwingOutlinkPinnedToV015UsesPipTargetSitePackages() throws IOException {
    CompiledDockerfile production = DockerfileCompiler.compile(read("outlink.yaml"), "production", OPTIONS);
    assertEquals(expected("outlink.production.Dockerfile"), production.text());
    assertEquals("production", production.target());
    assertEquals(List.of(), production.warnings());
    assertEquals(List.of("outlink-topic-model/model-server/requirements.txt", "outlink-topic-model/model-server", "python/*.py"),
        production.localSources());
  }

  @Test
  public void theSameFileUnderPost023SemanticsInstallsIntoAVenvAndDropsPythonPath() throws IOException {
    CompiledDockerfile production = DockerfileCompiler.compile(read("outlink.yaml"), "production",
        OPTIONS.withFrontendVersion(new BlubberVersion(0, 24, 0)));
    assertEquals(expected("outlink.production.v0.24.0.Dockerfile"), production.text());
    assertFalse("the production variant's python key only set PYTHONPATH before v0.23",
        production.text().contains("PYTHONPATH"));
    assertFalse(production.text().contains("--target"));
  }

  @Test
  public void venvSemanticsForAFilePinningV024() throws IOException {
    CompiledDockerfile production = DockerfileCompiler.compile(read("venv.yaml"), "production", OPTIONS);
    assertEquals(expected("venv.production.Dockerfile"), production.text());
    assertEquals(List.of("model/requirements.txt", "requirements-common.txt", "."), production.localSources());
  }

  @Test
  public void buildersAptArgumentsAndApproximationsWithWarnings() throws IOException {
    CompiledDockerfile build = DockerfileCompiler.compile(read("builders.yaml"), "build", OPTIONS);
    assertEquals(expected("builders.build.Dockerfile"), build.text());
    assertEquals(List.of(
            "blubber.yaml:31:15: variants.build.builders[1].custom.requirements[0]: the exception '!keep.test.js' in exclude"
                + " cannot be applied by the classic builder: the files it would keep are deleted too",
            "blubber.yaml:31:15: variants.build.builders[1].custom.requirements[0]: exclude cannot be expressed by the classic"
                + " builder's COPY: the files are copied, then deleted by the RUN that follows (they still enter the build"
                + " context and the COPY layer)",
            "blubber.yaml:40:11: variants.build.builders[2].custom.caches: builder caches need BuildKit"
                + " (RUN --mount=type=cache); the command runs without them"),
        build.warnings().stream().map(Diagnostic::format).toList());
    assertFalse("the classic builder has no RUN --mount", build.text().contains("--mount"));
  }

  @Test
  public void pre023FromV019AppendsPythonPathAndFromV020BreaksSystemPackages() {
    String yaml = String.join("\n",
        "# syntax=docker-registry.wikimedia.org/repos/releng/blubber/buildkit:%s",
        "version: v4", "base: debian", "variants:", "  build:",
        "    python: {version: python3, requirements: [requirements.txt], use-system-flag: true, no-deps: true}", "");
    List<String> v018 = lines(compile(String.format(yaml, "v0.18.0"), "build"));
    assertTrue(v018.contains("RUN python3 \"-m\" \"pip\" \"wheel\" \"-r\" \"requirements.txt\" && python3 \"-m\" \"pip\" \"install\""
        + " \"--system\" \"--no-deps\" \"--target\" \"/opt/lib/python/site-packages\" \"-r\" \"requirements.txt\""));
    assertTrue(v018.contains("ENV PATH=\"/opt/lib/python/site-packages/bin:${PATH}\" PYTHONPATH=\"/opt/lib/python/site-packages\""));
    assertFalse(v018.contains("ENV PIP_BREAK_SYSTEM_PACKAGES=\"1\""));
    assertTrue(v018.contains("RUN python3 \"-m\" \"pip\" \"check\""));

    List<String> v021 = lines(compile(String.format(yaml, "v0.21.1"), "build"));
    assertTrue(v021.contains(
        "ENV PATH=\"/opt/lib/python/site-packages/bin:${PATH}\" PYTHONPATH=\"/opt/lib/python/site-packages:${PYTHONPATH}\""));
    int breakSystem = v021.indexOf("ENV PIP_BREAK_SYSTEM_PACKAGES=\"1\"");
    int upgrade = v021.indexOf("RUN python3 \"-m\" \"pip\" \"install\" \"-U\" \"setuptools!=60.9.0\" && python3 \"-m\" \"pip\""
        + " \"install\" \"-U\" \"wheel\" \"tox\" \"pip\"");
    assertTrue("set before the system-wide pip upgrade: " + v021, breakSystem > 0 && breakSystem < upgrade);
    assertTrue("pip is upgraded as root, before privileges drop", upgrade < v021.indexOf("USER $LIVES_UID"));
  }

  @Test
  public void poetryAndPython2AndToxVersion() {
    List<String> legacy = lines(compile(String.join("\n",
        "# syntax=registry/blubber:v0.21.1", "version: v4", "base: debian", "variants:", "  build:",
        "    python: {version: python2.7, requirements: [poetry.lock], tox-version: 3.28.0, poetry: {version: ==1.1.15}}", ""),
        "build"));
    assertTrue(legacy.toString(), legacy.contains(
        "RUN python2.7 \"-m\" \"pip\" \"install\" \"-U\" \"setuptools!=60.9.0\" && python2.7 \"-m\" \"pip\" \"install\" \"-U\""
            + " \"wheel\" \"tox==3.28.0\" \"pip<21\""));
    assertTrue(legacy.contains("ENV POETRY_VIRTUALENVS_PATH=\"/opt/lib/poetry\""));
    assertTrue(legacy.contains("RUN python2.7 \"-m\" \"pip\" \"install\" \"-U\" \"poetry==1.1.15\""));
    assertTrue(legacy.contains("RUN poetry \"install\" \"--no-root\" \"--no-dev\""));
    assertFalse("Poetry manages its own venv", legacy.stream().anyMatch(l -> l.contains("PYTHONPATH")));
  }

  @Test
  public void runsAsTheRunsAccountUnlessInsecurely() {
    String yaml = "version: v4\nbase: debian\nruns: {insecurely: %s}\nvariants:\n  app:\n    copies: [local]\n    entrypoint: [./run]\n";
    List<String> secure = lines(compile(String.format(yaml, "false"), "app"));
    assertEquals(List.of("COPY --chown=$LIVES_UID:$LIVES_GID [\".\", \".\"]", "USER $RUNS_UID", "ENV HOME=\"/home/$RUNS_AS\"",
        "ENTRYPOINT [\"./run\"]"), secure.subList(secure.size() - 5, secure.size() - 1));
    List<String> insecure = lines(compile(String.format(yaml, "true"), "app"));
    assertFalse(insecure.contains("USER $RUNS_UID"));
    assertEquals("USER $LIVES_UID", insecure.stream().filter(l -> l.startsWith("USER ")).reduce((a, b) -> b).orElseThrow());
  }

  @Test
  public void scratchVariantsOnlyCopyAndSetTheEntrypoint() {
    String text = compile(String.join("\n", "version: v4", "variants:", "  build:", "    base: golang:1.22",
        "    builder: {command: [go, build, -o, /srv/app/hello], requirements: [.]}",
        "  final:", "    base: null",
        "    copies: [{from: build, source: /srv/app/hello, destination: /hello}]", "    entrypoint: [/hello]", ""), "final").text();
    assertTrue(text, text.endsWith(String.join("\n",
        "FROM scratch AS final",
        "COPY --from=build [\"/srv/app/hello\", \"/hello\"]",
        "ENTRYPOINT [\"/hello\"]",
        "LABEL blubber.variant=\"final\" blubber.version=\"test\"", "")));
    assertTrue(text.startsWith("FROM golang:1.22 AS build\n"));
    assertTrue(text, text.contains("\nCOPY --chown=$LIVES_UID:$LIVES_GID [\"./\", \".\"]\nRUN go \"build\" \"-o\" \"/srv/app/hello\"\n"));
  }

  @Test
  public void copiesDependenciesBecomeStagesDeepestFirst() {
    String text = compile(String.join("\n", "version: v4", "base: debian", "variants:",
        "  one: {copies: [local]}", "  two: {copies: [one]}", "  three: {copies: [two]}", "  unused: {}", ""), "three").text();
    List<String> froms = lines(new CompiledDockerfile(text, "three", List.of(), List.of(), List.of(), DockerIgnore.NONE))
        .stream().filter(l -> l.startsWith("FROM ")).toList();
    assertEquals(List.of("FROM debian AS one", "FROM debian AS two", "FROM debian AS three"), froms);
  }

  @Test
  public void requirementsAreGroupedPerSourceAndDestination() {
    List<String> lines = lines(compile(String.join("\n", "version: v4", "base: debian", "variants:",
        "  deps: {}", "  build:", "    builder:", "      command: make", "      requirements:",
        "        - Makefile", "        - config/a.json", "        - config/b.json", "        - {from: deps, source: /srv/app/vendor/}",
        "        - {from: local, source: conf.prod, destination: conf}", ""), "build"));
    assertTrue(lines.contains("COPY --chown=$LIVES_UID:$LIVES_GID [\"Makefile\", \"./\"]"));
    assertTrue(lines.contains("COPY --chown=$LIVES_UID:$LIVES_GID [\"config/a.json\", \"config/b.json\", \"config/\"]"));
    assertTrue(lines.contains("COPY --chown=$LIVES_UID:$LIVES_GID [\"conf.prod\", \"conf\"]"));
    assertTrue(lines.contains("COPY --chown=$LIVES_UID:$LIVES_GID --from=deps [\"/srv/app/vendor/\", \"/srv/app/vendor/\"]"));
    assertTrue("requirements come before the command that needs them",
        lines.indexOf("COPY --chown=$LIVES_UID:$LIVES_GID [\"conf.prod\", \"conf\"]") < lines.indexOf("RUN make"));
  }

  @Test
  public void valuesAreQuotedSoTheyCannotStartInstructions() {
    List<String> lines = lines(compile(String.join("\n", "version: v4", "base: debian",
        "runs: {environment: {GREETING: \"say \\\"hi\\\"\\nRUN echo HACKED\"}}", "variants:", "  app: {}", ""), "app"));
    assertTrue(lines.toString(), lines.contains("ENV GREETING=\"say \\\"hi\\\"\\nRUN echo HACKED\""));
    assertFalse(lines.contains("RUN echo HACKED"));
  }

  @Test
  public void unknownVariantIsLocatedAndNamesTheKnownOnes() {
    try {
      DockerfileCompiler.compile(read("outlink.yaml"), "prod");
      fail();
    } catch (InvalidInputException e) {
      assertEquals("blubber.yaml:10:1: variants: unknown variant 'prod'; known variants: build, production, test", e.getMessage());
    }
  }

  @Test
  public void mountsAreRejected() {
    try {
      compile("version: v4\nbase: debian\nvariants:\n  build:\n    builder: {command: make, mounts: [{from: local, destination: /src}]}\n", "build");
      fail();
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("b.yaml:5:30: variants.build.builder.mounts: builder mounts need BuildKit"));
    }
  }

  @Test
  public void unreadableSyntaxVersionFallsBackToNewestWithAWarning() {
    CompiledDockerfile dockerfile = compile(
        "# syntax=registry/blubber:latest\nversion: v4\nbase: debian\nvariants:\n  app:\n    python: {version: python3, requirements: [r.txt]}\n",
        "app");
    assertEquals(List.of("b.yaml:2:1: the '# syntax=' line pins 'latest', which is no version; following Blubber v1.8.0 semantics"),
        dockerfile.warnings().stream().map(Diagnostic::format).toList());
    assertTrue(dockerfile.text().contains("RUN python3 \"-m\" \"venv\" \"/opt/lib/venv\"\n"));
  }

  @Test
  public void readsHonoursSourcesExcludesAndDockerignore() {
    BlubberFile file = read("builders.yaml");
    CompiledDockerfile plain = DockerfileCompiler.compile(file, "build", OPTIONS);
    assertTrue(plain.reads("package.json"));
    assertTrue(plain.reads("src/server.js"));
    assertFalse("excluded from its requirement, but copies: [local] reads it", !plain.reads("src/a/b.test.js"));
    CompiledDockerfile ignoring = DockerfileCompiler.compile(file, "build",
        OPTIONS.withDockerIgnore(DockerIgnore.parse("node_modules\n**/*.md\n!README.md\n")));
    assertFalse(ignoring.reads("node_modules/x/index.js"));
    assertFalse(ignoring.reads("docs/guide.md"));
    assertTrue(ignoring.reads("README.md"));

    CompiledDockerfile outlink = DockerfileCompiler.compile(read("outlink.yaml"), "production", OPTIONS);
    assertTrue(outlink.reads("outlink-topic-model/model-server/model.py"));
    assertTrue(outlink.reads("python/preprocess.py"));
    assertTrue("a requirement of the build stage", outlink.reads("outlink-topic-model/model-server/requirements.txt"));
    assertFalse(outlink.reads("python/README.md"));
    assertFalse(outlink.reads("revert-risk-model/model.py"));
    assertFalse(outlink.reads("outlink-topic-model/model-server-old/x.py"));
    CompiledDockerfile.LocalRead requirement = outlink.readerOf("outlink-topic-model/model-server/requirements.txt").orElseThrow();
    assertTrue(requirement.requirement());
    assertEquals("the build stage production copies from installs it", "build", requirement.variant());
    CompiledDockerfile.LocalRead copy = outlink.readerOf("python/preprocess.py").orElseThrow();
    assertFalse(copy.requirement());
    assertEquals("production", copy.variant());
    assertFalse(outlink.withDockerIgnore(DockerIgnore.parse("python/\n")).reads("python/preprocess.py"));

    CompiledDockerfile excluded = compile(String.join("\n", "version: v4", "base: debian", "variants:", "  app:",
        "    copies: [{from: local, source: app, destination: app, exclude: ['**/*.pyc', tests]}]", ""), "app");
    assertTrue(excluded.reads("app/main.py"));
    assertFalse(excluded.reads("app/pkg/main.pyc"));
    assertFalse(excluded.reads("app/tests/test_main.py"));
    assertTrue(excluded.text().contains(
        "RUN cd \"app\" && find . \\( -path \"./*.pyc\" -o -path \"./*/*.pyc\" -o -path \"./tests\" \\) -prune -exec rm -rf {} +\n"));
  }

  @Test
  public void optionsCarryBuildArgumentsWithoutChangingTheText() {
    BlubberFile file = read("venv.yaml");
    CompileOptions withArgs = OPTIONS.withBuildArgs(Map.of("LIVES_UID", "1000"));
    assertEquals(Map.of("LIVES_UID", "1000"), withArgs.buildArgs());
    assertEquals(DockerfileCompiler.compile(file, "build", OPTIONS).text(),
        DockerfileCompiler.compile(file, "build", withArgs).text());
    assertTrue(CompileOptions.defaults().compilerVersion().startsWith("modelpipe-"));
  }
}
