package dev.wlat.attribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.PersonIdent;
import org.eclipse.jgit.lib.RefUpdate;
import org.eclipse.jgit.lib.StoredConfig;

/** Real git repositories for tests, made with JGit: commits at fixed times, branches, remotes. */
final class GitFixture implements AutoCloseable {

  static final String AUTHOR = "Ada Lovelace";

  private final Git git;
  private final Path dir;

  private GitFixture(Git git, Path dir) {
    this.git = git;
    this.dir = dir;
  }

  /** {@return a new repository at {@code dir} (created), on branch {@code main}}. */
  static GitFixture init(Path dir) {
    try {
      Files.createDirectories(dir);
      return new GitFixture(Git.init().setDirectory(dir.toFile()).setInitialBranch("main").call(), dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  Path dir() {
    return dir;
  }

  /** {@return the SHA of a new (empty) commit on the current branch, authored and committed at {@code when}}. */
  String commit(String message, Instant when) {
    PersonIdent who = new PersonIdent(AUTHOR, "ada@example.com", when, ZoneOffset.UTC);
    try {
      return git.commit().setMessage(message).setAllowEmpty(true).setAuthor(who).setCommitter(who)
          .setSign(false).call().name();
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Adds a remote. */
  GitFixture remote(String name, String url) {
    try {
      StoredConfig c = git.getRepository().getConfig();
      c.setString("remote", name, "url", url);
      c.setString("remote", name, "fetch", "+refs/heads/*:refs/remotes/" + name + "/*");
      c.save();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Creates a branch at HEAD and checks it out. */
  GitFixture branch(String name) {
    try {
      git.checkout().setCreateBranch(true).setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Checks out an existing branch. */
  GitFixture checkout(String name) {
    try {
      git.checkout().setName(name).call();
      return this;
    } catch (GitAPIException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Points {@code refs/remotes/<remote>/<branch>} at {@code sha}, as a fetch would. */
  GitFixture remoteBranch(String remote, String branch, String sha) {
    return ref("refs/remotes/" + remote + "/" + branch, sha);
  }

  /** Points {@code ref} at {@code sha}. */
  GitFixture ref(String ref, String sha) {
    try {
      RefUpdate u = git.getRepository().updateRef(ref);
      u.setNewObjectId(ObjectId.fromString(sha));
      u.setForceUpdate(true);
      u.update();
      return this;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@return the root of a linked worktree at {@code at} on {@code branch}}, laid out by hand exactly
   * as {@code git worktree add} does (JGit has no such command): {@code <at>/.git} is a file
   * {@code gitdir: <main>/.git/worktrees/<name>}, which holds {@code HEAD}, {@code commondir}
   * ({@code ../..}) and {@code gitdir} (back to {@code <at>/.git}).
   */
  Path linkedWorktree(Path at, String name, String branch) {
    try {
      Path admin = dir.resolve(".git/worktrees").resolve(name);
      Files.createDirectories(admin);
      Files.createDirectories(at);
      write(admin.resolve("HEAD"), "ref: refs/heads/" + branch + "\n");
      write(admin.resolve("commondir"), "../..\n");
      write(admin.resolve("gitdir"), at.toAbsolutePath().resolve(".git") + "\n");
      write(at.resolve(".git"), "gitdir: " + admin.toAbsolutePath() + "\n");
      return at;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void write(Path file, String text) throws IOException {
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
  }

  @Override
  public void close() {
    git.close();
  }
}
