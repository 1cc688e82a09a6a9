package io.modelpipe.git;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;
import static org.junit.Assert.fail;

import io.modelpipe.testing.GitRepos;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@link ChangedFiles} on real repositories made with JGit. */
public class ChangedFilesTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  private Path repo;
  private Git git;
  private RevCommit first;

  @Before
  public void repository() throws Exception {
    repo = temp.newFolder("repo").toPath();
    write(".gitignore", "*.log\n.tox/\n");
    write("a/one.txt", "1\n");
    write("a/two.txt", "2\n");
    write("b/three.txt", "3\n");
    write("sub/project/x.txt", "x\n");
    git = GitRepos.init(repo);
    first = GitRepos.commitAll(git, "first");
  }

  @Test
  public void workingTreeAgainstARevisionHasCommittedStagedUnstagedDeletedAndUntrackedFiles() throws Exception {
    write("a/one.txt", "1 committed\n");
    RevCommit second = GitRepos.commitAll(git, "second");
    write("a/two.txt", "2 staged\n");
    git.add().addFilepattern("a/two.txt").call();
    write("b/three.txt", "3 edited, not staged\n");
    Files.delete(repo.resolve("sub/project/x.txt"));
    write("c/new.txt", "untracked\n");
    write("c/debug.log", "ignored\n");
    write(".tox/py3/lib.py", "ignored directory\n");
    write(".modelpipe/logs/outlink/run-test.log", "modelpipe's own state is never a change\n");

    try (ChangedFiles files = ChangedFiles.open(repo)) {
      Changes changes = files.workingTreeAgainst(first.name());
      assertEquals(List.of("a/one.txt", "a/two.txt", "b/three.txt", "c/new.txt", "sub/project/x.txt"), changes.paths());
      assertTrue(changes.againstWorkingTree());
      assertEquals(first.name(), changes.baseCommit());

      Changes sinceHead = files.workingTreeAgainst("HEAD");
      assertEquals(List.of("a/two.txt", "b/three.txt", "c/new.txt", "sub/project/x.txt"), sinceHead.paths());
      assertEquals(second.name(), sinceHead.baseCommit());
      assertEquals("working tree against HEAD (" + second.name().substring(0, 8) + ")", sinceHead.describe());
    }
  }

  @Test
  public void anUnchangedWorkingTreeHasNoChangesAndARevertedEditIsNoChange() throws Exception {
    write("a/one.txt", "edited\n");
    git.add().addFilepattern("a/one.txt").call();
    write("a/one.txt", "1\n"); // staged edit, then the file is put back as it was committed
    try (ChangedFiles files = ChangedFiles.open(repo)) {
      assertEquals(List.of(), files.workingTreeAgainst("HEAD").paths());
    }
  }

  @Test
  public void aTrackedFileMatchingAnIgnorePatternStillCounts() throws Exception {
    write("kept.txt", "tracked before the rule\n");
    GitRepos.commitAll(git, "tracked");
    write(".gitignore", "*.log\n.tox/\nkept.txt\n");
    GitRepos.commitAll(git, "ignore it");
    write("kept.txt", "changed\n");
    try (ChangedFiles files = ChangedFiles.open(repo)) {
      assertEquals(List.of("kept.txt"), files.workingTreeAgainst("HEAD").paths());
    }
  }

  @Test
  public void aCommitAgainstItsParentAndARootCommitAgainstNothing() throws Exception {
    write("a/one.txt", "changed\n");
    Files.delete(repo.resolve("b/three.txt"));
    RevCommit second = GitRepos.commitAll(git, "second");
    write("a/two.txt", "uncommitted: not part of the commit\n");
    try (ChangedFiles files = ChangedFiles.open(repo)) {
      Changes changes = files.commitAgainstParent(second.name());
      assertEquals(List.of("a/one.txt", "b/three.txt"), changes.paths());
      assertEquals(first.name(), changes.baseCommit());
      assertEquals(Optional.of(second.name()), changes.headCommit());
      assertEquals(changes, files.commitAgainstParent("HEAD"));

      Changes root = files.commitAgainstParent(first.name());
      assertEquals(List.of(".gitignore", "a/one.txt", "a/two.txt", "b/three.txt", "sub/project/x.txt"), root.paths());
      assertEquals(Optional.empty(), files.contentAt(root.baseCommit(), "a/one.txt"));
      assertEquals("commit " + first.name().substring(0, 8) + " against the empty tree", root.describe());

      assertEquals(List.of("a/one.txt", "b/three.txt"), files.between(first.name(), "HEAD").paths());
    }
  }

  @Test
  public void pathsAreRelativeToASubdirectoryAndFilesOutsideItAreLeftOut() throws Exception {
    write("sub/project/x.txt", "changed\n");
    write("sub/project/y.txt", "new\n");
    write("a/one.txt", "outside\n");
    try (ChangedFiles files = ChangedFiles.open(repo.resolve("sub/project"))) {
      assertEquals(List.of("x.txt", "y.txt"), files.workingTreeAgainst("HEAD").paths());
      assertEquals(Optional.of("x\n"), files.contentAt(first.name(), "x.txt"));
      assertEquals(Optional.empty(), files.contentAt(first.name(), "y.txt"));
    }
  }

  @Test
  public void readsAFileAsItWasAtACommit() throws Exception {
    write("a/one.txt", "later\n");
    RevCommit second = GitRepos.commitAll(git, "second");
    try (ChangedFiles files = ChangedFiles.open(repo)) {
      assertEquals(Optional.of("1\n"), files.contentAt(first.name(), "a/one.txt"));
      assertEquals(Optional.of("later\n"), files.contentAt(second.name(), "a/one.txt"));
      assertEquals("a directory is no file", Optional.empty(), files.contentAt(first.name(), "a"));
    }
  }

  @Test
  public void unknownRevisionsAndDirectoriesOutsideGitAreGitExceptions() throws Exception {
    try (ChangedFiles files = ChangedFiles.open(repo)) {
      for (String revision : List.of("no-such-branch", "HEAD~5", "0123456789012345678901234567890123456789", "a..b^{")) {
        try {
          files.workingTreeAgainst(revision);
          fail(revision);
        } catch (GitException e) {
          assertTrue(e.getMessage(), e.getMessage().contains("'" + revision + "'"));
        }
      }
      try {
        files.commitAgainstParent("nope");
        fail();
      } catch (GitException e) {
        assertEquals("unknown revision 'nope'", e.getMessage());
      }
    }
    Path plain = temp.newFolder("plain").toPath();
    try {
      ChangedFiles.open(plain).close();
      fail();
    } catch (GitException e) {
      assertEquals(plain.toAbsolutePath() + " is not in a git repository", e.getMessage());
    }
  }

  @Test
  public void anExecutableBitIsAChange() throws Exception {
    Path script = repo.resolve("b/three.txt");
    assertFalse(Files.isExecutable(script));
    assertTrue(script.toFile().setExecutable(true));
    try (ChangedFiles files = ChangedFiles.open(repo)) {
      assertEquals(List.of("b/three.txt"), files.workingTreeAgainst("HEAD").paths());
    }
  }

  private void write(String path, String text) throws Exception {
    Path file = repo.resolve(path);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
  }
}
