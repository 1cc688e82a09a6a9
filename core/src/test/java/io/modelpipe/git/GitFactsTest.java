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
      // committed at a fixed time far from now, so the test sees the committer time, not the clock
      org.eclipse.jgit.lib.PersonIdent committer = new org.eclipse.jgit.lib.PersonIdent("t", "t@example.org",
          java.time.Instant.parse("2024-06-09T10:11:12Z"), java.time.ZoneOffset.ofHours(2));
      RevCommit commit = git.commit().setMessage("first").setSign(false)
          .setAuthor(committer).setCommitter(committer).call();

      GitFacts facts = GitFacts.read(repo.resolve("sub/dir"));

      assertEquals(Optional.of("https://gerrit.example.org/r/machinelearning/liftwing/inference-services.git"), facts.remoteUrl());
      assertEquals(Optional.of(commit.name()), facts.commit());
      assertEquals(Optional.of("main"), facts.branch());
      assertEquals(Optional.of(java.time.Instant.parse("2024-06-09T10:11:12Z")), facts.commitTime());
    }
  }

  @Test
  public void directoryOutsideAnyRepositoryHasNoFacts() throws Exception {
    Path plain = temp.newFolder("plain").toPath();
    assertEquals(GitFacts.none(), GitFacts.read(plain));
  }
}
