package dev.wlat.accounting.internal;

import dev.wlat.model.AccountingBasis;
import dev.wlat.model.AccountingWarning;
import dev.wlat.model.DeltaSource;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.EventKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import dev.wlat.model.SessionRollup;
import dev.wlat.model.SessionSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.ThreadRollup;
import dev.wlat.model.TokenEvent;
import dev.wlat.model.TokenUsage;
import dev.wlat.model.TurnEstimate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/*
 * The accounting of one logical thread, in one pass over its raw rows.
 *
 * 1. Duplicates. Segments whose file names agree (minus ".zst") are copies of one rollout (live and
 *    archived): the live copy is counted, else the copy with the most token rows (then the smallest
 *    segment id); the others are kept as evidence with duplicate_segment_of set. A segment under
 *    another name is a copy too when it starts at the same session_meta time and its token rows
 *    (time and cumulative total, in order) are all the first rows of another segment's: a rollout
 *    copied or backed up under a new name, perhaps before it grew. A resume segment never matches:
 *    its rows come later than those it continues.
 * 2. Order. Segments in the order of their first row's timestamp (else session_meta's, else last),
 *    counted segments before their duplicates, then by path and id; rows in file order. The result
 *    does not depend on the order segments were given in.
 * 3. Deltas. One cumulative baseline runs across the thread's counted segments, so a resume
 *    segment that repeats the previous total adds nothing and one that restarts from zero is seen
 *    as a drop (TokenUsage.deltaSince contributes the whole new value). Replayed rows advance the
 *    baseline without counting, so a child's own usage is measured from the replayed total. Rows
 *    without totals neither count nor move the baseline. Segments on the usage-record basis count
 *    each response_id once and keep their token_count rows as superseded evidence.
 * 4. Per-turn views. A row's group is (turn key, last usage), the turn key being the turn id or,
 *    when missing, the event id; the first row of a group carries the group's tokens, per segment
 *    and per thread, so every view is a plain sum over rows.
 */

/**
 * Computes a {@link ThreadAccounting} from the segments of one thread; internal, used through
 * {@code dev.wlat.accounting.ThreadAccountant}.
 */
public final class ThreadLedger {

  private ThreadLedger() {}

  /**
   * {@return the accounting of one thread}.
   *
   * @param segments every segment of one thread, in any order
   * @throws IllegalArgumentException if {@code segments} is empty or spans several threads
   */
  public static ThreadAccounting account(List<RolloutSegment> segments) {
    if (segments.isEmpty()) {
      throw new IllegalArgumentException("a thread needs at least one segment, got none");
    }
    String threadId = segments.get(0).segment().threadId();
    Set<String> ids = new HashSet<>();
    for (RolloutSegment s : segments) {
      if (!s.segment().threadId().equals(threadId)) {
        throw new IllegalArgumentException("segments of one thread expected, got threads ["
            + threadId + "] and [" + s.segment().threadId() + "]");
      }
      if (!ids.add(s.segment().segmentId())) {
        throw new IllegalArgumentException(
            "segment [" + s.segment().segmentId() + "] given twice for thread [" + threadId + "]");
      }
    }
    Map<String, String> duplicateOf = duplicates(segments);
    List<RolloutSegment> ordered = new ArrayList<>(segments);
    ordered.sort(Comparator
        .comparing((RolloutSegment s) -> firstTime(s), Comparator.nullsLast(Comparator.naturalOrder()))
        .thenComparing(s -> duplicateOf.containsKey(s.segment().segmentId()))
        .thenComparing(s -> s.segment().sourcePath())
        .thenComparing(s -> s.segment().segmentId()));
    return new Pass(threadId, duplicateOf).run(ordered);
  }

  /** {@return the time a segment sorts by: its first row's, else its session_meta's, else null}. */
  public static Instant firstTime(RolloutSegment s) {
    return s.events().isEmpty() ? s.segment().startedAt() : s.events().get(0).timestamp();
  }

  // ---------------------------------------------------------------------------------------------
  // Duplicates
  // ---------------------------------------------------------------------------------------------

  private static Map<String, String> duplicates(List<RolloutSegment> segments) {
    Map<String, List<RolloutSegment>> byName = new LinkedHashMap<>();
    for (RolloutSegment s : segments) {
      byName.computeIfAbsent(fileKey(s.segment().relativePath()), k -> new ArrayList<>()).add(s);
    }
    Map<String, String> duplicateOf = new HashMap<>();
    for (List<RolloutSegment> copies : byName.values()) {
      if (copies.size() < 2) {
        continue;
      }
      RolloutSegment kept = copies.stream().min(Comparator
          .comparing((RolloutSegment s) -> s.segment().location() != SegmentLocation.LIVE)
          .thenComparing(s -> -s.events().size())
          .thenComparing(s -> s.segment().segmentId())).orElseThrow();
      for (RolloutSegment s : copies) {
        if (s != kept) {
          duplicateOf.put(s.segment().segmentId(), kept.segment().segmentId());
        }
      }
    }
    copiesByContent(segments, duplicateOf);
    return duplicateOf;
  }

  /** Marks the segments left whose token rows all begin another's (same start, same times and totals). */
  private static void copiesByContent(List<RolloutSegment> segments, Map<String, String> duplicateOf) {
    Map<List<Object>, List<RolloutSegment>> byStart = new LinkedHashMap<>();
    for (RolloutSegment s : segments) {
      if (!duplicateOf.containsKey(s.segment().segmentId()) && !s.events().isEmpty()) {
        TokenEvent first = s.events().get(0);
        byStart.computeIfAbsent(Arrays.asList(s.segment().startedAt(), first.timestamp(), first.total()),
            k -> new ArrayList<>()).add(s);
      }
    }
    for (List<RolloutSegment> same : byStart.values()) {
      if (same.size() < 2) {
        continue;
      }
      // the fullest copy first (then live, then by id): each other copy is checked against those kept
      same.sort(Comparator.comparing((RolloutSegment s) -> -s.events().size())
          .thenComparing(s -> s.segment().location() != SegmentLocation.LIVE)
          .thenComparing(s -> s.segment().segmentId()));
      List<RolloutSegment> kept = new ArrayList<>();
      for (RolloutSegment s : same) {
        RolloutSegment of = kept.stream().filter(k -> rowsBegin(k, s)).findFirst().orElse(null);
        if (of == null) {
          kept.add(s);
        } else {
          duplicateOf.put(s.segment().segmentId(), of.segment().segmentId());
        }
      }
    }
  }

  /** {@return whether every token row of {@code prefix} is, in order, the same row of {@code whole}}. */
  private static boolean rowsBegin(RolloutSegment whole, RolloutSegment prefix) {
    List<TokenEvent> w = whole.events();
    List<TokenEvent> p = prefix.events();
    if (p.size() > w.size()) {
      return false;
    }
    for (int i = 0; i < p.size(); i++) {
      TokenEvent a = w.get(i);
      TokenEvent b = p.get(i);
      if (!Objects.equals(a.timestamp(), b.timestamp()) || !Objects.equals(a.total(), b.total())
          || !Objects.equals(a.last(), b.last())) {
        return false;
      }
    }
    return true;
  }

  /** {@return the file name of {@code relativePath} without directories and without {@code .zst}}. */
  static String fileKey(String relativePath) {
    int slash = Math.max(relativePath.lastIndexOf('/'), relativePath.lastIndexOf('\\'));
    String name = relativePath.substring(slash + 1);
    return name.endsWith(".zst") ? name.substring(0, name.length() - 4) : name;
  }

  // ---------------------------------------------------------------------------------------------
  // The pass over rows
  // ---------------------------------------------------------------------------------------------

  /** A per-turn group: the turn key and the last usage. */
  private record GroupKey(String turnKey, TokenUsage last) {}

  /** Mutable state of one pass; single-threaded. */
  private static final class Pass {
    private final String threadId;
    private final Map<String, String> duplicateOf;
    private final List<EventAccounting> events = new ArrayList<>();
    private final Set<String> seenResponses = new HashSet<>();
    private final Set<GroupKey> threadGroups = new HashSet<>();
    private TokenUsage baseline;

    Pass(String threadId, Map<String, String> duplicateOf) {
      this.threadId = threadId;
      this.duplicateOf = duplicateOf;
    }

    ThreadAccounting run(List<RolloutSegment> ordered) {
      List<TurnEstimate> estimates = new ArrayList<>(ordered.size());
      List<SessionRollup> sessions = new ArrayList<>(ordered.size());
      ThreadTally thread = new ThreadTally();
      for (RolloutSegment s : ordered) {
        SegmentTally tally = segment(s);
        estimates.add(tally.estimate(s.segment(), threadId));
        sessions.add(tally.rollup(s.segment(), threadId));
        thread.add(tally);
      }
      SessionSegment first = ordered.get(0).segment();
      return new ThreadAccounting(events, estimates, sessions,
          thread.rollup(threadId, first.parentId(), ordered.size()));
    }

    private SegmentTally segment(RolloutSegment s) {
      SessionSegment seg = s.segment();
      String dupOf = duplicateOf.get(seg.segmentId());
      SegmentTally tally = new SegmentTally(dupOf);
      boolean usageRecords = seg.basis() == AccountingBasis.USAGE_RECORDS;
      // In a usage-record file, token_count rows are superseded only from the first record on, or in a
      // turn that has records: older rows of the same file (a session resumed by a newer Codex) count.
      long firstRecordLine = Long.MAX_VALUE;
      java.util.Set<String> recordTurns = new java.util.HashSet<>();
      if (usageRecords) {
        for (TokenEvent e : s.events()) {
          if (e.kind() == EventKind.USAGE_RECORD) {
            firstRecordLine = Math.min(firstRecordLine, e.lineNumber());
            if (e.turnId() != null) {
              recordTurns.add(e.turnId());
            }
          }
        }
      }
      TokenUsage prevCountTotal = null;
      TokenUsage prevRecordTotal = null;
      for (TokenEvent e : s.events()) {
        EnumSet<AccountingWarning> w = EnumSet.noneOf(AccountingWarning.class);
        TokenUsage total = e.total();
        boolean isRecord = e.kind() == EventKind.USAGE_RECORD;
        TokenUsage prevSameKind = isRecord ? prevRecordTotal : prevCountTotal;
        boolean repeatedTotal = e.has(EventFlag.REPEATED_TOTAL)
            || (total != null && total.equals(prevSameKind));
        if (total != null) {
          if (isRecord) {
            prevRecordTotal = total;
          } else {
            prevCountTotal = total;
          }
        }
        boolean infoMissing = e.has(EventFlag.INFO_MISSING);
        boolean replayed = e.has(EventFlag.REPLAYED);
        boolean unverified = !replayed && e.has(EventFlag.REPLAY_UNVERIFIED);
        if (repeatedTotal) {
          w.add(AccountingWarning.REPEATED_TOTAL);
        }
        if (e.turnId() == null) {
          w.add(AccountingWarning.MISSING_TURN_ID);
        }
        if (infoMissing) {
          w.add(AccountingWarning.INFO_MISSING);
        }
        if (replayed) {
          w.add(AccountingWarning.REPLAYED_PREFIX);
        }
        if (unverified) {
          w.add(AccountingWarning.REPLAY_UNVERIFIED);
        }

        TokenUsage previous = baseline;
        TokenUsage delta = TokenUsage.ZERO;
        boolean reset = false;
        boolean included = true;
        DeltaSource source;
        if (dupOf != null) {
          included = false;
          source = DeltaSource.DUPLICATE_SEGMENT;
          w.add(AccountingWarning.DUPLICATE_SEGMENT_EXCLUDED);
        } else if (usageRecords && !isRecord
            && (e.lineNumber() >= firstRecordLine || (e.turnId() != null && recordTurns.contains(e.turnId())))) {
          included = false;
          source = DeltaSource.SUPERSEDED_BY_USAGE_RECORDS;
          w.add(AccountingWarning.SUPERSEDED_BY_USAGE_RECORDS);
        } else if (!usageRecords && isRecord) {
          included = false;
          source = DeltaSource.NOT_ON_BASIS;
        } else if (isRecord) {
          // Usage-record basis: each response once; replayed records only mark their ids.
          if (replayed || unverified) {
            source = replayed ? DeltaSource.REPLAYED : DeltaSource.REPLAY_UNVERIFIED;
            if (e.responseId() != null) {
              seenResponses.add(e.responseId());
            }
          } else if (e.last() == null) {
            source = DeltaSource.NO_USAGE;
          } else if (e.responseId() != null && !seenResponses.add(e.responseId())) {
            source = DeltaSource.DUPLICATE_RESPONSE;
            w.add(AccountingWarning.DUPLICATE_RESPONSE);
          } else {
            source = DeltaSource.USAGE_RECORD;
            delta = e.last();
          }
          if (total != null) {
            // thread_token_usage is cumulative: a later token-count segment continues from it.
            baseline = total;
          }
        } else if (infoMissing || total == null) {
          source = DeltaSource.NO_USAGE;
          if (!infoMissing) {
            w.add(AccountingWarning.TOTAL_MISSING);
          }
        } else if (replayed || unverified) {
          source = replayed ? DeltaSource.REPLAYED : DeltaSource.REPLAY_UNVERIFIED;
          baseline = total;
        } else {
          source = DeltaSource.CUMULATIVE_DELTA;
          reset = previous != null && total.dropsBelow(previous);
          delta = total.deltaSince(previous == null ? TokenUsage.ZERO : previous);
          baseline = total;
          if (reset) {
            w.add(AccountingWarning.CUMULATIVE_RESET);
          }
        }

        long deduped = 0;
        long uniqueSession = 0;
        long uniqueThread = 0;
        boolean turnCounted = included && !replayed && !unverified && e.last() != null
            && !e.has(EventFlag.ZERO_LAST_USAGE);
        if (turnCounted) {
          long tokens = e.last().totalTokens();
          GroupKey key = new GroupKey(
              e.turnId() != null ? "t:" + e.turnId() : "e:" + e.eventId(), e.last());
          if (tally.sessionGroups.add(key)) {
            uniqueSession = tokens;
          } else {
            w.add(AccountingWarning.REPEATED_LAST_USAGE);
            tally.repeatedLastUsage++;
          }
          if (threadGroups.add(key)) {
            uniqueThread = tokens;
          }
          if (!repeatedTotal && !infoMissing && source != DeltaSource.DUPLICATE_RESPONSE) {
            deduped = tokens;
          }
        }
        EventAccounting row = new EventAccounting(e, included, dupOf, source, previous, delta,
            reset, deduped, uniqueSession, uniqueThread, w);
        events.add(row);
        tally.add(row, repeatedTotal);
      }
      return tally;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Tallies
  // ---------------------------------------------------------------------------------------------

  /** Running sums over one segment's rows. */
  private static final class SegmentTally {
    final String duplicateOf;
    final Set<GroupKey> sessionGroups = new HashSet<>();
    final Set<String> turnIds = new HashSet<>();
    final EnumSet<AccountingWarning> warnings = EnumSet.noneOf(AccountingWarning.class);
    Instant firstAt;
    Instant lastAt;
    long count;
    long repeatedLastUsage;
    long repeatedCumulative;
    long resets;
    long missingTurnId;
    long zeroCumulative;
    long observed;
    long uniqueSession;
    long uniqueThread;
    long deduped;
    long finalTotal;
    TokenUsage delta = TokenUsage.ZERO;

    SegmentTally(String duplicateOf) {
      this.duplicateOf = duplicateOf;
    }

    void add(EventAccounting row, boolean repeatedTotal) {
      TokenEvent e = row.event();
      if (firstAt == null) {
        firstAt = e.timestamp();
      }
      lastAt = e.timestamp();
      count++;
      if (repeatedTotal) {
        repeatedCumulative++;
      }
      if (row.cumulativeReset()) {
        resets++;
      }
      if (e.turnId() == null) {
        missingTurnId++;
      } else {
        turnIds.add(e.turnId());
      }
      if (e.total() != null && e.total().totalTokens() == 0) {
        zeroCumulative++;
      }
      observed = Math.addExact(observed, row.observedTokens());
      uniqueSession = Math.addExact(uniqueSession, row.uniqueLastPerSessionTurnTokens());
      uniqueThread = Math.addExact(uniqueThread, row.uniqueLastPerThreadTurnTokens());
      deduped = Math.addExact(deduped, row.dedupedTurnTokens());
      if (row.accountingIncluded() && e.total() != null) {
        finalTotal = Math.max(finalTotal, e.total().totalTokens());
      }
      delta = delta.plus(row.delta());
      warnings.addAll(row.warnings());
    }

    TurnEstimate estimate(SessionSegment seg, String threadId) {
      return new TurnEstimate(seg.segmentId(), threadId, duplicateOf == null, count,
          repeatedLastUsage, repeatedCumulative, resets, missingTurnId, zeroCumulative,
          turnIds.size(), observed, uniqueSession, uniqueThread, deduped, delta.totalTokens(),
          finalTotal);
    }

    SessionRollup rollup(SessionSegment seg, String threadId) {
      return new SessionRollup(seg.segmentId(), threadId, seg.sourcePath(), seg.location(),
          seg.basis(), duplicateOf == null, duplicateOf, firstAt, lastAt, count, observed,
          finalTotal, delta, resets, warnings);
    }
  }

  /** Running sums over a thread's segment tallies. */
  private static final class ThreadTally {
    final EnumSet<AccountingWarning> warnings = EnumSet.noneOf(AccountingWarning.class);
    Instant firstAt;
    Instant lastAt;
    int included;
    long count;
    long observed;
    long finalSessions;
    long finalThread;
    long uniqueThread;
    long resets;
    TokenUsage delta = TokenUsage.ZERO;

    void add(SegmentTally t) {
      if (t.firstAt != null && (firstAt == null || t.firstAt.isBefore(firstAt))) {
        firstAt = t.firstAt;
      }
      if (t.lastAt != null && (lastAt == null || t.lastAt.isAfter(lastAt))) {
        lastAt = t.lastAt;
      }
      if (t.duplicateOf == null) {
        included++;
      }
      count += t.count;
      observed = Math.addExact(observed, t.observed);
      finalSessions = Math.addExact(finalSessions, t.finalTotal);
      finalThread = Math.max(finalThread, t.finalTotal);
      uniqueThread = Math.addExact(uniqueThread, t.uniqueThread);
      resets += t.resets;
      delta = delta.plus(t.delta);
      warnings.addAll(t.warnings);
    }

    ThreadRollup rollup(String threadId, String parentThreadId, int segmentCount) {
      return new ThreadRollup(threadId, parentThreadId, segmentCount, included, firstAt, lastAt,
          count, observed, finalSessions, finalThread, delta, uniqueThread, resets, warnings);
    }
  }
}
