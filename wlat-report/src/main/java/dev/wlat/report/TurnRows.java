package dev.wlat.report;

import dev.wlat.model.AccountingWarning;
import dev.wlat.model.Attribution;
import dev.wlat.model.EventAccounting;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Rows of {@code data/token_turn_estimates.tsv}: the per-row dedup contributions of the accounting,
 * summed per (session segment, turn). A row without a turn id is its own group.
 */
public final class TurnRows {

  /** One turn of one segment. */
  public record TurnRow(
      String sessionSegmentId,
      String threadId,
      String turnId,
      boolean accountingIncluded,
      Instant firstEventAt,
      Instant lastEventAt,
      long tokenEventCount,
      long observedEventSumTokens,
      long cumulativeDeltaTokens,
      long uniqueLastPerThreadTurnTokens,
      long uniqueLastPerSessionTurnTokens,
      long dedupedTurnTokens,
      long repeatedLastUsageCount,
      long missingTurnIdCount,
      Attribution attribution) {}

  private TurnRows() {}

  /** {@return one row per (segment, turn) of {@code events}, in order of first appearance}. */
  public static List<TurnRow> of(List<EventAccounting> events, Attribution attribution) {
    Map<String, Acc> turns = new LinkedHashMap<>();
    for (EventAccounting e : events) {
      String turn = e.event().turnId();
      String key = e.event().sessionSegmentId() + "\u0000" + (turn == null ? "event:" + e.eventId() : turn);
      turns.computeIfAbsent(key, k -> new Acc(e)).add(e);
    }
    List<TurnRow> rows = new ArrayList<>(turns.size());
    for (Acc a : turns.values()) {
      rows.add(a.row(attribution));
    }
    return rows;
  }

  /** {@return the schema of the table}. */
  public static TsvTable<TurnRow> table() {
    return TsvTable.<TurnRow>builder("token_turn_estimates.tsv")
        .column("session_segment_id", TurnRow::sessionSegmentId)
        .column("thread_id", TurnRow::threadId)
        .column("turn_id", TurnRow::turnId)
        .column("accounting_included", TurnRow::accountingIncluded)
        .column("github_repo", t -> FactTables.repo(t.attribution()))
        .column("workstream_label", t -> FactTables.workstream(t.attribution()))
        .column("outcome_type", t -> FactTables.outcome(t.attribution()))
        .column("attribution_confidence", t -> FactTables.confidence(t.attribution()))
        .column("first_event_at", t -> Cells.instant(t.firstEventAt()))
        .column("last_event_at", t -> Cells.instant(t.lastEventAt()))
        .column("token_event_count", TurnRow::tokenEventCount)
        .column("observed_event_sum_tokens", TurnRow::observedEventSumTokens)
        .column("cumulative_delta_tokens", TurnRow::cumulativeDeltaTokens)
        .column("unique_last_per_thread_turn_tokens", TurnRow::uniqueLastPerThreadTurnTokens)
        .column("unique_last_per_session_turn_tokens", TurnRow::uniqueLastPerSessionTurnTokens)
        .column("unique_last_per_turn_tokens", TurnRow::uniqueLastPerSessionTurnTokens)
        .column("deduped_turn_tokens", TurnRow::dedupedTurnTokens)
        .column("repeated_last_usage_count", TurnRow::repeatedLastUsageCount)
        .column("missing_turn_id_count", TurnRow::missingTurnIdCount)
        .build();
  }

  private static final class Acc {
    final EventAccounting first;
    Instant last;
    long events;
    long observed;
    long delta;
    long perThread;
    long perSession;
    long deduped;
    long repeatedLast;
    long missingTurn;
    boolean included;

    Acc(EventAccounting first) {
      this.first = first;
    }

    void add(EventAccounting e) {
      last = e.timestamp();
      events++;
      observed += e.observedTokens();
      delta = Math.addExact(delta, e.delta().totalTokens());
      perThread += e.uniqueLastPerThreadTurnTokens();
      perSession += e.uniqueLastPerSessionTurnTokens();
      deduped += e.dedupedTurnTokens();
      if (e.has(AccountingWarning.REPEATED_LAST_USAGE)) {
        repeatedLast++;
      }
      if (e.event().turnId() == null) {
        missingTurn++;
      }
      included |= e.accountingIncluded();
    }

    TurnRow row(Attribution attribution) {
      return new TurnRow(first.event().sessionSegmentId(), first.event().threadId(), first.event().turnId(),
          included, first.timestamp(), last, events, observed, delta, perThread, perSession, deduped,
          repeatedLast, missingTurn, attribution);
    }
  }
}
