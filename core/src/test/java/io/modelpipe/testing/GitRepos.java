package io.modelpipe.testing;

import java.nio.file.Path;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.revwalk.RevCommit;

/** Real git repositories in a test's temporary folder, made with JGit. */
public final class GitRepos {

  private GitRepos() {}

  /** Makes {@code directory} (with what it holds) a repository on branch {@code main}, nothing committed. */
  public static Git init(Path directory) throws GitAPIException {
    return Git.init().setDirectory(directory.toFile()).setInitialBranch("main").call();
  }

  /** Stages every change under the work tree (additions, edits, deletions) and commits it. */
  public static RevCommit commitAll(Git git, String message) throws GitAPIException {
    git.add().addFilepattern(".").call();
    git.add().addFilepattern(".").setUpdate(true).call();
    return git.commit().setMessage(message).setSign(false)
        .setAuthor("Test", "test@example.org").setCommitter("Test", "test@example.org").call();
  }
}
