package dev.wlat.attribution.internal;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/** The collected GitHub artifacts, indexed for attribution: by repository, SHA, number and mention. */
public final class ArtifactIndex {

  /** The artifacts of one repository. */
  static final class Repo {
    final Map<String, GitHubArtifact> commitsBySha = new HashMap<>();
    final List<GitHubArtifact> commits = new ArrayList<>();
    final Map<String, GitHubArtifact> pullRequests = new LinkedHashMap<>();
    final Map<String, Set<String>> pullRequestShas = new HashMap<>();
    final Map<String, GitHubArtifact> issues = new HashMap<>();
    final List<GitHubArtifact> releasesAndTags = new ArrayList<>();
  }

  private final Map<GitHubRepo, Repo> repos = new HashMap<>();
  private final Map<String, List<GitHubArtifact>> byThread = new HashMap<>();
  private static final Repo NONE = new Repo();

  private ArtifactIndex() {}

  /** {@return the index of {@code artifacts}}. */
  public static ArtifactIndex of(List<GitHubArtifact> artifacts) {
    ArtifactIndex x = new ArtifactIndex();
    for (GitHubArtifact a : artifacts) {
      Repo r = x.repos.computeIfAbsent(a.repo(), k -> new Repo());
      switch (a.kind()) {
        case COMMIT:
          r.commitsBySha.putIfAbsent(shaOf(a), a);
          r.commits.add(a);
          break;
        case PULL_REQUEST:
          r.pullRequests.putIfAbsent(a.id(), a);
          Set<String> shas = new HashSet<>();
          a.commitShas().forEach(s -> shas.add(s.toLowerCase(Locale.ROOT)));
          if (a.sha() != null) {
            shas.add(a.sha().toLowerCase(Locale.ROOT));
          }
          r.pullRequestShas.put(a.id(), shas);
          break;
        case ISSUE:
          r.issues.putIfAbsent(a.id(), a);
          break;
        case RELEASE:
        case TAG:
          r.releasesAndTags.add(a);
          break;
        default:
          break;
      }
      if (a.kind() == ArtifactKind.COMMIT || a.kind() == ArtifactKind.PULL_REQUEST) {
        for (String m : a.mentions()) {
          if (m.startsWith("thread:")) {
            x.byThread.computeIfAbsent(m.substring("thread:".length()).toLowerCase(Locale.ROOT),
                k -> new ArrayList<>()).add(a);
          }
        }
      }
    }
    Comparator<GitHubArtifact> byTime = Comparator.comparing(GitHubArtifact::timestamp,
        Comparator.nullsLast(Comparator.naturalOrder())).thenComparing(GitHubArtifact::id);
    for (Repo r : x.repos.values()) {
      r.commits.sort(byTime);
      r.releasesAndTags.sort(byTime);
    }
    return x;
  }

  /** {@return a commit's SHA, lower-case: its {@code sha}, else its id}. */
  public static String shaOf(GitHubArtifact commit) {
    return (commit.sha() != null ? commit.sha() : commit.id()).toLowerCase(Locale.ROOT);
  }

  /** {@return the repositories with artifacts, sorted}. */
  public Set<GitHubRepo> repos() {
    return Collections.unmodifiableSet(new TreeSet<>(repos.keySet()));
  }

  /** {@return the commits and pull requests whose text mentions {@code threadId}}. */
  public List<GitHubArtifact> mentioning(String threadId) {
    return byThread.getOrDefault(threadId.toLowerCase(Locale.ROOT), List.of());
  }

  /** {@return the commit {@code sha} (full) of {@code repo}, or {@code null}}. */
  public GitHubArtifact commit(GitHubRepo repo, String sha) {
    return sha == null ? null : repo(repo).commitsBySha.get(sha.toLowerCase(Locale.ROOT));
  }

  /** {@return true when {@code repo} has a collected commit starting with {@code sha} (4+ digits)}. */
  public boolean hasCommit(GitHubRepo repo, String sha) {
    if (sha == null || sha.length() < 4) {
      return false;
    }
    String s = sha.toLowerCase(Locale.ROOT);
    Repo r = repo(repo);
    if (r.commitsBySha.containsKey(s)) {
      return true;
    }
    for (String full : r.commitsBySha.keySet()) {
      if (full.startsWith(s)) {
        return true;
      }
    }
    return false;
  }

  /** {@return the commits of {@code repo} with a timestamp in {@code [from, to)}}. */
  public List<GitHubArtifact> commitsBetween(GitHubRepo repo, Instant from, Instant to) {
    List<GitHubArtifact> out = new ArrayList<>();
    for (GitHubArtifact c : repo(repo).commits) {
      Instant t = c.timestamp();
      if (t != null && !t.isBefore(from) && t.isBefore(to)) {
        out.add(c);
      }
    }
    return out;
  }

  /** {@return the pull requests of {@code repo}, in collection order}. */
  public Iterable<GitHubArtifact> pullRequests(GitHubRepo repo) {
    return repo(repo).pullRequests.values();
  }

  /** {@return the pull request number {@code n} of {@code repo}, or {@code null}}. */
  public GitHubArtifact pullRequest(GitHubRepo repo, int n) {
    return repo(repo).pullRequests.get(Integer.toString(n));
  }

  /** {@return the issue number {@code n} of {@code repo}, or {@code null}}. */
  public GitHubArtifact issue(GitHubRepo repo, int n) {
    return repo(repo).issues.get(Integer.toString(n));
  }

  /** {@return true when pull request {@code pr} lists commit {@code sha} (or has it as head)}. */
  public boolean pullRequestHas(GitHubArtifact pr, String sha) {
    return repo(pr.repo()).pullRequestShas.getOrDefault(pr.id(), Set.of()).contains(sha.toLowerCase(Locale.ROOT));
  }

  /** {@return the releases and tags of {@code repo}, oldest first}. */
  public List<GitHubArtifact> releasesAndTags(GitHubRepo repo) {
    return repo(repo).releasesAndTags;
  }

  private Repo repo(GitHubRepo repo) {
    return repo == null ? NONE : repos.getOrDefault(repo, NONE);
  }
}
