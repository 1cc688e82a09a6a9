package io.modelpipe.git;

import io.modelpipe.StateDirectory;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.eclipse.jgit.dircache.DirCache;
import org.eclipse.jgit.dircache.DirCacheIterator;
import org.eclipse.jgit.errors.AmbiguousObjectException;
import org.eclipse.jgit.errors.IncorrectObjectTypeException;
import org.eclipse.jgit.errors.MissingObjectException;
import org.eclipse.jgit.errors.NoWorkTreeException;
import org.eclipse.jgit.errors.RevisionSyntaxException;
import org.eclipse.jgit.lib.Constants;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.treewalk.AbstractTreeIterator;
import org.eclipse.jgit.treewalk.CanonicalTreeParser;
import org.eclipse.jgit.treewalk.EmptyTreeIterator;
import org.eclipse.jgit.treewalk.FileTreeIterator;
import org.eclipse.jgit.treewalk.TreeWalk;
import org.eclipse.jgit.treewalk.WorkingTreeIterator;
import org.eclipse.jgit.treewalk.filter.AndTreeFilter;
import org.eclipse.jgit.treewalk.filter.PathFilter;
import org.eclipse.jgit.treewalk.filter.TreeFilter;

/**
 * Which files a change touches, read from the git repository that contains a directory (found
 * upwards, as git does): the working tree against a revision, or a commit against its first parent
 * or an older commit. Paths are relative to that directory, which need not be the repository's top.
 * Also reads a file as it was at a commit. Open one per use and close it.
 */
public final class ChangedFiles implements AutoCloseable {

  private static final int WORKING_TREE = 2;

  private final Repository repository;
  /** The directory's path inside the work tree, with {@code /}; empty at the top. */
  private final String prefix;

  private ChangedFiles(Repository repository, String prefix) {
    this.repository = repository;
    this.prefix = prefix;
  }

  /**
   * Opens the repository that contains {@code directory}.
   *
   * @throws GitException when the directory is not inside a git work tree
   */
  public static ChangedFiles open(Path directory) {
    Path absolute = directory.toAbsolutePath().normalize();
    FileRepositoryBuilder builder = new FileRepositoryBuilder().readEnvironment().findGitDir(absolute.toFile());
    if (builder.getGitDir() == null) {
      throw new GitException(absolute + " is not in a git repository");
    }
    Repository repository;
    try {
      repository = builder.setMustExist(true).build();
    } catch (IOException e) {
      throw new GitException("cannot open the git repository of " + absolute + ": " + e.getMessage(), e);
    }
    try {
      Path top = repository.getWorkTree().toPath().toRealPath();
      Path real = absolute.toRealPath();
      if (!real.startsWith(top)) {
        repository.close();
        throw new GitException(absolute + " is not in the work tree of " + top);
      }
      return new ChangedFiles(repository, top.relativize(real).toString().replace('\\', '/'));
    } catch (NoWorkTreeException e) {
      repository.close();
      throw new GitException(absolute + " is in a bare git repository, which has no working tree", e);
    } catch (IOException e) {
      repository.close();
      throw new GitException("cannot read " + absolute + ": " + e.getMessage(), e);
    }
  }

  /**
   * The files git tracks (its index) below the directory, relative to it, sorted; those deleted
   * from the working tree are left out. This is "the repository's tree" as a reviewer sees it:
   * no build output, caches or other ignored files.
   */
  public List<String> trackedFiles() {
    try {
      DirCache index = repository.readDirCache();
      List<String> files = new ArrayList<>();
      Path top = repository.getWorkTree().toPath();
      for (int i = 0; i < index.getEntryCount(); i++) {
        String path = index.getEntry(i).getPathString();
        Optional<String> relative = relative(path);
        if (relative.isPresent() && Files.exists(top.resolve(path))) {
          files.add(relative.get());
        }
      }
      files.sort(null);
      return files;
    } catch (IOException e) {
      throw new GitException("cannot read the git index: " + e.getMessage(), e);
    }
  }

  /**
   * The files of the working tree that differ from {@code revision}: committed since, staged,
   * modified, deleted, and untracked files that are not ignored.
   *
   * @param revision anything git resolves to a commit: {@code HEAD~2}, {@code origin/main}, an id
   * @throws GitException when the revision names no commit
   */
  public Changes workingTreeAgainst(String revision) {
    try (RevWalk revWalk = new RevWalk(repository); TreeWalk walk = new TreeWalk(repository)) {
      RevCommit base = revWalk.parseCommit(resolve(revision));
      walk.addTree(base.getTree());
      DirCacheIterator index = new DirCacheIterator(repository.readDirCache());
      int indexTree = walk.addTree(index);
      FileTreeIterator workingTree = new FileTreeIterator(repository);
      walk.addTree(workingTree);
      // Files whose index entry is up to date are not read again: their id comes from the index.
      workingTree.setDirCacheIterator(walk, indexTree);
      walk.setRecursive(true);
      walk.setFilter(withinDirectory(new NotIgnoredUnlessTracked()));
      List<String> paths = new ArrayList<>();
      while (walk.next()) {
        if (differsFromWorkingTree(walk)) {
          relative(walk.getPathString()).ifPresent(paths::add);
        }
      }
      return new Changes(revision, base.name(), Optional.empty(), paths);
    } catch (MissingObjectException e) {
      throw new GitException("revision '" + revision + "' is not complete in the repository (a shallow clone?): "
          + e.getMessage(), e);
    } catch (IOException e) {
      throw new GitException("cannot compare the working tree with '" + revision + "': " + e.getMessage(), e);
    }
  }

  /**
   * The files {@code revision} changed against its first parent; a root commit changed every file.
   *
   * @throws GitException when the revision names no commit, or its parent is missing
   */
  public Changes commitAgainstParent(String revision) {
    try (RevWalk revWalk = new RevWalk(repository)) {
      RevCommit head = revWalk.parseCommit(resolve(revision));
      if (head.getParentCount() == 0) {
        return new Changes("the empty tree", ObjectId.zeroId().name(), Optional.of(head.name()),
            diff(new EmptyTreeIterator(), head));
      }
      RevCommit parent;
      try {
        parent = revWalk.parseCommit(head.getParent(0));
      } catch (MissingObjectException e) {
        throw new GitException("the parent of " + revision + " (" + head.getParent(0).name()
            + ") is not in the repository; fetch more history, or name the base with --since", e);
      }
      return new Changes("its parent", parent.name(), Optional.of(head.name()), diff(treeOf(parent), head));
    } catch (IOException e) {
      throw new GitException("cannot read commit '" + revision + "': " + e.getMessage(), e);
    }
  }

  /**
   * The files that differ between two commits.
   *
   * @throws GitException when a revision names no commit
   */
  public Changes between(String baseRevision, String headRevision) {
    try (RevWalk revWalk = new RevWalk(repository)) {
      RevCommit base = revWalk.parseCommit(resolve(baseRevision));
      RevCommit head = revWalk.parseCommit(resolve(headRevision));
      return new Changes(baseRevision, base.name(), Optional.of(head.name()), diff(treeOf(base), head));
    } catch (IOException e) {
      throw new GitException("cannot compare '" + baseRevision + "' with '" + headRevision + "': " + e.getMessage(), e);
    }
  }

  /**
   * A file's text at a commit.
   *
   * @param commit a full commit id, e.g. {@link Changes#baseCommit()}
   * @param path relative to the directory this was opened on
   * @return empty when the commit has no such file, or is the zero id (the empty tree)
   * @throws GitException when the commit is not in the repository
   */
  public Optional<String> contentAt(String commit, String path) {
    if (ObjectId.zeroId().name().equals(commit)) {
      return Optional.empty();
    }
    try (RevWalk revWalk = new RevWalk(repository)) {
      RevCommit revision = revWalk.parseCommit(resolve(commit));
      try (TreeWalk walk = TreeWalk.forPath(repository, inRepository(path), revision.getTree())) {
        if (walk == null || (walk.getRawMode(0) & FileMode.TYPE_MASK) != FileMode.TYPE_FILE) {
          return Optional.empty();
        }
        byte[] bytes = repository.open(walk.getObjectId(0), Constants.OBJ_BLOB).getBytes();
        return Optional.of(new String(bytes, StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new GitException("cannot read " + path + " at " + commit + ": " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    repository.close();
  }

  private ObjectId resolve(String revision) {
    Objects.requireNonNull(revision, "revision");
    ObjectId id;
    try {
      id = repository.resolve(revision + "^{commit}");
    } catch (AmbiguousObjectException e) {
      throw new GitException("revision '" + revision + "' is ambiguous: more than one object starts with it", e);
    } catch (RevisionSyntaxException | IncorrectObjectTypeException e) {
      throw new GitException("revision '" + revision + "' does not name a commit", e);
    } catch (MissingObjectException e) {
      throw new GitException("revision '" + revision + "' is not in the repository", e);
    } catch (IOException e) {
      throw new GitException("cannot resolve revision '" + revision + "': " + e.getMessage(), e);
    }
    if (id == null) {
      throw new GitException("unknown revision '" + revision + "'");
    }
    return id;
  }

  private List<String> diff(AbstractTreeIterator base, RevCommit head) throws IOException {
    try (TreeWalk walk = new TreeWalk(repository)) {
      walk.addTree(base);
      walk.addTree(head.getTree());
      walk.setRecursive(true);
      walk.setFilter(withinDirectory(TreeFilter.ANY_DIFF));
      List<String> paths = new ArrayList<>();
      while (walk.next()) {
        relative(walk.getPathString()).ifPresent(paths::add);
      }
      return paths;
    }
  }

  private CanonicalTreeParser treeOf(RevCommit commit) throws IOException {
    CanonicalTreeParser parser = new CanonicalTreeParser();
    try (var reader = repository.newObjectReader()) {
      parser.reset(reader, commit.getTree());
    }
    return parser;
  }

  /** A file of the walk (base, index, working tree) whose working-tree state is not the base's. */
  private static boolean differsFromWorkingTree(TreeWalk walk) {
    int baseMode = walk.getRawMode(0);
    WorkingTreeIterator file = walk.getTree(WORKING_TREE, WorkingTreeIterator.class);
    if (file == null) {
      return baseMode != 0; // deleted (or only staged, then deleted: no change)
    }
    if (baseMode == 0) {
      return true;
    }
    FileMode workingMode = file.getIndexFileMode(walk.getTree(1, DirCacheIterator.class));
    return workingMode.getBits() != baseMode || !file.getEntryObjectId().equals(walk.getObjectId(0));
  }

  private TreeFilter withinDirectory(TreeFilter filter) {
    return prefix.isEmpty() ? filter : AndTreeFilter.create(PathFilter.create(prefix), filter);
  }

  private Optional<String> relative(String repositoryPath) {
    if (prefix.isEmpty()) {
      return Optional.of(repositoryPath).filter(p -> !StateDirectory.contains(p));
    }
    return repositoryPath.startsWith(prefix + "/")
        ? Optional.of(repositoryPath.substring(prefix.length() + 1)).filter(p -> !StateDirectory.contains(p))
        : Optional.empty();
  }

  private String inRepository(String path) {
    return prefix.isEmpty() ? path : prefix + "/" + path;
  }

  /**
   * Git's view of untracked files: an ignored file counts only when the base or the index has it.
   * Ignored directories nothing tracks ({@code .tox}, {@code __pycache__}) are not entered.
   */
  private static final class NotIgnoredUnlessTracked extends TreeFilter {
    @Override
    public boolean include(TreeWalk walk) throws IOException {
      if (walk.getRawMode(0) != 0 || walk.getRawMode(1) != 0) {
        return true;
      }
      WorkingTreeIterator file = walk.getTree(WORKING_TREE, WorkingTreeIterator.class);
      return file == null || !file.isEntryIgnored();
    }

    @Override
    public boolean shouldBeRecursive() {
      return false;
    }

    @Override
    public TreeFilter clone() {
      return this;
    }
  }
}
