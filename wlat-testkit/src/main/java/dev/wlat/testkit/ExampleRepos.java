package dev.wlat.testkit;

import dev.wlat.testkit.internal.RepoWriter;
import java.io.IOException;
import java.nio.file.Path;

/**
 * Writes real, deterministic git repositories matching a generated Codex home, for attribution.
 *
 * <p>Git refuses repositories nested in another one's tree, so the project cannot commit them;
 * they are generated instead. For each {@link HomeSpec.Repo} of the truth's spec, a non-bare
 * repository is written to {@code <dir>/<last path component of its cwd>}:
 *
 * <ul>
 *   <li>{@code origin} set to the repo's {@link HomeSpec.Repo#remoteUrl()} (none for a local repo),
 *       and an {@code upstream} remote in another URL form on the second GitHub repo;
 *   <li>{@code main} with a few commits in the four weeks before {@link HomeSpec#start()};
 *   <li>for each thread of that repo, work during its session: on the thread's recorded branch
 *       (created from {@code main}) one to three commits whose times fall within the thread's
 *       {@code [createdAt, updatedAt]}, or at most an hour after; for some threads on {@code main},
 *       one commit on {@code main}. Subjects carry conventional-commit prefixes matching the branch
 *       kind; some bodies say {@code Fixes #n}; about one thread in four has a
 *       {@code Codex-Thread: <threadId>} trailer on its last commit (at least one per repo).
 *   <li>some recorded branches deliberately not created (listed in
 *       {@link RepoManifest.Repo#missingBranches()}): about one branch in four, a legacy thread
 *       older than the history, and any fork or subagent on such a branch;
 *   <li>one linked worktree of the first GitHub repo at {@code <dir>/<name>-hotfix}, laid out by
 *       hand exactly as {@code git worktree add} does, on one of that repo's branches.
 * </ul>
 *
 * <p>A {@link HomeSpec.PlainDir} gets nothing: it stands for a directory in no git repository, so
 * no repository is written for it and the manifest does not list it; its threads (whose
 * {@link ThreadTruth#repo()} is {@code null}) have no commits.
 *
 * <p>Commit SHAs are identical on every run: authors, committers, times, zones, messages and file
 * contents are fixed, and every random choice comes from generators seeded by the spec's seed
 * with their own salts, so the home's random streams are untouched and the home's bytes do not
 * change. (The index files and the worktree's absolute {@code gitdir} paths differ between runs
 * and directories; objects, refs, reflogs and configs do not.) Authors are
 * {@code Dev Example <dev@example.invalid>} and {@code Riley Maintainer <riley@example.invalid>};
 * no message contains an e-mail address.
 *
 * <p><b>Planted secret.</b> Like the home, whose secrets are always planted, the repositories
 * always carry one fake secret: an AWS secret access key in the <em>body</em> of one session
 * commit of the first GitHub repo (never in a subject, branch name, path or file). It has a shape
 * wlat's redactor does not recognise, so only never copying commit bodies keeps it out of outputs.
 * It is listed in {@link RepoManifest#plantedSecrets()}; a {@code manifest.json}
 * ({@link RepoManifest#writeJson}) is written beside the repositories.
 *
 * <pre>{@code
 * GroundTruth truth = CodexHomeGenerator.generate(HomeSpec.defaults(), temp.resolve("codex"));
 * RepoManifest repos = ExampleRepos.write(temp.resolve("repos"), truth);
 * }</pre>
 */
public final class ExampleRepos {
  /** The file, inside the repositories' directory, holding {@link RepoManifest#toJson()}. */
  public static final String MANIFEST_FILE = "manifest.json";

  private ExampleRepos() {}

  /**
   * Writes the repositories for {@code truth}'s threads into {@code dir} and returns what it wrote.
   *
   * @throws IllegalArgumentException if {@code dir} exists and is not empty
   * @throws IOException if writing fails
   */
  public static RepoManifest write(Path dir, GroundTruth truth) throws IOException {
    RepoManifest m = RepoWriter.write(dir.toAbsolutePath().normalize(), truth);
    m.writeJson(m.dir().resolve(MANIFEST_FILE));
    return m;
  }
}
