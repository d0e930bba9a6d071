package dev.wlat.report.summary.internal;

import dev.wlat.model.Confidence;
import dev.wlat.model.ConfidenceSummary;
import dev.wlat.report.summary.ThreadUsage;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What to do for better attribution, from what the data shows was missing: local repositories, GitHub
 * data, mappings for weakly attributed work, exact links for work that has a repository.
 */
final class Suggestions {

  /** A share of tokens at or above which a weakness is worth a suggestion. */
  private static final double NOTABLE = 0.05;

  private Suggestions() {}

  static List<String> of(Facts facts, long total, List<ThreadUsage> threads, List<ConfidenceSummary> levels) {
    List<String> out = new ArrayList<>();
    if (total == 0) {
      return out;
    }
    if (!facts.anyRepoRoot()) {
      out.add("No thread was matched to a local repository: the backfill ran without `--repo-root` (or the"
          + " repositories are elsewhere). Pass `--repo-root` for the folders you keep repositories in: cwd, branch"
          + " and commit evidence need them.");
    }
    if (facts.githubEventRows() == 0) {
      out.add("No GitHub data (data/github_events.tsv is empty: the backfill ran with `--skip-github`, or found no"
          + " GitHub repository): merged PRs, closed issues and releases cannot be linked. Drop `--skip-github`"
          + " (gh must be installed and authenticated).");
    }
    long weak = 0;
    long weakThreads = 0;
    for (ConfidenceSummary c : levels) {
      if (c.confidence() == Confidence.WEAK || c.confidence() == Confidence.NONE) {
        weak += c.tokens();
        weakThreads += c.threadCount();
      }
    }
    if (weak > 0 && (double) weak / total >= NOTABLE) {
      Map<String, Long> labels = new LinkedHashMap<>();
      for (ThreadUsage t : threads) {
        if (t.confidence() == Confidence.WEAK || t.confidence() == Confidence.NONE) {
          labels.merge(t.workstreamLabel(), t.tokens(), Long::sum);
        }
      }
      List<String> top = labels.entrySet().stream()
          .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
          .limit(3).map(e -> Markdown.code(e.getKey())).toList();
      out.add(String.format(Locale.ROOT, "%s (%.1f%%) of the tokens, in %,d threads, are attributed weak or none"
          + " (only a folder name, or nothing): map them in an overrides file (`--attribution-overrides`, by default"
          + " `<output-root>/config/attribution_overrides.tsv`), by thread id or path prefix; the largest are %s.",
          n(weak), 100.0 * weak / total, weakThreads, String.join(", ", top)));
    }
    long unlinked = 0;
    long unlinkedThreads = 0;
    for (ThreadUsage t : threads) {
      if (t.githubRepo() != null && t.linkCount() == 0 && t.confidence() != Confidence.MANUAL) {
        unlinked += t.tokens();
        unlinkedThreads++;
      }
    }
    if (unlinked > 0 && (double) unlinked / total >= NOTABLE) {
      out.add(String.format(Locale.ROOT, "%,d threads with a GitHub repository and %s tokens (%.1f%%) have no link"
          + " to a commit, PR, issue or release: add a `Codex-Thread: <thread id>` trailer to the commits a"
          + " session makes, and put the PR or issue number in branch names (fix/123-retry), to make links exact.",
          unlinkedThreads, n(unlinked), 100.0 * unlinked / total));
    }
    return out;
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
