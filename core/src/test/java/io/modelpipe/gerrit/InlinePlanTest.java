package io.modelpipe.gerrit;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import io.modelpipe.result.LintFinding;
import java.net.URI;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Where findings go ({@link InlinePlan}) and how the outbox keeps them; the real Gerrit is GerritInlineCommentsTest's. */
public class InlinePlanTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private static final Map<String, String> TOUCHED = Map.of("/COMMIT_MSG", "A", "a/model.py", "M", "b/new.py", "A",
      "c/gone.py", "D");
  private final List<String> asked = new ArrayList<>();

  private InlinePlan plan(int max, LintFinding... findings) throws Exception {
    return InlinePlan.plan(new InlineRequest(List.of(findings), max), 2, TOUCHED, path -> {
      asked.add(path);
      return 10;
    });
  }

  private static LintFinding flake8(String file, int line, String code) {
    return new LintFinding("flake8", file, line, 5, code, "message of " + code, "");
  }

  @Test
  public void touchedFilesGetCommentsOthersAreCountedOrNamed() throws Exception {
    InlinePlan plan = plan(50,
        flake8("b/new.py", 3, "E302"),
        flake8("a/model.py", 1, "F401"),
        flake8("untouched/x.py", 1, "F401"),
        flake8("a/model.py", 11, "W391"),
        flake8("/srv/app/gen.py", 1, "F401"),
        flake8("c/gone.py", 1, "F401"),
        flake8("../outside.py", 1, "F401"),
        flake8("", 0, "E902"));
    assertEquals(List.of(
        new InlineComment("a/model.py", 1, "flake8: F401 message of F401 (column 5)"),
        new InlineComment("b/new.py", 3, "flake8: E302 message of E302 (column 5)")), plan.comments());
    assertEquals(List.of("a/model.py", "b/new.py"), asked); // one content read per commented file
    assertEquals(1, plan.inUnchangedFiles());
    assertEquals(String.join("\n",
        "",
        "INLINE COMMENTS:",
        " 2 findings posted inline on patch set 2",
        " 1 finding in unchanged files",
        " left out: -: E902 message of E902 [flake8] (a file Gerrit does not know in patch set 2)",
        " left out: ../outside.py:1:5: F401 message of F401 [flake8] (a file Gerrit does not know in patch set 2)",
        " left out: /srv/app/gen.py:1:5: F401 message of F401 [flake8] (a file Gerrit does not know in patch set 2)",
        " left out: c/gone.py:1:5: F401 message of F401 [flake8] (the file is deleted in patch set 2)",
        " left out: a/model.py:11:5: W391 message of W391 [flake8] (line 11 is outside the file, which has 10 lines"
            + " in patch set 2)",
        ""), plan.summary());
  }

  @Test
  public void theLimitCountsCommentsAndSummarisesTheRestPerFile() throws Exception {
    InlinePlan plan = plan(1, flake8("a/model.py", 2, "E1"), flake8("a/model.py", 3, "E2"), flake8("b/new.py", 1, "E3"));
    assertEquals(1, plan.comments().size());
    assertEquals(2, plan.overLimit());
    assertTrue(plan.summary(), plan.summary().endsWith(
        " 2 findings not posted inline, over the limit of 1 comment (--max-inline): a/model.py (1), b/new.py (1)\n"));
    assertEquals(List.of("a/model.py"), asked); // files over the limit are not read

    InlinePlan none = plan(0, flake8("a/model.py", 2, "E1"));
    assertEquals(List.of(), none.comments());
    assertTrue(none.summary(), none.summary().contains(" 0 findings posted inline on patch set 2\n"));
  }

  @Test
  public void blackIsOneCommentOnLineOneWithItsFirstHunkAndParseErrorsAreOrdinary() throws Exception {
    InlinePlan plan = plan(50,
        new LintFinding("black", "a/model.py", 4, 0, "", "would reformat line 4", "@@ -4 +4 @@\n-x=1\n+x = 1"),
        new LintFinding("black", "b/new.py", 0, 0, "", "would reformat", ""),
        new LintFinding("black", "b/new.py", 7, 3, "", "cannot parse: 7:3: bad", ""));
    assertEquals(List.of(
        new InlineComment("a/model.py", 1,
            "black would reformat this file:\n\n    @@ -4 +4 @@\n    -x=1\n    +x = 1\n\nRun black on the file to apply it."),
        new InlineComment("b/new.py", 1, "black would reformat this file; run black on it to see how."),
        new InlineComment("b/new.py", 7, "black: cannot parse: 7:3: bad (column 3)")), plan.comments());
    assertEquals(new LintFinding("black", "a/model.py", 1, 0, "", "would reformat", "@@ -4 +4 @@\n-x=1\n+x = 1"),
        plan.posted().get(0));
  }

  @Test
  public void noFindingsLeaveTheMessageAsItIs() throws Exception {
    InlinePlan plan = plan(50);
    assertTrue(plan.isEmpty());
    assertEquals("", plan.summary());
    Review review = Review.of("text\n", Map.of(), Optional.empty());
    assertEquals(review, review.withInline(plan));
  }

  @Test
  public void theOutboxKeepsTheFindingsNotTheComments() {
    Outbox outbox = new Outbox(temp.getRoot().toPath().resolve("outbox"));
    LintFinding finding = new LintFinding("black", "a/model.py", 4, 0, "", "would reformat line 4", "@@ -4 +4 @@");
    PendingReview pending = new PendingReview(URI.create("http://127.0.0.1:1/"), new ChangeTarget("p/q", 5, 2),
        Review.of("message\n", Map.of("Verified", -1), Optional.empty()), new InlineRequest(List.of(finding), 7));
    Path file = outbox.put(pending, "down", Instant.EPOCH);
    assertEquals(pending, Outbox.read(file));
    PendingReview plain = new PendingReview(pending.gerritUrl(), pending.target(), pending.review());
    assertEquals(plain, Outbox.read(outbox.put(plain, "down", Instant.EPOCH)));
    assertEquals(2, outbox.list().size()); // the findings are part of what makes an entry
  }
}
