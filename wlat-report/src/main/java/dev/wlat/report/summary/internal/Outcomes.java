package dev.wlat.report.summary.internal;

import dev.wlat.accounting.OutcomeAccounting;
import dev.wlat.model.Attribution;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeHeadline;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeRollup;
import dev.wlat.model.OutcomeType;
import dev.wlat.report.summary.ThreadUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The window's rollups by (repo, workstream, outcome, confidence), by confidence level, and the
 * headline figures, from the in-window threads and their links (see the notes atop {@link Engine}).
 * They are the backfill's own rules ({@link OutcomeAccounting}, {@link OutcomeLink#share}) applied to
 * the window's tokens, read back from the data facts.
 */
final class Outcomes {

  private final List<OutcomeRollup> rollups;
  private final List<ConfidenceSummary> confidence;
  private final OutcomeHeadline headline;

  private Outcomes(OutcomeAccounting accounting) {
    this.rollups = accounting.rollups();
    this.confidence = accounting.confidenceSummary();
    this.headline = accounting.headline();
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

  static Outcomes of(Facts facts, List<ThreadUsage> threads) {
    Map<String, List<Facts.Link>> linksByThread = new LinkedHashMap<>();
    for (Facts.Link l : facts.links()) {
      linksByThread.computeIfAbsent(l.threadId(), k -> new ArrayList<>()).add(l);
    }
    OutcomeAccounting.Builder b = OutcomeAccounting.builder(new OutcomeAccounting.ArtifactStates() {
      @Override
      public boolean isMergedPullRequest(String key) {
        return Boolean.TRUE.equals(facts.pullRequestsMerged().get(key));
      }

      @Override
      public boolean isClosedIssue(String key) {
        return "closed".equals(facts.issueStates().get(key));
      }
    });
    for (ThreadUsage t : threads) {
      Attribution a = new Attribution(t.threadId(), null, repo(t.githubRepo()), null, null, t.workstreamLabel(),
          t.outcome(), t.confidence(), "data", "data");
      List<OutcomeLink> links = new ArrayList<>();
      for (Facts.Link l : linksByThread.getOrDefault(t.threadId(), List.of())) {
        links.add(new OutcomeLink(t.threadId(), GitHubRepo.parse(l.githubRepo()), l.kind(), l.artifactId(), null,
            OutcomeType.UNKNOWN, l.merged(), 0, 0, "data", l.confidence(), ""));
      }
      b.add(a, t.usage().delta(), OutcomeLink.share(links, t.tokens()));
    }
    return new Outcomes(b.build());
  }

  private static GitHubRepo repo(String slug) {
    return slug == null || slug.isEmpty() ? null : GitHubRepo.parse(slug);
  }
}
