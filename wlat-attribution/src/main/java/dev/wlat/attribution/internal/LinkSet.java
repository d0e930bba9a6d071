package dev.wlat.attribution.internal;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The links of one thread being found: one per artifact, the strongest kept (on a tie, the method
 * listed first in {@link #METHODS}), with what later rules need to know of each.
 */
final class LinkSet {

  static final String THREAD_ID_IN_COMMIT = "thread_id_in_commit";
  static final String THREAD_ID_IN_PULL_REQUEST = "thread_id_in_pull_request";
  static final String COMMIT_IN_SESSION_IN_PULL_REQUEST = "commit_in_session_in_pull_request";
  static final String BRANCH_NUMBER = "branch_number";
  static final String BRANCH_MATCHES_PULL_REQUEST = "branch_matches_pull_request";
  static final String COMMIT_ON_SESSION_BRANCH = "commit_on_session_branch";
  static final String COMMIT_DURING_SESSION = "commit_during_session";
  static final String CLOSED_BY_LINKED_WORK = "closed_by_linked_work";
  static final String RELEASE_AFTER_LINKED_WORK = "release_after_linked_work";

  static final List<String> METHODS = List.of(THREAD_ID_IN_COMMIT, THREAD_ID_IN_PULL_REQUEST,
      COMMIT_IN_SESSION_IN_PULL_REQUEST, BRANCH_NUMBER, BRANCH_MATCHES_PULL_REQUEST, COMMIT_ON_SESSION_BRANCH,
      COMMIT_DURING_SESSION, CLOSED_BY_LINKED_WORK, RELEASE_AFTER_LINKED_WORK);

  /**
   * One link with what later rules need.
   *
   * @param link the link (no tokens)
   * @param closes the issues its commit or pull request closes
   * @param mergedAt when its pull request was merged, or {@code null}
   */
  record Entry(OutcomeLink link, List<Integer> closes, Instant mergedAt) {
    Entry {
      closes = List.copyOf(closes);
    }
  }

  private final String threadId;
  private final Map<String, Entry> byKey = new LinkedHashMap<>();

  LinkSet(String threadId) {
    this.threadId = threadId;
  }

  void add(GitHubRepo repo, ArtifactKind kind, String id, String url, OutcomeType outcome, Boolean merged,
      String method, Confidence confidence, String evidence, List<Integer> closes, Instant mergedAt) {
    OutcomeLink link = new OutcomeLink(threadId, repo, kind, id, url, outcome, merged, 0, 0, method, confidence,
        evidence);
    String key = repo.slug() + "#" + kind.label() + ":" + id;
    Entry before = byKey.get(key);
    if (before == null || beats(link, before.link())) {
      byKey.put(key, new Entry(link, closes, mergedAt));
    }
  }

  List<Entry> entries() {
    return new ArrayList<>(byKey.values());
  }

  boolean hasExact() {
    return byKey.values().stream().anyMatch(e -> e.link().confidence() == Confidence.EXACT);
  }

  /** {@return the links, their confidence capped by {@code cap} unless exact, strongest first}. */
  List<OutcomeLink> finish(Confidence cap) {
    List<OutcomeLink> out = new ArrayList<>();
    for (Entry e : byKey.values()) {
      OutcomeLink l = e.link();
      Confidence c = Confidences.capped(l.confidence(), cap);
      out.add(c == l.confidence() ? l : new OutcomeLink(l.threadId(), l.repo(), l.artifactKind(), l.artifactId(),
          l.artifactUrl(), l.outcome(), l.merged(), 0, 0, l.method(), c, l.evidence()));
    }
    out.sort(ORDER);
    return out;
  }

  /** Strongest first; then by kind, repository and id (numbers by value). */
  static final Comparator<OutcomeLink> ORDER = Comparator.comparing(OutcomeLink::confidence)
      .thenComparing(OutcomeLink::artifactKind).thenComparing(OutcomeLink::repo)
      .thenComparing(OutcomeLink::artifactId, LinkSet::compareIds);

  private static int compareIds(String a, String b) {
    boolean na = !a.isEmpty() && a.length() < 10 && a.chars().allMatch(Character::isDigit);
    boolean nb = !b.isEmpty() && b.length() < 10 && b.chars().allMatch(Character::isDigit);
    if (na && nb) {
      return Integer.compare(Integer.parseInt(a), Integer.parseInt(b));
    }
    return a.compareTo(b);
  }

  private static boolean beats(OutcomeLink a, OutcomeLink b) {
    if (a.confidence() != b.confidence()) {
      return Confidences.stronger(a.confidence(), b.confidence());
    }
    return METHODS.indexOf(a.method()) < METHODS.indexOf(b.method());
  }
}
