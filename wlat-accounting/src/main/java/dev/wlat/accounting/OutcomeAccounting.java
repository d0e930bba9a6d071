package dev.wlat.accounting;

import dev.wlat.model.Attribution;
import dev.wlat.model.Confidence;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.OutcomeHeadline;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.model.OutcomeType;
import dev.wlat.model.TokenUsage;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;

/*
 * Joins each thread's in-window usage to its attribution and outcome links, and sums them three ways:
 * per (repo, workstream, outcome, confidence), per confidence level, and as the headline figures.
 * Every thread's tokens land in exactly one rollup row and one confidence row, so each view sums to
 * the window's total cumulative_delta_tokens (attributed + unattributed = total). Artifacts are
 * counted once per view however many threads link to them; their tokens are the links' allocated
 * shares, so nothing is counted twice either.
 */

/** What the window's tokens produced: rollups by repo, workstream, outcome and confidence. */
public final class OutcomeAccounting {

  private final List<OutcomeRollup> rollups;
  private final List<ConfidenceSummary> confidence;
  private final OutcomeHeadline headline;

  private OutcomeAccounting(List<OutcomeRollup> rollups, List<ConfidenceSummary> confidence, OutcomeHeadline headline) {
    this.rollups = List.copyOf(rollups);
    this.confidence = List.copyOf(confidence);
    this.headline = headline;
  }

  /** What the rollups need to know of a linked artifact, by its {@link GitHubArtifact#key()}. */
  public interface ArtifactStates {
    /** {@return whether the artifact is a merged pull request}. */
    boolean isMergedPullRequest(String key);

    /** {@return whether the artifact is a closed issue}. */
    boolean isClosedIssue(String key);
  }

  /** {@return a builder that looks linked artifacts up in {@code artifactsByKey} (by {@link GitHubArtifact#key()})}. */
  public static Builder builder(Map<String, GitHubArtifact> artifactsByKey) {
    Map<String, GitHubArtifact> artifacts = Map.copyOf(artifactsByKey);
    return new Builder(new ArtifactStates() {
      @Override
      public boolean isMergedPullRequest(String key) {
        GitHubArtifact a = artifacts.get(key);
        return a != null && a.isMergedPullRequest();
      }

      @Override
      public boolean isClosedIssue(String key) {
        GitHubArtifact a = artifacts.get(key);
        return a != null && "closed".equals(a.state());
      }
    });
  }

  /** {@return a builder that asks {@code states} about linked artifacts}. */
  public static Builder builder(ArtifactStates states) {
    return new Builder(Objects.requireNonNull(states, "states"));
  }

  /** {@return one row per (repo, workstream, outcome, confidence), by repo then workstream}. */
  public List<OutcomeRollup> rollups() {
    return rollups;
  }

  /** {@return one row per confidence level, strongest first, every level present}. */
  public List<ConfidenceSummary> confidenceSummary() {
    return confidence;
  }

  /** {@return the headline figures}. */
  public OutcomeHeadline headline() {
    return headline;
  }

  /** Collects threads; not thread-safe. */
  public static final class Builder {
    private final ArtifactStates artifacts;
    private final Map<GroupKey, Group> groups = new TreeMap<>();
    private final EnumMap<Confidence, long[]> levels = new EnumMap<>(Confidence.class);
    private final Set<String> mergedPrs = new HashSet<>();
    private final Set<String> closedIssues = new HashSet<>();
    private final Set<String> releases = new HashSet<>();
    private final Map<String, Long> tokensByRepo = new HashMap<>();
    private long total;
    private long githubRepoTokens;
    private long exactOrStrong;
    private long mergedPrTokens;
    private long closedIssueTokens;
    private long releaseTokens;

    private Builder(ArtifactStates artifacts) {
      this.artifacts = artifacts;
      for (Confidence c : Confidence.values()) {
        levels.put(c, new long[5]);
      }
    }

    /**
     * Adds one thread: its attribution, its in-window usage, and its links (whose allocated tokens
     * must sum to at most {@code delta.totalTokens()}).
     */
    public Builder add(Attribution attribution, TokenUsage delta, List<OutcomeLink> links) {
      Objects.requireNonNull(attribution, "attribution");
      Objects.requireNonNull(delta, "delta");
      long tokens = delta.totalTokens();
      long carried = 0;
      for (OutcomeLink l : links) {
        carried = Math.addExact(carried, l.allocatedTokens());
      }
      if (carried > tokens) {
        throw new IllegalArgumentException("links of thread [" + attribution.threadId() + "] carry " + carried
            + " tokens, more than its " + tokens);
      }
      total = Math.addExact(total, tokens);
      String slug = attribution.githubSlug();
      if (slug != null) {
        githubRepoTokens = Math.addExact(githubRepoTokens, tokens);
        tokensByRepo.merge(slug, tokens, Math::addExact);
      }
      Confidence c = attribution.confidence();
      if (c == Confidence.MANUAL || c == Confidence.EXACT || c == Confidence.STRONG) {
        exactOrStrong = Math.addExact(exactOrStrong, tokens);
      }
      long[] level = levels.get(c);
      level[0]++;
      level[1] = Math.addExact(level[1], tokens);
      if (slug != null) {
        level[2] = Math.addExact(level[2], tokens);
      }
      Group g = groups.computeIfAbsent(new GroupKey(slug == null ? "" : slug, attribution.workstreamLabel(),
          attribution.outcome(), c), k -> new Group());
      g.threads++;
      g.delta = g.delta.plus(delta);
      for (OutcomeLink l : links) {
        long[] linkLevel = levels.get(l.confidence());
        linkLevel[3]++;
        linkLevel[4] = Math.addExact(linkLevel[4], l.allocatedTokens());
        g.allocated = Math.addExact(g.allocated, l.allocatedTokens());
        String key = l.artifactKey();
        switch (l.artifactKind()) {
          case COMMIT -> g.commits.add(key);
          case PULL_REQUEST -> {
            g.prs.add(key);
            if (Boolean.TRUE.equals(l.merged()) || artifacts.isMergedPullRequest(key)) {
              g.mergedPrs.add(key);
              g.mergedPrTokens = Math.addExact(g.mergedPrTokens, l.allocatedTokens());
              mergedPrs.add(key);
              mergedPrTokens = Math.addExact(mergedPrTokens, l.allocatedTokens());
            }
          }
          case ISSUE -> {
            if (artifacts.isClosedIssue(key)) {
              g.closedIssues.add(key);
              closedIssues.add(key);
              closedIssueTokens = Math.addExact(closedIssueTokens, l.allocatedTokens());
            }
          }
          case RELEASE, TAG -> {
            g.releases.add(key);
            releases.add(key);
            releaseTokens = Math.addExact(releaseTokens, l.allocatedTokens());
          }
          case PULL_REQUEST_FILE -> { }
        }
      }
      return this;
    }

    /** {@return the rollups}. */
    public OutcomeAccounting build() {
      List<OutcomeRollup> rows = new ArrayList<>(groups.size());
      groups.forEach((k, g) -> rows.add(new OutcomeRollup(k.repo.isEmpty() ? null : k.repo, k.workstream, k.outcome,
          k.confidence, g.threads, g.delta, g.commits.size(), g.prs.size(), g.mergedPrs.size(),
          g.closedIssues.size(), g.releases.size(), g.allocated, g.mergedPrTokens)));
      List<ConfidenceSummary> summary = new ArrayList<>();
      levels.forEach((c, v) -> summary.add(new ConfidenceSummary(c, v[0], v[1], total == 0 ? 0 : (double) v[1] / total,
          v[2], v[3], v[4])));
      OutcomeHeadline headline = new OutcomeHeadline(total, githubRepoTokens, exactOrStrong, mergedPrs.size(),
          mergedPrTokens, closedIssues.size(), closedIssueTokens, releases.size(), releaseTokens, tokensByRepo);
      return new OutcomeAccounting(rows, summary, headline);
    }
  }

  private record GroupKey(String repo, String workstream, OutcomeType outcome, Confidence confidence)
      implements Comparable<GroupKey> {
    @Override
    public int compareTo(GroupKey o) {
      int c = repo.compareTo(o.repo);
      if (c == 0) {
        c = workstream.compareTo(o.workstream);
      }
      if (c == 0) {
        c = outcome.compareTo(o.outcome);
      }
      return c != 0 ? c : confidence.compareTo(o.confidence);
    }
  }

  private static final class Group {
    long threads;
    TokenUsage delta = TokenUsage.ZERO;
    long allocated;
    long mergedPrTokens;
    final Set<String> commits = new HashSet<>();
    final Set<String> prs = new HashSet<>();
    final Set<String> mergedPrs = new HashSet<>();
    final Set<String> closedIssues = new HashSet<>();
    final Set<String> releases = new HashSet<>();
  }
}
