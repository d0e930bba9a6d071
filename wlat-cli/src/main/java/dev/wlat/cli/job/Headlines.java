package dev.wlat.cli.job;

import dev.wlat.model.OutcomeHeadline;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The headline figures of attribution, as lines a person reads (summary output and ledger). */
public final class Headlines {

  private Headlines() {}

  /** {@return the headline figures of {@code h}, one per line}. */
  public static List<String> lines(OutcomeHeadline h) {
    List<String> out = new ArrayList<>();
    out.add(String.format(Locale.ROOT, "%s of %s tokens (%.1f%%) attributed manual, exact or strong; %s to a GitHub repo",
        n(h.exactOrStrongTokens()), n(h.totalTokens()), 100 * h.exactOrStrongShare(), n(h.githubRepoTokens())));
    if (h.mergedPullRequests() + h.closedIssues() + h.releases() == 0) {
      out.add("no merged PR, closed issue or release linked");
    } else {
      out.add(per("merged PR", h.mergedPullRequests(), h.mergedPullRequestTokens(), h.tokensPerMergedPullRequest()));
      out.add(per("closed issue", h.closedIssues(), h.closedIssueTokens(), h.tokensPerClosedIssue()));
      out.add(per("release", h.releases(), h.releaseTokens(), h.tokensPerRelease()));
    }
    if (!h.tokensByRepo().isEmpty()) {
      StringBuilder b = new StringBuilder("tokens per repo:");
      int shown = 0;
      List<Map.Entry<String, Long>> repos = new ArrayList<>(h.tokensByRepo().entrySet());
      repos.sort(Map.Entry.<String, Long>comparingByValue().reversed());
      for (Map.Entry<String, Long> e : repos) {
        if (shown++ == 8) {
          b.append(" …");
          break;
        }
        b.append(shown == 1 ? " " : ", ").append(e.getKey()).append(' ').append(n(e.getValue()));
      }
      out.add(b.toString());
    }
    return out;
  }

  private static String per(String what, long count, long tokens, Double perOne) {
    if (count == 0) {
      return "no " + what + " linked";
    }
    return String.format(Locale.ROOT, "%s %s%s linked, carrying %s tokens: %s tokens per %s", n(count), what,
        count == 1 ? "" : "s", n(tokens), n(Math.round(perOne)), what);
  }

  private static String n(long v) {
    return String.format(Locale.ROOT, "%,d", v);
  }
}
