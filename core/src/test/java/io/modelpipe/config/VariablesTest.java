package io.modelpipe.config;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.config.Variables.Literal;
import io.modelpipe.config.Variables.Reference;
import io.modelpipe.config.Variables.Template;
import java.util.List;
import java.util.Optional;
import org.junit.Test;

public class VariablesTest {

  @Test
  public void parsesEveryNamespaceForm() {
    Template template = Variables.parse("${setup.project}:${.stage}-${build.imageID}");
    assertEquals(
        List.of(
            new Reference("${setup.project}", "setup", "project", Optional.empty()),
            new Literal(":"),
            new Reference("${.stage}", "", "stage", Optional.empty()),
            new Literal("-"),
            new Reference("${build.imageID}", "build", "imageID", Optional.empty())),
        template.parts());
    assertTrue(template.references().get(0).isSetup());
    assertTrue(template.references().get(1).isCurrentStage());
    assertEquals("build.imageID", template.references().get(2).qualifiedName());
  }

  @Test
  public void defaultValueFollowsThePipe() {
    Reference reference = Variables.parse("${setup.tag|latest build}").references().get(0);
    assertEquals(Optional.of("latest build"), reference.defaultValue());
    assertEquals(Optional.of(""), Variables.parse("${.x|}").references().get(0).defaultValue());
  }

  @Test
  public void namesWithoutADotAreLeftForTheShell() {
    Template template = Variables.parse("echo ${HOME} ${FOO:-x} $PATH");
    assertTrue(template.isLiteral());
    assertEquals(List.of(new Literal("echo ${HOME} ${FOO:-x} $PATH")), template.parts());
  }

  @Test
  public void plainTextIsOneLiteral() {
    assertEquals(List.of(new Literal("stable")), Variables.parse("stable").parts());
    assertEquals(List.of(), Variables.parse("").parts());
  }

  @Test
  public void malformedExpressionsAreRejectedWithTheReason() {
    assertInvalid("a ${setup.project", "invalid variable expression '${setup.project': missing the closing '}'");
    assertInvalid("${}", "invalid variable expression '${}': the name is missing");
    assertInvalid("${|x}", "invalid variable expression '${|x}': the name is missing");
    assertInvalid("${setup.project x}",
        "invalid variable expression '${setup.project x}': unexpected ' ' after the name 'setup.project'"
            + " (a default value follows '|')");
    assertInvalid("${a.b.c}",
        "invalid variable expression '${a.b.c}': expected NAMESPACE.NAME (setup.NAME, .NAME or STAGE.NAME),"
            + " found 'a.b.c'");
    assertInvalid("${setup.}",
        "invalid variable expression '${setup.}': expected NAMESPACE.NAME (setup.NAME, .NAME or STAGE.NAME),"
            + " found 'setup.'");
  }

  @Test
  public void nestedExpressionsAreRejected() {
    assertInvalid("${a.${b.c}}",
        "invalid variable expression '${a.${b.c}': unexpected '$' after the name 'a.' (a default value follows '|')");
  }

  @Test
  public void literalTemplatesAreLiteral() {
    assertFalse(Variables.parse("x-${.stage}").isLiteral());
  }

  private static void assertInvalid(String text, String message) {
    try {
      Variables.parse(text);
      fail("expected " + text + " to be rejected");
    } catch (Variables.InvalidVariableException e) {
      assertEquals(message, e.getMessage());
    }
  }
}
