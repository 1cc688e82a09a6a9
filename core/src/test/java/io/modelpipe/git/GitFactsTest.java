package io.modelpipe.git;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class GitFactsTest {

  @Rule public TemporaryFolder temp = new TemporaryFolder();

  @Test
  public void readsRemoteCommitAndBranchFromASubdirectory() throws Exception {
    Path repo = temp.newFolder("repo").toPath();
    try (Git git = Git.init().setDirectory(repo.toFile()).setInitialBranch("main").call()) {
      StoredConfig config = git.getRepository().getConfig();
      config.setString("remote", "origin", "url", "https://gerrit.example.org/r/machinelearning/liftwing/inference-services.git");
      config.save();
      Files.createDirectories(repo.resolve("sub/dir"));
      Files.writeString(repo.resolve("sub/dir/f.txt"), "x");
      git.add().addFilepattern(".").call();
      RevCommit commit = git.commit().setMessage("first").setSign(false)
          .setAuthor("t", "t@example.org").setCommitter("t", "t@example.org").call();

      GitFacts facts = GitFacts.read(repo.resolve("sub/dir"));

      assertEquals(Optional.of("https://gerrit.example.org/r/machinelearning/liftwing/inference-services.git"), facts.remoteUrl());
      assertEquals(Optional.of(commit.name()), facts.commit());
      assertEquals(Optional.of("main"), facts.branch());
    }
  }

  @Test
  public void directoryOutsideAnyRepositoryHasNoFacts() throws Exception {
    Path plain = temp.newFolder("plain").toPath();
    assertEquals(GitFacts.none(), GitFacts.read(plain));
  }
}
