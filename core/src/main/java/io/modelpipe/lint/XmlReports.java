package io.modelpipe.lint;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * The XML reports Jenkins reads, written with the JDK's StAX writer: JUnit XML (one test case per
 * env, for the JUnit plugin) and checkstyle XML (one {@code <error>} per finding, for Warnings NG).
 */
public final class XmlReports {

  /** XML 1.0 cannot hold most control characters, which a tool's output may contain. */
  private static final Pattern NOT_XML = Pattern.compile("[^\\x09\\x0A\\x0D\\x20-\\uD7FF\\uE000-\\uFFFD\\x{10000}-\\x{10FFFF}]");

  private XmlReports() {}

  /**
   * JUnit XML: a {@code testsuite} named {@code modelpipe lint}, a {@code testcase} per env
   * (classname {@code lint}, name the env, its time); a failing env has a {@code failure} whose
   * message counts the findings and whose text lists them, one {@code file:line:col: CODE message
   * [tool]} a line; an env whose command failed with no finding recognised has an {@code error}
   * instead. Each test case's {@code system-out} is the commands' output.
   */
  public static void writeJunit(LintResult result, Path file) {
    write(file, xml -> {
      List<EnvResult> envs = result.envs();
      long failures = envs.stream().filter(e -> !e.passed() && !e.findings().isEmpty()).count();
      long errors = envs.stream().filter(e -> !e.passed() && e.findings().isEmpty()).count();
      xml.writeStartElement("testsuites");
      xml.writeStartElement("testsuite");
      xml.writeAttribute("name", "modelpipe lint");
      xml.writeAttribute("tests", Integer.toString(envs.size()));
      xml.writeAttribute("failures", Long.toString(failures));
      xml.writeAttribute("errors", Long.toString(errors));
      xml.writeAttribute("skipped", "0");
      xml.writeAttribute("time", time(result.duration().toMillis()));
      for (EnvResult env : envs) {
        xml.writeStartElement("testcase");
        xml.writeAttribute("classname", "lint");
        xml.writeAttribute("name", env.name());
        xml.writeAttribute("time", time(env.duration().toMillis()));
        if (!env.passed()) {
          boolean findings = !env.findings().isEmpty();
          xml.writeStartElement(findings ? "failure" : "error");
          xml.writeAttribute("message", clean(env.failure()));
          xml.writeAttribute("type", findings ? "lint" : "command failed");
          StringBuilder text = new StringBuilder();
          for (Finding finding : env.findings()) {
            text.append(finding.format()).append('\n');
          }
          if (!findings) {
            env.unrecognised().forEach(line -> text.append(line).append('\n'));
          }
          xml.writeCharacters(clean(text.toString()));
          xml.writeEndElement();
        }
        xml.writeStartElement("system-out");
        StringBuilder out = new StringBuilder();
        for (CommandResult command : env.commands()) {
          out.append("$ ").append(Words.join(command.argv())).append('\n').append(command.output());
          if (!command.output().isEmpty() && !command.output().endsWith("\n")) {
            out.append('\n');
          }
        }
        xml.writeCharacters(clean(out.toString()));
        xml.writeEndElement();
        xml.writeEndElement();
      }
      xml.writeEndElement();
      xml.writeEndElement();
    });
  }

  /**
   * checkstyle XML: a {@code file} per file (project-relative path), an {@code error} per finding
   * with {@code line}, {@code column} (when known), {@code severity} ({@code error}, {@code
   * warning}, {@code info}), {@code message} ({@code CODE message}) and {@code source} ({@code
   * tool.CODE}, or the tool).
   */
  public static void writeCheckstyle(LintResult result, Path file) {
    write(file, xml -> {
      xml.writeStartElement("checkstyle");
      xml.writeAttribute("version", "8.0");
      for (Map.Entry<String, List<Finding>> entry : result.findingsByFile().entrySet()) {
        xml.writeStartElement("file");
        xml.writeAttribute("name", clean(entry.getKey()));
        for (Finding finding : entry.getValue()) {
          xml.writeEmptyElement("error");
          xml.writeAttribute("line", Integer.toString(finding.line()));
          if (finding.column() > 0) {
            xml.writeAttribute("column", Integer.toString(finding.column()));
          }
          xml.writeAttribute("severity", finding.severity().label());
          xml.writeAttribute("message", clean((finding.code().isEmpty() ? "" : finding.code() + " ") + finding.message()));
          xml.writeAttribute("source", finding.code().isEmpty() ? finding.tool() : finding.tool() + "." + finding.code());
        }
        xml.writeEndElement();
      }
      xml.writeEndElement();
    });
  }

  private interface Body {
    void write(XMLStreamWriter xml) throws XMLStreamException;
  }

  private static void write(Path file, Body body) {
    try {
      Path parent = file.toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
      try (OutputStream stream = Files.newOutputStream(file)) {
        XMLStreamWriter xml = XMLOutputFactory.newFactory().createXMLStreamWriter(stream, "UTF-8");
        xml.writeStartDocument("UTF-8", "1.0");
        xml.writeCharacters("\n");
        body.write(xml);
        xml.writeEndDocument();
        xml.flush();
        xml.close();
        stream.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    } catch (XMLStreamException e) {
      throw new IllegalStateException("cannot write " + file + ": " + e.getMessage(), e);
    }
  }

  static String clean(String text) {
    return NOT_XML.matcher(text).replaceAll("\uFFFD");
  }

  private static String time(long millis) {
    return String.format(Locale.ROOT, "%.3f", millis / 1000.0);
  }

}
