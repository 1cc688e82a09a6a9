package io.modelpipe.wiring;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.Assume;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.json.JsonMapper;

/** Zuul's matching, by Python itself: for each path, the pipelines one of whose regexes {@code re.match}es it. */
final class PythonRe {

  static final Path PYTHON = Path.of("/usr/bin/python3");

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private static final String SCRIPT = String.join("\n",
      "import json, re, sys",
      "data = json.load(sys.stdin)",
      "filters = {p: [re.compile(r) for r in rs] for p, rs in data['filters'].items()}",
      "out = {}",
      "for path in data['paths']:",
      "    out[path] = [p for p, rs in filters.items() if any(r.match(path) for r in rs)]",
      "json.dump(out, sys.stdout)");

  private PythonRe() {}

  static void assumeInstalled() {
    Assume.assumeTrue("skipped: /usr/bin/python3 (Debian's) is not installed", Files.isExecutable(PYTHON));
  }

  static Map<String, List<String>> matches(Map<String, List<String>> filters, List<String> paths)
      throws IOException, InterruptedException {
    Map<String, Object> input = new LinkedHashMap<>();
    input.put("filters", filters);
    input.put("paths", paths);
    Process process = new ProcessBuilder(PYTHON.toString(), "-c", SCRIPT).redirectErrorStream(false).start();
    process.getOutputStream().write(JSON.writeValueAsBytes(input));
    process.getOutputStream().close();
    byte[] output = process.getInputStream().readAllBytes();
    String errors = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    if (process.waitFor() != 0) {
      throw new AssertionError("python3 failed: " + errors);
    }
    return JSON.readValue(output, new TypeReference<LinkedHashMap<String, List<String>>>() {});
  }
}
