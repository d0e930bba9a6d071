package dev.wlat.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * One link between a thread and a GitHub artifact (or a local commit), with the tokens it carries.
 *
 * <p>A thread's in-window {@code cumulative_delta_tokens} are shared out over its links so that the
 * links of one thread never carry more than the thread used: {@code allocatedTokens} of all links
 * of a thread sum to its tokens.
 *
 * @param threadId the thread
 * @param repo the repository of the artifact
 * @param artifactKind what the artifact is
 * @param artifactId its id within the repo (see {@link GitHubArtifact#id()})
 * @param artifactUrl its web URL, or {@code null} (a local commit not seen on GitHub)
 * @param outcome the artifact's outcome type
 * @param merged for a PR, whether it was merged; else {@code null}
 * @param threadTokens the thread's in-window {@code cumulative_delta_tokens}
 * @param allocatedTokens this link's share of them
 * @param method how the link was found (e.g. {@code commit_in_session}, {@code branch_number})
 * @param confidence how sure the link is
 * @param evidence a short, secret-free account of the evidence
 */
public record OutcomeLink(
    String threadId,
    GitHubRepo repo,
    ArtifactKind artifactKind,
    String artifactId,
    String artifactUrl,
    OutcomeType outcome,
    Boolean merged,
    long threadTokens,
    long allocatedTokens,
    String method,
    Confidence confidence,
    String evidence) {

  public OutcomeLink {
    Objects.requireNonNull(threadId, "threadId");
    Objects.requireNonNull(repo, "repo");
    Objects.requireNonNull(artifactKind, "artifactKind");
    Objects.requireNonNull(artifactId, "artifactId");
    Objects.requireNonNull(outcome, "outcome");
    Objects.requireNonNull(method, "method");
    Objects.requireNonNull(confidence, "confidence");
    Objects.requireNonNull(evidence, "evidence");
    if (threadTokens < 0 || allocatedTokens < 0 || allocatedTokens > threadTokens) {
      throw new IllegalArgumentException("link of thread [" + threadId + "] carries " + allocatedTokens
          + " of " + threadTokens + " tokens");
    }
  }

  /** {@return the linked artifact's {@link GitHubArtifact#key()}}. */
  public String artifactKey() {
    return repo.slug() + "#" + artifactKind.label() + ":" + artifactId;
  }

  /**
   * {@return the links, in their order, each carrying its share of {@code threadTokens}}: equal
   * shares, the remainder one token each to the first links by confidence (strongest first, then
   * list order), so the shares sum exactly to {@code threadTokens}; empty for no links.
   *
   * @throws IllegalArgumentException if {@code threadTokens} is negative
   */
  public static List<OutcomeLink> share(List<OutcomeLink> links, long threadTokens) {
    if (threadTokens < 0) {
      throw new IllegalArgumentException("thread tokens [" + threadTokens + "] must not be negative");
    }
    int n = links.size();
    if (n == 0) {
      return List.of();
    }
    long each = threadTokens / n;
    long remainder = threadTokens % n;
    Integer[] order = new Integer[n];
    for (int i = 0; i < n; i++) {
      order[i] = i;
    }
    Arrays.sort(order, Comparator.comparing((Integer i) -> links.get(i).confidence()).thenComparing(i -> i));
    long[] parts = new long[n];
    for (int k = 0; k < n; k++) {
      parts[order[k]] = each + (k < remainder ? 1 : 0);
    }
    List<OutcomeLink> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(links.get(i).withTokens(threadTokens, parts[i]));
    }
    return List.copyOf(out);
  }

  /** {@return a copy carrying {@code allocated} of {@code thread} tokens}. */
  public OutcomeLink withTokens(long thread, long allocated) {
    return new OutcomeLink(threadId, repo, artifactKind, artifactId, artifactUrl, outcome, merged, thread,
        allocated, method, confidence, evidence);
  }
}
