package dev.wlat.cli.job;

import dev.wlat.attribution.GitRemotes;
import dev.wlat.attribution.LocalRepo;
import dev.wlat.attribution.RepoIndex;
import dev.wlat.github.GhRunner;
import dev.wlat.github.GitHubCollector;
import dev.wlat.github.RepoCollection;
import dev.wlat.ingest.ThreadIndexEntry;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * Which repositories to ask GitHub about, and the asking. The repositories are those of the local
 * repos found under --repo-root and the origins Codex recorded in its state DB, busiest first (by
 * threads that recorded them), capped by --max-repos. Collection happens before any output is
 * written: a gh failure (missing, unauthenticated, a repo not readable, rate limited) stops the run
 * with exit 3 and leaves the previous outputs as they were, so no partial GitHub data is ever
 * presented as complete.
 */

/** The GitHub collection of one backfill run. */
final class GitHubStep {

  /** What was collected: every artifact, per-repo figures, and notes for the ledger. */
  record Collected(List<GitHubArtifact> artifacts, List<RepoCollection> repos, List<String> notes) {
    static Collected none(String note) {
      return new Collected(List.of(), List.of(), List.of(note));
    }
  }

  private GitHubStep() {}

  /** {@return the repositories to collect, busiest first, then by name}. */
  static List<GitHubRepo> candidates(RepoIndex index, Collection<ThreadIndexEntry> stateThreads) {
    Map<GitHubRepo, Integer> weight = new HashMap<>();
    for (LocalRepo r : index.repos()) {
      if (r.githubRepo() != null) {
        weight.merge(r.githubRepo(), 0, Integer::sum);
      }
    }
    for (ThreadIndexEntry t : stateThreads) {
      if (t.git().repositoryUrl() != null) {
        GitRemotes.parseGitHub(t.git().repositoryUrl()).ifPresent(repo -> weight.merge(repo, 1, Integer::sum));
      }
    }
    List<GitHubRepo> repos = new ArrayList<>(weight.keySet());
    repos.sort(Comparator.<GitHubRepo>comparingInt(weight::get).reversed().thenComparing(Comparator.naturalOrder()));
    return repos;
  }

  /** Collects; throws {@link dev.wlat.github.GitHubException} when gh cannot serve a repo. */
  static Collected run(BackfillOptions options, RepoIndex index, Collection<ThreadIndexEntry> stateThreads) {
    if (options.skipGithub()) {
      return Collected.none("GitHub collection: skipped (--skip-github); links come from local git only.");
    }
    List<GitHubRepo> repos = candidates(index, stateThreads);
    if (repos.isEmpty()) {
      return Collected.none("GitHub collection: no GitHub repository among the --repo-root repos or the origins"
          + " Codex recorded; nothing to collect.");
    }
    List<String> notes = new ArrayList<>();
    if (options.maxRepos() != null && repos.size() > options.maxRepos()) {
      List<GitHubRepo> left = repos.subList(options.maxRepos(), repos.size());
      notes.add("GitHub collection: --max-repos " + options.maxRepos() + " left out " + left.size()
          + " repo(s): " + String.join(", ", left.stream().limit(10).map(GitHubRepo::slug).toList()));
      repos = repos.subList(0, options.maxRepos());
    }
    GhRunner gh = options.ghExecutable() != null ? GhRunner.of(options.ghExecutable()) : GhRunner.onPath();
    GitHubCollector collector = GitHubCollector.create(gh, options.outputRoot().resolve("cache").resolve("github"));
    collector.checkAvailable();
    List<GitHubArtifact> artifacts = new ArrayList<>();
    List<RepoCollection> done = new ArrayList<>();
    for (GitHubRepo repo : repos) {
      RepoCollection c = collector.collect(repo, options.window().since(), options.window().until());
      artifacts.addAll(c.artifacts());
      done.add(c);
    }
    return new Collected(artifacts, done, notes);
  }
}
