package dev.wlat.testkit;

import dev.wlat.testkit.internal.GitHubWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Records what GitHub's REST API would answer about the example repositories, and installs a
 * {@link FakeGh} that serves it, so wlat's whole pipeline (GitHub collection included) runs offline.
 *
 * <p>For every {@link RepoManifest.Repo} with a GitHub repository (a local repository without a
 * remote gets nothing), the responses of every endpoint wlat's collector asks are written in the
 * shape GitHub sends (the fields it reads and a few typical others):
 *
 * <ul>
 *   <li>{@code repos/{o}/{r}/commits}: every commit of {@code main} and of the branches, as if
 *       pushed, newest first, with its real SHA, tree, parents, dates and message; a body paragraph
 *       holding a secret planted in the repositories ({@link RepoManifest#plantedSecrets()}) is
 *       left out.
 *   <li>{@code repos/{o}/{r}/pulls?state=all&sort=updated&direction=desc&page=N}: a pull request
 *       from most session branches ({@code head.ref} the branch, {@code head.sha} its tip, opened a
 *       few minutes before its first commit, as a draft would be). Most are merged some hours after
 *       their last commit ({@code merge_commit_sha} a fixed fake SHA); over all repositories one or
 *       two stay open and one is closed unmerged; every repository keeps a merged one. Titles follow
 *       the branch kind ({@code Fix …}, {@code Add …}, {@code Bump …}) and so do labels
 *       ({@code bug}, {@code enhancement}, {@code documentation}, {@code dependencies}); bodies list
 *       the commits and say {@code Fixes #n} for the issues they close. One body names the thread
 *       that made it ({@code Codex-Thread: <id>}). {@code pulls/{n}/commits} lists the branch's
 *       commits, {@code pulls/{n}/files} their paths with the real line counts of the branch's diff.
 *   <li>Two kinds of pull request hold commits that exist only on GitHub (fake SHAs): an open
 *       {@code dependabot[bot]} one in each repository with a build file, which no session made; and
 *       one merged from the first recorded branch never created locally
 *       ({@link RepoManifest#repos()}' missing branches: work pushed from another machine), whose two
 *       commits were made before every session and listed among the commits, which was open during
 *       its thread's session and merged after it, and which fixes an issue of its own: only its
 *       branch ties it to the thread. {@link GitHubManifest.PullSource} tells the three apart.
 *   <li>{@code repos/{o}/{r}/issues}: an issue for every {@code Fixes #n} number (closed when the pull
 *       request holding the fix merged, or when the fixing commit landed on {@code main}; else open),
 *       one or two open issues more, and the pull requests with a {@code pull_request} key, as GitHub
 *       lists them. Issues and pull requests share one series of numbers per repository, in order of
 *       creation: the fixed issues come first, pull requests start at 101 (or the next hundred).
 *   <li>{@code repos/{o}/{r}/releases} and {@code tags}: one or two releases ({@code v1.x.0},
 *       {@code target_commitish main}) a few days after merges, with generated notes listing the
 *       merged pull requests, each with a tag on the last commit of {@code main} before it.
 * </ul>
 *
 * <p>Logins are {@code dev-example} (the sessions' author), {@code riley-maintainer} (history,
 * issues, releases) and {@code dependabot[bot]}; e-mail addresses are {@code example.invalid}.
 *
 * <p>The bytes are identical on every run: every choice comes from generators seeded by the
 * repositories' first commit SHA (which follow from the home's seed) with salts of their own, and
 * every time from the commits' times; nothing reads the clock. A {@code manifest.json}
 * ({@link GitHubManifest#writeJson}) is written beside the responses.
 *
 * <p><b>Planted secret.</b> One merged pull request body carries a fake Stripe-style live secret key,
 * a shape wlat's redactor does not recognise, listed in {@link GitHubManifest#plantedSecrets()}:
 * only never copying bodies keeps it out of wlat's outputs.
 *
 * <pre>{@code
 * RepoManifest repos = ExampleRepos.write(temp.resolve("repos"), truth);
 * GitHubManifest github = ExampleGitHub.write(temp.resolve("github"), repos);
 * // wlat backfill ... --repo-root <repos> --gh <github>/gh
 * }</pre>
 */
public final class ExampleGitHub {
  /** The file, inside the directory, holding {@link GitHubManifest#toJson()}. */
  public static final String MANIFEST_FILE = "manifest.json";

  private ExampleGitHub() {}

  /**
   * Installs a {@link FakeGh} in {@code ghDir} serving the GitHub data of {@code repos}'s
   * repositories (which must still be on disk: commit messages, trees and diffs are read from them),
   * and returns what it recorded.
   *
   * @throws IllegalArgumentException if {@code ghDir} exists and is not empty
   * @throws IOException if reading the repositories or writing fails
   */
  public static GitHubManifest write(Path ghDir, RepoManifest repos) throws IOException {
    Path dir = ghDir.toAbsolutePath().normalize();
    GitHubManifest m = GitHubWriter.write(dir, repos);
    m.writeJson(dir.resolve(MANIFEST_FILE));
    return m;
  }
}
