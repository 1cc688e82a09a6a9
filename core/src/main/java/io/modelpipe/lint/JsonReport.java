package io.modelpipe.lint;

import io.modelpipe.Durations;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The result as JSON ({@code "format": 1}): {@code passed}, {@code where}, {@code durationMs} (and {@code duration}, its text form),
 * {@code findings} (count), and {@code envs}, each with {@code name}, {@code passed}, {@code
 * durationMs}, {@code failure}, {@code findings} ({@code tool, file, line, column, code, message,
 * severity, detail}) and {@code commands} ({@code argv, tool, exitCode, durationMs, unrecognised}).
 */
public final class JsonReport {

  private JsonReport() {}

  public static String text(LintResult result) {
    JsonMapper mapper = JsonMapper.builder().build();
    ObjectNode root = mapper.createObjectNode();
    root.put("format", 1);
    root.put("passed", result.passed());
    root.put("where", result.where());
    root.put("durationMs", result.duration().toMillis());
    root.put("duration", Durations.format(result.duration()));
    root.put("findings", result.findings().size());
    ArrayNode envs = root.putArray("envs");
    for (EnvResult env : result.envs()) {
      ObjectNode node = envs.addObject();
      node.put("name", env.name());
      node.put("passed", env.passed());
      node.put("durationMs", env.duration().toMillis());
      node.put("duration", Durations.format(env.duration()));
      node.put("failure", env.failure());
      ArrayNode findings = node.putArray("findings");
      for (Finding finding : env.findings()) {
        ObjectNode f = findings.addObject();
        f.put("tool", finding.tool());
        f.put("file", finding.file());
        f.put("line", finding.line());
        f.put("column", finding.column());
        f.put("code", finding.code());
        f.put("message", finding.message());
        f.put("severity", finding.severity().label());
        f.put("detail", finding.detail());
      }
      ArrayNode commands = node.putArray("commands");
      for (CommandResult command : env.commands()) {
        ObjectNode c = commands.addObject();
        ArrayNode argv = c.putArray("argv");
        command.argv().forEach(argv::add);
        c.put("tool", command.tool());
        c.put("exitCode", command.exitCode());
        c.put("durationMs", command.duration().toMillis());
        c.put("duration", Durations.format(command.duration()));
        ArrayNode unrecognised = c.putArray("unrecognised");
        command.unrecognised().forEach(unrecognised::add);
      }
    }
    return mapper.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n";
  }
}
