package io.modelpipe.wiring;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated monorepo of N services sharing code: every service has a test and a publish pipeline;
 * they share {@code python/} (all), {@code shared/groupK/} (a third each), requirement files, a
 * {@code .dockerignore} with an exception, a copy with {@code exclude}, a sub-directory build
 * context, and one pipeline that copies the whole context.
 */
final class MonorepoFixtures {

  private MonorepoFixtures() {}

  static Path services(Path root, int count) throws IOException {
    StringBuilder config = new StringBuilder("pipelines:\n");
    for (int i = 0; i < count; i++) {
      String name = "svc" + i;
      String group = "shared/group" + (i % 3);
      write(root, name + "/model_server/model.py", "VALUE = " + i + "\n");
      write(root, name + "/model_server/requirements.txt", "fastapi\n");
      write(root, name + "/tests/test_model.py", "def test():\n    pass\n");
      write(root, name + "/notes/draft.md", "not copied\n");
      write(root, ".pipeline/" + name + "/blubber.yaml", String.join("\n",
          "version: v4",
          "base: docker-registry.wikimedia.org/bookworm:20240609",
          "lives:",
          "  in: /srv/app",
          "variants:",
          "  build:",
          "    python:",
          "      version: python3",
          "      requirements: [" + name + "/model_server/requirements.txt, python/requirements.txt]",
          "  production:",
          "    includes: [build]",
          "    copies:",
          "      - from: local",
          "        source: " + name + "/model_server",
          "        destination: " + name + "/model_server",
          "      - from: local",
          "        source: python",
          "        destination: python",
          "        exclude: ['**/*_test.py']",
          "      - from: local",
          "        source: " + group,
          "        destination: " + group,
          i % 10 == 1 ? "      - from: local\n        source: 'docs/*.md'\n        destination: docs/" : "",
          "  test:",
          "    copies:",
          "      - from: local",
          "        source: " + name,
          "        destination: " + name,
          "        exclude: [notes]",
          "      - from: local",
          "        source: python",
          "        destination: python",
          "      - from: local",
          "        source: tox.ini",
          "        destination: tox.ini",
          ""));
      config.append("  ").append(name).append(":\n")
          .append("    blubberfile: ").append(name).append("/blubber.yaml\n")
          .append("    stages:\n      - name: run-test\n        build: test\n        run: true\n")
          .append("  ").append(name).append("-publish:\n")
          .append("    blubberfile: ").append(name).append("/blubber.yaml\n")
          .append("    stages:\n      - name: publish\n        build: production\n")
          .append("        publish:\n          image:\n            name: '${setup.project}-").append(name).append("'\n");
    }
    for (int g = 0; g < 3; g++) {
      write(root, "shared/group" + g + "/util.py", "X = " + g + "\n");
    }
    write(root, "python/lib/server.py", "pass\n");
    write(root, "python/lib/server_test.py", "pass\n");
    write(root, "python/requirements.txt", "kserve\n");
    write(root, "python/build/out.bin", "ignored\n");
    write(root, "python/build/keep.txt", "kept by an exception\n");
    write(root, "tox.ini", "[tox]\nenvlist = flake8\n");
    write(root, "README.md", "monorepo\n");
    write(root, "docs/index.md", "docs\n");
    write(root, "docs/api.txt", "not a glob match\n");
    write(root, "docs/guide/more.md", "below the glob's directory\n");
    write(root, ".dockerignore", ".git\n**/__pycache__\npython/build\n!python/build/keep.txt\n");
    // a service whose build context is its own directory
    write(root, "standalone/app.py", "pass\n");
    write(root, "standalone/.dockerignore", "*.log\n");
    write(root, ".pipeline/standalone/blubber.yaml", String.join("\n",
        "version: v4", "base: docker-registry.wikimedia.org/bookworm:20240609", "lives:", "  in: /srv/app",
        "variants:", "  production:", "    copies: [local]", ""));
    config.append("  standalone:\n    blubberfile: standalone/blubber.yaml\n    stages:\n")
        .append("      - name: production\n        build:\n          variant: production\n          context: standalone\n");
    // a check over the whole repository, as pre-commit does
    write(root, ".pipeline/precommit/blubber.yaml", String.join("\n",
        "version: v4", "base: docker-registry.wikimedia.org/bookworm:20240609", "lives:", "  in: /srv/app",
        "variants:", "  check:", "    copies: [local]", "    entrypoint: [pre-commit, run, --all-files]", ""));
    config.append("  pre-commit-check:\n    blubberfile: precommit/blubber.yaml\n    stages:\n      - name: check\n");
    write(root, ".pipeline/config.yaml", config.toString());
    return root;
  }

  static void write(Path root, String path, String text) throws IOException {
    Path file = root.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
