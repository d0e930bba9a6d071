package dev.wlat.report.summary.internal;

import dev.wlat.model.Confidence;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.OutcomeHeadline;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.model.OutcomeType;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.summary.ThreadUsage;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.IntStream;

/**
 * The window's rollups by (repo, workstream, outcome, confidence), by confidence level, and the
 * headline figures, from the in-window threads and their links (see the notes atop {@link Engine}).
 */
final class Outcomes {

  private final List<OutcomeRollup> rollups;
  private final List<ConfidenceSummary> confidence;
  private final OutcomeHeadline headline;

  private Outcomes(List<OutcomeRollup> rollups, List<ConfidenceSummary> confidence, OutcomeHeadline headline) {
    this.rollups = List.copyOf(rollups);
    this.confidence = List.copyOf(confidence);
    this.headline = headline;
  }

  List<OutcomeRollup> rollups() {
    return rollups;
  }

  List<ConfidenceSummary> confidence() {
    return confidence;
  }

  OutcomeHeadline headline() {
    return headline;
  }

  /** A link with its share of the thread's in-window tokens. */
  private record Allocated(Facts.Link link, long tokens) {}

  /** {@return the links of each thread, in file order, sharing the thread's in-window tokens}. */
  static List<Allocated> allocate(List<Facts.Link> links, long tokens) {
    int n = links.size();
    if (n == 0) {
      return List.of();
    }
    long share = tokens / n;
    long remainder = tokens % n;
    int[] order = IntStream.range(0, n).boxed()
        .sorted(Comparator.comparing((Integer i) -> links.get(i).confidence()).thenComparing(i -> i))
        .mapToInt(Integer::intValue).toArray();
    long[] parts = new long[n];
    for (int k = 0; k < n; k++) {
      parts[order[k]] = share + (k < remainder ? 1 : 0);
    }
    List<Allocated> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new Allocated(links.get(i), parts[i]));
    }
    return out;
  }

  static Outcomes of(Facts facts, List<ThreadUsage> threads) {
    Map<String, List<Facts.Link>> linksByThread = new LinkedHashMap<>();
    for (Facts.Link l : facts.links()) {
      linksByThread.computeIfAbsent(l.threadId(), k -> new ArrayList<>()).add(l);
    }
    Map<GroupKey, Group> groups = new TreeMap<>();
    EnumMap<Confidence, long[]> levels = new EnumMap<>(Confidence.class);
    for (Confidence c : Confidence.values()) {
      levels.put(c, new long[5]);
    }
    Set<String> mergedPrs = new HashSet<>();
    Set<String> closedIssues = new HashSet<>();
    Set<String> releases = new HashSet<>();
    Map<String, Long> tokensByRepo = new HashMap<>();
    long total = 0;
    long githubRepoTokens = 0;
    long exactOrStrong = 0;
    long mergedPrTokens = 0;
    long closedIssueTokens = 0;
    long releaseTokens = 0;
    for (ThreadUsage t : threads) {
      long tokens = t.tokens();
      total = Math.addExact(total, tokens);
      String slug = t.githubRepo();
      if (slug != null) {
        githubRepoTokens = Math.addExact(githubRepoTokens, tokens);
        tokensByRepo.merge(slug, tokens, Math::addExact);
      }
      Confidence c = t.confidence();
      if (c == Confidence.MANUAL || c == Confidence.EXACT || c == Confidence.STRONG) {
        exactOrStrong = Math.addExact(exactOrStrong, tokens);
      }
      long[] level = levels.get(c);
      level[0]++;
      level[1] = Math.addExact(level[1], tokens);
      if (slug != null) {
        level[2] = Math.addExact(level[2], tokens);
      }
      Group g = groups.computeIfAbsent(new GroupKey(slug == null ? "" : slug, t.workstreamLabel(), t.outcome(), c),
          k -> new Group());
      g.threads++;
      g.delta = g.delta.plus(t.usage().delta());
      for (Allocated a : allocate(linksByThread.getOrDefault(t.threadId(), List.of()), tokens)) {
        Facts.Link l = a.link();
        long[] linkLevel = levels.get(l.confidence());
        linkLevel[3]++;
        linkLevel[4] = Math.addExact(linkLevel[4], a.tokens());
        g.allocated = Math.addExact(g.allocated, a.tokens());
        String key = l.key();
        switch (l.kind()) {
          case COMMIT -> g.commits.add(key);
          case PULL_REQUEST -> {
            g.prs.add(key);
            if (l.merged() || Boolean.TRUE.equals(facts.pullRequestsMerged().get(key))) {
              g.mergedPrs.add(key);
              g.mergedPrTokens = Math.addExact(g.mergedPrTokens, a.tokens());
              mergedPrs.add(key);
              mergedPrTokens = Math.addExact(mergedPrTokens, a.tokens());
            }
          }
          case ISSUE -> {
            if ("closed".equals(facts.issueStates().get(key))) {
              g.closedIssues.add(key);
              closedIssues.add(key);
              closedIssueTokens = Math.addExact(closedIssueTokens, a.tokens());
            }
          }
          case RELEASE, TAG -> {
            g.releases.add(key);
            releases.add(key);
            releaseTokens = Math.addExact(releaseTokens, a.tokens());
          }
          case PULL_REQUEST_FILE -> { }
        }
      }
    }
    List<OutcomeRollup> rows = new ArrayList<>(groups.size());
    groups.forEach((k, g) -> rows.add(new OutcomeRollup(k.repo.isEmpty() ? null : k.repo, k.workstream, k.outcome,
        k.confidence, g.threads, g.delta, g.commits.size(), g.prs.size(), g.mergedPrs.size(), g.closedIssues.size(),
        g.releases.size(), g.allocated, g.mergedPrTokens)));
    List<ConfidenceSummary> summary = new ArrayList<>();
    long all = total;
    levels.forEach((c, v) -> summary.add(new ConfidenceSummary(c, v[0], v[1], all == 0 ? 0 : (double) v[1] / all,
        v[2], v[3], v[4])));
    OutcomeHeadline headline = new OutcomeHeadline(total, githubRepoTokens, exactOrStrong, mergedPrs.size(),
        mergedPrTokens, closedIssues.size(), closedIssueTokens, releases.size(), releaseTokens, tokensByRepo);
    return new Outcomes(rows, summary, headline);
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
