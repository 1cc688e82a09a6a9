package io.modelpipe.yaml;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import java.util.List;
import org.junit.Test;

public class SchemaCheckTest {

  private static final SchemaCheck SAMPLE = SchemaCheck.fromResource("/io/modelpipe/yaml/sample.schema.json");

  private static List<String> problems(String yaml) {
    return SAMPLE.check(YamlDocument.parse("f.yaml", yaml)).stream().map(Diagnostic::format).toList();
  }

  @Test
  public void conformingDocumentHasNoProblems() {
    assertEquals(List.of(), problems("name: abc\nbuild: prod\nitems: [1, 2]\n"));
    assertEquals(List.of(), problems("name: abc\nbuild:\n  variant: test\n"));
  }

  @Test
  public void unknownKeyIsReportedAtTheKeyWithASuggestion() {
    assertEquals(
        List.of("f.yaml:3:3: build.varient: unknown key 'varient'; did you mean 'variant'?"),
        problems("name: abc\nbuild:\n  varient: test\n"));
  }

  @Test
  public void wrongTypeNamesExpectedAndFound() {
    assertEquals(
        List.of("f.yaml:2:12: items[1]: expected an integer, found 'x'"),
        problems("name: abc\nitems: [1, x]\n"));
    assertEquals(
        List.of("f.yaml:2:8: build: expected a string or a mapping, found a list"),
        problems("name: abc\nbuild: [a]\n"));
  }

  @Test
  public void missingRequiredEnumAndCustomMessage() {
    assertEquals(List.of("f.yaml:1:1: missing required key 'name'"), problems("mode: fast\n"));
    assertEquals(
        List.of("f.yaml:1:7: mode: 'medium' is not allowed here; expected one of: fast, slow"),
        problems("mode: medium\nname: a\n").subList(0, 1));
    assertEquals(List.of("f.yaml:1:7: name: found 'ABC'; must be lowercase letters"), problems("name: ABC\n"));
  }

  @Test
  public void everyMessageNamesWhatWasFound() {
    assertEquals(List.of("f.yaml:2:7: tags: found an empty list; expected at least one entry"),
        problems("name: a\ntags: []\n"));
    assertEquals(List.of("f.yaml:2:8: tags[0]: found an empty string; expected a value"),
        problems("name: a\ntags: ['']\n"));
    assertEquals(List.of("f.yaml:2:9: labels: found an empty mapping; expected at least one key"),
        problems("name: a\nlabels: {}\n"));
    assertEquals(List.of("f.yaml:2:7: kind: 'Big' is not a kind"), problems("name: a\nkind: Big\n"));
    assertEquals(List.of("f.yaml:2:7: tags: expected a list, found 'x'"), problems("name: a\ntags: x\n"));
    assertEquals(List.of("f.yaml:2:6: tags: expected a list, found null"), problems("name: a\ntags:\n"));
    assertEquals(List.of("f.yaml:2:8: tags[0]: expected a string, found integer 3"), problems("name: a\ntags: [3]\n"));
    assertTrue(problems("name: a\ncount: -1\n").get(0), problems("name: a\ncount: -1\n").get(0)
        .startsWith("f.yaml:2:8: count: found integer -1; "));
    assertEquals(List.of("f.yaml:2:7: copy: missing required key 'source': it is required when 'destination' is set"),
        problems("name: a\ncopy: {destination: x}\n"));
  }

  @Test
  public void syntaxErrorsAreLocated() {
    try {
      YamlDocument.parse("f.yaml", "name: a\nbuild: [x\n");
      fail();
    } catch (InvalidInputException e) {
      assertTrue(e.getMessage(), e.getMessage().startsWith("f.yaml:3:1: invalid YAML: "));
    }
  }

  @Test
  public void duplicateKeysKeepTheLastValueWithALocatedWarning() {
    YamlDocument doc = YamlDocument.parse("f.yaml", "a:\n  x: [1, 2]\n  y: 1\nb: 2\na:\n  y: 3\n");
    assertEquals("{\"a\":{\"y\":3},\"b\":2}", doc.root().toString());
    assertEquals(List.of("f.yaml:5:1: a: duplicate key, the value at 6:3 wins"),
        doc.warnings().stream().map(Object::toString).toList());
    // positions are those of the value that won; nothing of the first value remains
    assertEquals(new Location("f.yaml", 6, 6), doc.locate("a.y"));
    assertEquals(new Location("f.yaml", 6, 3), doc.locate("a.x"));
    assertEquals(List.of(), doc.warningsUnder("b"));
    assertEquals(1, doc.warningsUnder("a").size());
  }

  @Test
  public void yamlOneOneBooleansStayStrings() {
    YamlDocument doc = YamlDocument.parse("f.yaml", "a: yes\nb: true\nc: 0o17\nd: ~\n");
    assertTrue(doc.root().get("a").isString());
    assertTrue(doc.root().get("b").isBoolean());
    assertEquals(15, doc.root().get("c").asInt());
    assertTrue(doc.root().get("d").isNull());
  }

  @Test
  public void yamlOneOneBooleansOnRequestAsGoYamlVersionTwoReadsThem() {
    YamlDocument doc = YamlDocument.parse("f.yaml", "a: yes\nb: Off\nc: y\nd: 'yes'\ne: YeS\nf: N\n",
        YamlDocument.Booleans.YAML_1_1);
    assertEquals(true, doc.root().get("a").asBoolean());
    assertEquals(false, doc.root().get("b").asBoolean());
    assertTrue(doc.root().get("a").isBoolean() && doc.root().get("b").isBoolean() && doc.root().get("c").isBoolean());
    assertTrue("quoted stays a string", doc.root().get("d").isString());
    assertTrue("mixed case is no YAML 1.1 boolean", doc.root().get("e").isString());
    assertEquals(false, doc.root().get("f").asBoolean());
  }

  @Test
  public void subtreeProblemsCarryTheEnclosingPathAndPosition() {
    YamlDocument doc = YamlDocument.parse("c.yaml", "outer:\n  inner:\n    name: abc\n    bogus: 1\n");
    assertEquals(
        List.of("c.yaml:4:5: outer.inner.bogus: unknown key 'bogus'"),
        SAMPLE.check(doc, "outer.inner", doc.root().get("outer").get("inner")).stream()
            .map(Diagnostic::format).toList());
  }
}
