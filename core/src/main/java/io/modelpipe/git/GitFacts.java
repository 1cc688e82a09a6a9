package io.modelpipe.git;

import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.lib.StoredConfig;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.util.FS;

/**
 * What the working copy's git repository says about itself: the remote it came from, the commit
 * checked out and the branch. Feeds {@code ${setup.*}} when no trigger names them.
 *
 * @param remoteUrl URL of {@code origin} (or of the only remote)
 * @param commit full SHA-1 of {@code HEAD}
 * @param branch short branch name, absent on a detached {@code HEAD}
 * @param commitTime committer time of {@code HEAD}, to the second: the date of the source built
 */
public record GitFacts(Optional<String> remoteUrl, Optional<String> commit, Optional<String> branch, Optional<Instant> commitTime) {

  /** Facts without a commit time. */
  public GitFacts(Optional<String> remoteUrl, Optional<String> commit, Optional<String> branch) {
    this(remoteUrl, commit, branch, Optional.empty());
  }

  /** Facts of a directory that is not inside a git repository. */
  public static GitFacts none() {
    return new GitFacts(Optional.empty(), Optional.empty(), Optional.empty(), Optional.empty());
  }

  /**
   * Reads the repository that contains {@code directory} on the first {@code get()} and answers
   * later calls from that read: for callers that may each need the facts (setup values, then
   * labels) but should open the repository once.
   */
  public static Supplier<GitFacts> once(Path directory) {
    return new Supplier<>() {
      private GitFacts facts;

      @Override
      public synchronized GitFacts get() {
        if (facts == null) {
          facts = read(directory);
        }
        return facts;
      }
    };
  }

  /**
   * Reads the repository that contains {@code directory}, searching upwards as git does; no
   * repository gives {@link #none()}.
   */
  public static GitFacts read(Path directory) {
    locateSystemConfig();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment();
    builder.findGitDir(directory.toAbsolutePath().toFile());
    if (builder.getGitDir() == null) {
      return none();
    }
    try (Repository repository = builder.setMustExist(true).build()) {
      ObjectId head = repository.resolve(Constants.HEAD);
      String fullBranch = repository.getFullBranch();
      Optional<String> branch =
          fullBranch != null && fullBranch.startsWith(Constants.R_HEADS)
              ? Optional.of(fullBranch.substring(Constants.R_HEADS.length()))
              : Optional.empty();
      return new GitFacts(remoteUrl(repository.getConfig()), Optional.ofNullable(head).map(ObjectId::name), branch,
          commitTime(repository, head));
    } catch (IOException e) {
      // An unreadable repository only costs the defaults it could have given.
      return none();
    }
  }

  private static boolean systemConfigLocated;

  /**
   * Tells JGit where git's system-wide config is, as git on Debian has it: {@code
   * $GIT_CONFIG_SYSTEM}, else {@code /etc/gitconfig} ({@code GIT_CONFIG_NOSYSTEM} still turns it
   * off: JGit reads that itself). Left to itself, JGit runs {@code git} twice to find out ({@code
   * --version}, then {@code config --system --show-origin --list}): tens of milliseconds of a
   * short command. Once per JVM: JGit keeps the location in {@code FS.DETECTED}.
   */
  private static synchronized void locateSystemConfig() {
    if (!systemConfigLocated) {
      String configured = System.getenv("GIT_CONFIG_SYSTEM");
      FS.DETECTED.setGitSystemConfig(new File(configured != null && !configured.isEmpty() ? configured : "/etc/gitconfig"));
      systemConfigLocated = true;
    }
  }

  private static Optional<Instant> commitTime(Repository repository, ObjectId head) throws IOException {
    if (head == null) {
      return Optional.empty(); // no commit yet
    }
    try (RevWalk walk = new RevWalk(repository)) {
      RevCommit commit = walk.parseCommit(head);
      return Optional.of(Instant.ofEpochSecond(commit.getCommitTime()));
    }
  }

  private static Optional<String> remoteUrl(StoredConfig config) {
    String origin = config.getString("remote", "origin", "url");
    if (origin != null) {
      return Optional.of(origin);
    }
    var remotes = config.getSubsections("remote");
    if (remotes.size() == 1) {
      return Optional.ofNullable(config.getString("remote", remotes.iterator().next(), "url"));
    }
    return Optional.empty();
  }
}
