package io.modelpipe.gerrit;

import io.modelpipe.result.LintFinding;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where a review's lint findings go, decided against the patch set as Gerrit has it: each finding
 * in a file the patch set touched becomes an inline comment on its line; black's "would reformat"
 * becomes one comment on line 1 of the file with the first hunk of its diff. Findings in files the
 * patch set did not touch are only counted; findings Gerrit cannot place (a line outside the file,
 * a file it does not know, a deleted file) are left out and named; comments beyond
 * {@code maxInline} are counted per file. {@link #summary()} says all this in the review message.
 *
 * @param patchSet the patch set the comments go to
 * @param maxInline the limit the plan was made with
 * @param comments the comments to post, in file and line order
 * @param posted the findings the comments carry, one per comment (black's: line 1, the first hunk as detail)
 * @param postedFindings how many findings the comments stand for (a black comment stands for all its hunks)
 * @param inUnchangedFiles findings in files the patch set did not touch
 * @param overLimitByFile findings over the limit, per file, in file order
 * @param leftOut findings Gerrit cannot place, each {@code finding (reason)}
 */
public record InlinePlan(int patchSet, int maxInline, List<InlineComment> comments, List<LintFinding> posted,
    int postedFindings, int inUnchangedFiles, Map<String, Integer> overLimitByFile, List<String> leftOut) {

  /** The longest part of black's hunk a comment quotes. */
  static final int MAX_HUNK_LINES = 40;
  /** Left-out findings named one by one in the message; the rest are counted. */
  static final int MAX_LEFT_OUT_LINES = 20;

  /** Gerrit's own entries in a patch set's file list, never a file of the repository. */
  private static final List<String> MAGIC_FILES = List.of("/COMMIT_MSG", "/MERGE_LIST", "/PATCHSET_LEVEL");

  public InlinePlan {
    comments = List.copyOf(comments);
    posted = List.copyOf(posted);
    overLimitByFile = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(overLimitByFile));
    leftOut = List.copyOf(leftOut);
  }

  /** The plan of a review without findings: no comments, nothing added to the message. */
  public static InlinePlan none() {
    return new InlinePlan(0, 0, List.of(), List.of(), 0, 0, Map.of(), List.of());
  }

  /** How the plan learns a file's length: Gerrit's content of the file in the patch set. */
  @FunctionalInterface
  interface LineCounter {
    int lines(String path) throws IOException, GerritHttpException;
  }

  /** True when there was nothing to place (the message stays as it is). */
  public boolean isEmpty() {
    return postedFindings == 0 && inUnchangedFiles == 0 && overLimitByFile.isEmpty() && leftOut.isEmpty();
  }

  /** Findings not posted because of the limit. */
  public int overLimit() {
    return overLimitByFile.values().stream().mapToInt(Integer::intValue).sum();
  }

  /**
   * Places {@code request}'s findings.
   *
   * @param touched the patch set's files (path to Gerrit's status), as {@code GET .../files} lists them
   * @param counter the line count of a touched file, asked only for files that get a comment
   */
  static InlinePlan plan(InlineRequest request, int patchSet, Map<String, String> touched, LineCounter counter)
      throws IOException, GerritHttpException {
    Objects.requireNonNull(request, "request");
    if (request.isEmpty()) {
      return none();
    }
    List<String> leftOut = new ArrayList<>();
    int unchanged = 0;
    Map<String, List<LintFinding>> reformat = new LinkedHashMap<>();
    List<Unit> units = new ArrayList<>();
    for (LintFinding finding : request.findings().stream().sorted(LintFinding.IN_FILE_ORDER).toList()) {
      String path = finding.file();
      if (!isRepositoryPath(path)) {
        leftOut.add(finding.format() + " (a file Gerrit does not know in patch set " + patchSet + ")");
      } else if (!touched.containsKey(path)) {
        unchanged++;
      } else if ("D".equals(touched.get(path))) {
        leftOut.add(finding.format() + " (the file is deleted in patch set " + patchSet + ")");
      } else if (isReformat(finding)) {
        reformat.computeIfAbsent(path, p -> new ArrayList<>()).add(finding);
      } else {
        units.add(new Unit(path, finding.line(), commentText(finding), finding, List.of(finding)));
      }
    }
    reformat.forEach((path, findings) -> units.add(reformatUnit(path, findings)));
    units.sort(java.util.Comparator.comparing(Unit::path).thenComparingInt(Unit::line));

    List<InlineComment> comments = new ArrayList<>();
    List<LintFinding> posted = new ArrayList<>();
    Map<String, Integer> overLimit = new LinkedHashMap<>();
    Map<String, Integer> lineCounts = new HashMap<>();
    int postedFindings = 0;
    for (Unit unit : units) {
      if (comments.size() >= request.maxInline()) {
        overLimit.merge(unit.path(), unit.findings().size(), Integer::sum);
        continue;
      }
      if (unit.line() > 0) {
        Integer lines = lineCounts.get(unit.path());
        if (lines == null) {
          lines = counter.lines(unit.path());
          lineCounts.put(unit.path(), lines);
        }
        if (unit.line() > lines) {
          for (LintFinding finding : unit.findings()) {
            leftOut.add(finding.format() + " (line " + unit.line() + " is outside the file, which has " + lines
                + (lines == 1 ? " line" : " lines") + " in patch set " + patchSet + ")");
          }
          continue;
        }
      }
      comments.add(new InlineComment(unit.path(), unit.line(), unit.text()));
      posted.add(unit.posted());
      postedFindings += unit.findings().size();
    }
    return new InlinePlan(patchSet, request.maxInline(), comments, posted, postedFindings, unchanged, overLimit, leftOut);
  }

  /**
   * The block the review message gets, beginning with a blank line: how many findings were posted
   * inline, how many are in unchanged files or over the limit, and each one left out with why.
   */
  public String summary() {
    if (isEmpty()) {
      return "";
    }
    StringBuilder text = new StringBuilder("\nINLINE COMMENTS:\n");
    text.append(' ').append(findings(postedFindings)).append(" posted inline on patch set ").append(patchSet);
    if (comments.size() != postedFindings) {
      text.append(" (").append(comments.size()).append(comments.size() == 1 ? " comment)" : " comments)");
    }
    text.append('\n');
    if (inUnchangedFiles > 0) {
      text.append(' ').append(findings(inUnchangedFiles)).append(" in unchanged files\n");
    }
    if (!overLimitByFile.isEmpty()) {
      List<String> files = new ArrayList<>();
      overLimitByFile.forEach((file, n) -> files.add(file + " (" + n + ")"));
      text.append(' ').append(findings(overLimit())).append(" not posted inline, over the limit of ").append(maxInline)
          .append(maxInline == 1 ? " comment" : " comments").append(" (--max-inline): ")
          .append(String.join(", ", files)).append('\n');
    }
    leftOut.stream().limit(MAX_LEFT_OUT_LINES).forEach(line -> text.append(" left out: ").append(line).append('\n'));
    if (leftOut.size() > MAX_LEFT_OUT_LINES) {
      text.append(" ... and ").append(leftOut.size() - MAX_LEFT_OUT_LINES).append(" more left out\n");
    }
    return text.toString();
  }

  private static String findings(int n) {
    return n + (n == 1 ? " finding" : " findings");
  }

  /** One comment to be: where, its text, the finding recorded as posted, the findings it stands for. */
  private record Unit(String path, int line, String text, LintFinding posted, List<LintFinding> findings) {}

  /** A path Gerrit could list for the patch set: relative, clean, not one of Gerrit's own. */
  static boolean isRepositoryPath(String path) {
    if (path.isEmpty() || path.startsWith("/") || MAGIC_FILES.contains(path) || path.contains("\\")) {
      return false;
    }
    for (String segment : path.split("/", -1)) {
      if (segment.isEmpty() || segment.equals(".") || segment.equals("..")) {
        return false;
      }
    }
    return true;
  }

  /** black's "would reformat" (per file, or per hunk with --diff); its parse errors are ordinary findings. */
  private static boolean isReformat(LintFinding finding) {
    return finding.tool().equals("black") && (finding.message().startsWith("would reformat")
        || finding.message().startsWith("would insert"));
  }

  private static String commentText(LintFinding finding) {
    StringBuilder text = new StringBuilder(finding.tool()).append(": ");
    if (!finding.code().isEmpty()) {
      text.append(finding.code()).append(' ');
    }
    text.append(finding.message());
    if (finding.column() > 0) {
      text.append(" (column ").append(finding.column()).append(')');
    }
    if (!finding.detail().isEmpty()) {
      text.append("\n\n").append(indented(finding.detail()));
    }
    return text.toString();
  }

  private static Unit reformatUnit(String path, List<LintFinding> findings) {
    String firstHunk = findings.stream().map(LintFinding::detail).filter(d -> !d.isEmpty()).findFirst().orElse("");
    long hunks = findings.stream().filter(f -> !f.detail().isEmpty()).count();
    StringBuilder text = new StringBuilder("black would reformat this file");
    if (firstHunk.isEmpty()) {
      text.append("; run black on it to see how.");
    } else {
      text.append(hunks == 1 ? ":\n\n" : " (" + hunks + " changes; the first below):\n\n");
      List<String> lines = firstHunk.lines().toList();
      String quoted = String.join("\n", lines.subList(0, Math.min(lines.size(), MAX_HUNK_LINES)));
      text.append(indented(quoted));
      if (lines.size() > MAX_HUNK_LINES) {
        text.append("\n\n(" + (lines.size() - MAX_HUNK_LINES) + " more lines of this change not shown)");
      }
      text.append("\n\nRun black on the file to apply ").append(hunks == 1 ? "it." : "them.");
    }
    LintFinding posted = new LintFinding("black", path, 1, 0, "",
        hunks > 1 ? "would reformat (" + hunks + " changes)" : "would reformat", firstHunk);
    return new Unit(path, 1, text.toString(), posted, List.copyOf(findings));
  }

  /** Four spaces before each line: preformatted in Gerrit's comment rendering (and a code block in Markdown). */
  private static String indented(String block) {
    return block.lines().map(line -> "    " + line).reduce((a, b) -> a + "\n" + b).orElse("");
  }
}
