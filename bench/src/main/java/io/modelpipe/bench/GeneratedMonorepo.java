package io.modelpipe.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes a monorepo shaped like the example one, with as many services as asked: for each a test
 * pipeline and a publish pipeline in {@code .pipeline/config.yaml}, a Blubber file with build,
 * production and test variants, and a little Python.
 */
final class GeneratedMonorepo {

  private GeneratedMonorepo() {}

  static Path write(Path root, int services) throws IOException {
    Files.createDirectories(root.resolve(".pipeline"));
    StringBuilder config = new StringBuilder("pipelines:\n");
    for (int i = 0; i < services; i++) {
      String name = "service" + i;
      config.append("  ").append(name).append(":\n")
          .append("    blubberfile: ").append(name).append("/blubber.yaml\n")
          .append("    stages:\n")
          .append("      - name: run-test\n")
          .append("        build: test\n")
          .append("        run: true\n")
          .append("  ").append(name).append("-publish:\n")
          .append("    blubberfile: ").append(name).append("/blubber.yaml\n")
          .append("    stages:\n")
          .append("      - name: publish\n")
          .append("        build: production\n")
          .append("        publish:\n")
          .append("          image:\n")
          .append("            name: '${setup.project}-").append(name).append("'\n")
          .append("            tags: [stable]\n");
      Path blubberDir = Files.createDirectories(root.resolve(".pipeline").resolve(name));
      Files.writeString(blubberDir.resolve("blubber.yaml"), blubber(name));
      Path code = Files.createDirectories(root.resolve(name).resolve("model_server"));
      Files.writeString(code.resolve("model.py"), "def predict(x):\n    return len(x)\n");
      Files.writeString(root.resolve(name).resolve("requirements.txt"), "fastapi\nuvicorn\n");
    }
    Files.writeString(root.resolve(".pipeline/config.yaml"), config);
    return root;
  }

  private static String blubber(String name) {
    return """
        # syntax=docker-registry.wikimedia.org/repos/releng/blubber/buildkit:v0.23.0
        version: v4
        base: docker-registry.wikimedia.org/bookworm:20240609
        runs:
          insecurely: true
        lives:
          in: /srv/app
        apt:
          packages: [python3-fastapi, python3-uvicorn]
        variants:
          build:
            python:
              version: python3
              use-system-site-packages: true
              requirements: [NAME/requirements.txt]
            copies:
              - from: local
                source: NAME/model_server
                destination: model_server
          production:
            includes: [build]
            entrypoint: [python3, -m, uvicorn, model_server.model:app, --port, "8080"]
          test:
            includes: [build]
            apt:
              packages: [flake8, black]
            entrypoint: [flake8, model_server]
        """.replace("NAME", name);
  }
}
