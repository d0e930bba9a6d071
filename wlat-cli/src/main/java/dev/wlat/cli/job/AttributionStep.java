package dev.wlat.cli.job;

import dev.wlat.accounting.OutcomeAccounting;
import dev.wlat.attribution.Attributor;
import dev.wlat.attribution.ThreadAttribution;
import dev.wlat.attribution.ThreadEvidence;
import dev.wlat.ingest.ChatProcess;
import dev.wlat.ingest.ChatProcesses;
import dev.wlat.ingest.ThreadIndexEntry;
import dev.wlat.model.Attribution;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.OutcomeTables;
import dev.wlat.report.TsvWriter;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/*
 * The attribution half of a backfill. On the parse workers (attribute, thread-safe: the Attributor
 * and the maps here are read-only): for each thread active in the window, gather its evidence (cwds,
 * recorded git facts, the desktop app's process cwd, its time span), ask the Attributor where its
 * tokens went and share its in-window tokens over its links. On the consuming thread (count), in
 * the fixed output order: feed the outcome rollups and the run's counts.
 */

/** Attributes each thread and collects its outcome links for one backfill run. */
final class AttributionStep {

  private final Attributor attributor;
  private final Map<String, String> processCwds = new HashMap<>();
  private final OutcomeAccounting.Builder outcomes;
  private final EnumMap<dev.wlat.model.Confidence, Long> threadsByConfidence =
      new EnumMap<>(dev.wlat.model.Confidence.class);
  private long links;

  AttributionStep(Attributor attributor, List<GitHubArtifact> artifacts, ChatProcesses processes) {
    this.attributor = attributor;
    Map<String, GitHubArtifact> byKey = new HashMap<>();
    for (GitHubArtifact a : artifacts) {
      byKey.put(a.key(), a);
    }
    this.outcomes = OutcomeAccounting.builder(byKey);
    for (ChatProcess p : processes.processes()) {
      if (p.cwd() != null) {
        processCwds.put(p.conversationId(), p.cwd());
      }
    }
  }

  /** The attribution of one thread, its links with tokens allocated, and its in-window usage. */
  record Result(Attribution attribution, List<OutcomeLink> links, TokenUsage delta) {}

  /** {@return where {@code t}'s in-window tokens went}; thread-safe. */
  Result attribute(ThreadAccounting t, List<EventAccounting> inWindow, SessionSegment first, ThreadIndexEntry db) {
    String lastCwd = null;
    for (EventAccounting e : t.events()) {
      if (e.event().cwd() != null) {
        lastCwd = e.event().cwd();
      }
    }
    ThreadEvidence evidence = ThreadEvidence.builder(t.threadId())
        .parentThreadId(t.thread().parentThreadId())
        .sessionCwd(first != null ? first.cwd() : db != null ? db.cwd() : null)
        .lastCwd(lastCwd)
        .processCwd(processCwds.get(t.threadId()))
        .recordedGit(first == null ? null : first.git())
        .stateDbGit(db == null ? null : db.git())
        .span(t.thread().firstEventAt(), t.thread().lastEventAt())
        .build();
    ThreadAttribution found = attributor.attribute(evidence);
    TokenUsage delta = TokenUsage.ZERO;
    for (EventAccounting e : inWindow) {
      delta = delta.plus(e.delta());
    }
    return new Result(found.attribution(), Attributor.allocate(found.links(), delta.totalTokens()), delta);
  }

  /** Adds {@code r} to the outcome rollups and the counts; on the consuming thread only. */
  void count(Result r) {
    outcomes.add(r.attribution(), r.delta(), r.links());
    threadsByConfidence.merge(r.attribution().confidence(), 1L, Long::sum);
    links += r.links().size();
  }

  /** Writes one row per link of {@code r}. */
  static void writeLinks(TsvWriter<OutcomeTables.LinkRow> w, Result r, String runId) {
    for (OutcomeLink l : r.links()) {
      w.write(new OutcomeTables.LinkRow(l, r.attribution(), runId));
    }
  }

  OutcomeAccounting outcomes() {
    return outcomes.build();
  }

  Map<dev.wlat.model.Confidence, Long> threadsByConfidence() {
    return threadsByConfidence;
  }

  long linkCount() {
    return links;
  }
}
