package dev.wlat.cli.job;

import dev.wlat.accounting.OutcomeAccounting;
import dev.wlat.attribution.AttributionOverrides;
import dev.wlat.attribution.Attributor;
import dev.wlat.attribution.LocalRepo;
import dev.wlat.attribution.RepoIndex;
import dev.wlat.attribution.ThreadAttribution;
import dev.wlat.attribution.ThreadEvidence;
import dev.wlat.ingest.ChatProcess;
import dev.wlat.ingest.ChatProcesses;
import dev.wlat.ingest.ThreadIndexEntry;
import dev.wlat.model.Attribution;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.GitFacts;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TokenUsage;
import dev.wlat.report.OutcomeTables;
import dev.wlat.report.TsvRows;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

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

  /**
   * What a thread's attribution is computed from, taken from its accounting: kept by an incremental
   * run, so an unchanged thread is attributed again (repositories, GitHub and overrides may have
   * changed) without reading its files.
   *
   * @param threadId the thread
   * @param parentThreadId its parent, or {@code null}
   * @param hasFirst whether it has a first segment
   * @param firstCwd the first segment's cwd
   * @param recordedGit the first segment's git facts
   * @param lastCwd the cwd of its last row that had one
   * @param firstAt its first row's time
   * @param lastAt its last row's time
   */
  record Inputs(String threadId, String parentThreadId, boolean hasFirst, String firstCwd, GitFacts recordedGit,
      String lastCwd, Instant firstAt, Instant lastAt) {

    Inputs {
      recordedGit = recordedGit == null ? GitFacts.NONE : recordedGit;
    }

    static Inputs of(ThreadAccounting t, SessionSegment first) {
      String lastCwd = null;
      for (EventAccounting e : t.events()) {
        if (e.event().cwd() != null) {
          lastCwd = e.event().cwd();
        }
      }
      return new Inputs(t.threadId(), t.thread().parentThreadId(), first != null, first == null ? null : first.cwd(),
          first == null ? GitFacts.NONE : first.git(), lastCwd, t.thread().firstEventAt(), t.thread().lastEventAt());
    }
  }

  /** {@return where {@code t}'s in-window tokens went}; thread-safe. */
  Result attribute(ThreadAccounting t, List<EventAccounting> inWindow, SessionSegment first, ThreadIndexEntry db) {
    TokenUsage delta = TokenUsage.ZERO;
    for (EventAccounting e : inWindow) {
      delta = delta.plus(e.delta());
    }
    return attribute(Inputs.of(t, first), delta, db);
  }

  /** {@return where a thread's in-window {@code delta} went, from its kept inputs}; thread-safe. */
  Result attribute(Inputs in, TokenUsage delta, ThreadIndexEntry db) {
    ThreadEvidence evidence = ThreadEvidence.builder(in.threadId())
        .parentThreadId(in.parentThreadId())
        .sessionCwd(in.hasFirst() ? in.firstCwd() : db != null ? db.cwd() : null)
        .lastCwd(in.lastCwd())
        .processCwd(processCwds.get(in.threadId()))
        .recordedGit(in.hasFirst() ? in.recordedGit() : null)
        .stateDbGit(db == null ? null : db.git())
        .span(in.firstAt(), in.lastAt())
        .build();
    ThreadAttribution found = attributor.attribute(evidence);
    return new Result(found.attribution(), Attributor.allocate(found.links(), delta.totalTokens()), delta);
  }

  /**
   * {@return a digest of everything outside a thread that its attribution depends on}: the
   * overrides, the GitHub artifacts, the desktop app's process cwds, and each local repository
   * with its refs (any commit moves a ref). While it is unchanged, an incremental run reuses a
   * thread's kept attribution; a cwd that became a symbolic link is not noticed until the thread
   * changes.
   */
  static long fingerprint(RepoIndex repos, AttributionOverrides overrides, List<GitHubArtifact> artifacts,
      ChatProcesses processes) {
    StringBuilder b = new StringBuilder(1 << 12);
    b.append(overrides.rows()).append('\n');
    for (GitHubArtifact a : artifacts) {
      b.append(a).append('\n');
    }
    for (ChatProcess p : processes.processes()) {
      b.append(p.conversationId()).append('=').append(p.cwd()).append('\n');
    }
    for (LocalRepo r : repos.repos()) {
      b.append(r).append('\n');
      refs(r.gitDir().resolve("HEAD"), b);
      refs(r.commonDir().resolve("packed-refs"), b);
      Path refs = r.commonDir().resolve("refs");
      if (Files.isDirectory(refs)) {
        try (Stream<Path> s = Files.walk(refs)) {
          for (Path f : s.filter(Files::isRegularFile).sorted().toList()) {
            refs(f, b);
          }
        } catch (IOException | UncheckedIOException e) {
          b.append("unreadable refs ").append(System.nanoTime()); // never equal: recompute
        }
      }
    }
    return Blobs.digest(b.toString());
  }

  private static void refs(Path f, StringBuilder b) {
    try {
      if (Files.isRegularFile(f)) {
        b.append(f).append(':').append(Files.readString(f)).append('\n');
      }
    } catch (IOException | UncheckedIOException e) {
      b.append("unreadable ").append(f).append(System.nanoTime());
    }
  }

  /** {@return a digest of {@code r}'s attribution and links}: equal when the thread's rows would be too. */
  static long digest(Result r) {
    return Blobs.digest(r.attribution().toString(), r.links().toString());
  }

  /** Adds {@code r} to the outcome rollups and the counts; on the consuming thread only. */
  void count(Result r) {
    outcomes.add(r.attribution(), r.delta(), r.links());
    threadsByConfidence.merge(r.attribution().confidence(), 1L, Long::sum);
    links += r.links().size();
  }

  /** Writes one row per link of {@code r}. */
  static void renderLinks(TsvRows<OutcomeTables.LinkRow> w, Result r, String runId) {
    for (OutcomeLink l : r.links()) {
      w.add(new OutcomeTables.LinkRow(l, r.attribution(), runId));
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

  /** {@return the thread's first counted segment (else its first segment), or {@code null}}. */
  static SessionSegment firstSegment(ThreadAccounting t,
      Map<String, SessionSegment> segmentsById) {
    SessionSegment first = null;
    for (dev.wlat.model.SessionRollup s : t.sessions()) {
      SessionSegment seg = segmentsById.get(s.sessionSegmentId());
      if (seg != null && (first == null || s.accountingIncluded())) {
        first = seg;
        if (s.accountingIncluded()) {
          break;
        }
      }
    }
    return first;
  }

  /**
   * {@return {@code r} as {@code privacy} shows it}: the thread's attribution (workstream, evidence,
   * repository root, branch) and its links' evidence and tag names. Applied before anything is
   * written or counted, so every table shows the same labels.
   */
  static Result shown(Result r, dev.wlat.model.Privacy privacy) {
    if (privacy.isNormal()) {
      return r;
    }
    List<OutcomeLink> links = new java.util.ArrayList<>(r.links().size());
    for (OutcomeLink l : r.links()) {
      boolean tag = l.artifactKind() == dev.wlat.model.ArtifactKind.TAG
          || l.artifactKind() == dev.wlat.model.ArtifactKind.RELEASE;
      links.add(new OutcomeLink(l.threadId(), l.repo(), l.artifactKind(), tag ? privacy.tag(l.artifactId()) : l.artifactId(),
          tag && privacy.mode() == dev.wlat.model.Privacy.Mode.STRICT ? null : l.artifactUrl(), l.outcome(), l.merged(),
          l.threadTokens(), l.allocatedTokens(), l.method(), l.confidence(), privacy.text(l.evidence())));
    }
    return new Result(privacy.attribution(r.attribution()), links, r.delta());
  }
}
