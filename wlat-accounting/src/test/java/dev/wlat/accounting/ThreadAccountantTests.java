package dev.wlat.accounting;

import static dev.wlat.accounting.Fixtures.archived;
import static dev.wlat.accounting.Fixtures.live;
import static dev.wlat.accounting.Fixtures.u;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.AccountingBasis;
import dev.wlat.model.AccountingWarning;
import dev.wlat.model.DeltaSource;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SessionRollup;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TokenUsage;
import dev.wlat.model.TurnEstimate;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThreadAccountantTests {

  private static final ThreadAccountant ACCOUNTANT = ThreadAccountant.create();

  private static ThreadAccounting account(RolloutSegment... segments) {
    return ACCOUNTANT.account(List.of(segments));
  }

  private static List<Long> deltas(ThreadAccounting t) {
    return t.events().stream().map(e -> e.delta().totalTokens()).toList();
  }

  // The first rows of a real codex 0.77 file: each total is written twice (a re-emit after tool
  // output), so the naive sum of last usages is 7381+7381+7606+7606+7787 = 37761.
  static RolloutSegment classicReEmits() {
    TokenUsage t1 = TokenUsage.of(7266, 0, 115, 64, 7381);
    TokenUsage t2 = TokenUsage.of(14812, 7296, 175, 64, 14987);
    TokenUsage l2 = TokenUsage.of(7546, 7296, 60, 0, 7606);
    TokenUsage t3 = TokenUsage.of(22474, 14848, 300, 128, 22774);
    TokenUsage l3 = TokenUsage.of(7662, 7552, 125, 64, 7787);
    return live("t1", "rollout-a.jsonl")
        .infoNull("2026-01-02T16:39:46.793Z")
        .row("2026-01-02T16:39:49.758Z", t1, t1)
        .row("2026-01-02T16:39:51.220Z", t1, t1, EventFlag.REPEATED_TOTAL)
        .row("2026-01-02T16:39:53.855Z", l2, t2)
        .row("2026-01-02T16:39:54.953Z", l2, t2, EventFlag.REPEATED_TOTAL)
        .row("2026-01-02T16:39:58.730Z", l3, t3)
        .build();
  }

  @Test
  void reEmitsAddNothingSoDeltaEqualsFinalTotal() {
    ThreadAccounting t = account(classicReEmits());

    assertThat(deltas(t)).containsExactly(0L, 7381L, 0L, 7606L, 0L, 7787L);
    assertThat(t.thread().delta()).isEqualTo(TokenUsage.of(22474, 14848, 300, 128, 22774));
    assertThat(t.thread().observedEventSumTokens()).isEqualTo(37761);
    assertThat(t.thread().finalThreadTotalTokens()).isEqualTo(22774);
    assertThat(t.sessions().get(0).finalSessionTotalTokens()).isEqualTo(22774);
  }

  @Test
  void reEmitsAreCountedAndFlaggedInTurnEstimates() {
    ThreadAccounting t = account(classicReEmits());
    TurnEstimate e = t.turnEstimates().get(0);

    assertThat(e.tokenEventCount()).isEqualTo(6);
    assertThat(e.repeatedCumulativeCount()).isEqualTo(2);
    assertThat(e.repeatedLastUsageCount()).isEqualTo(2);
    assertThat(e.dedupedTurnTokens()).isEqualTo(7381 + 7606 + 7787);
    assertThat(e.uniqueLastPerSessionTurnTokens()).isEqualTo(7381 + 7606 + 7787);
    assertThat(e.uniqueLastPerTurnTokens()).isEqualTo(e.uniqueLastPerSessionTurnTokens());
    assertThat(e.uniqueLastPerThreadTurnTokens()).isEqualTo(7381 + 7606 + 7787);
    assertThat(e.observedEventSumTokens()).isEqualTo(37761);
    assertThat(e.distinctTurnCount()).isEqualTo(1);
    assertThat(e.cumulativeResetCount()).isZero();
    assertThat(t.events().get(2).warnings())
        .containsExactly(AccountingWarning.REPEATED_LAST_USAGE, AccountingWarning.REPEATED_TOTAL);
  }

  @Test
  void aDropOfTheTotalStartsANewBaselineFromZero() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", 100, 100)
        .row("2026-02-01T10:01:00Z", 150, 250)
        .row("2026-02-01T10:02:00Z", 40, 40)
        .row("2026-02-01T10:03:00Z", 50, 90)
        .build());

    assertThat(deltas(t)).containsExactly(100L, 150L, 40L, 50L);
    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(340);
    assertThat(t.thread().cumulativeResetCount()).isEqualTo(1);
    assertThat(t.events().get(2).cumulativeReset()).isTrue();
    assertThat(t.events().get(2).previousTotal()).isEqualTo(u(250));
    assertThat(t.events().get(2).has(AccountingWarning.CUMULATIVE_RESET)).isTrue();
    assertThat(t.thread().finalThreadTotalTokens()).isEqualTo(250);
  }

  @Test
  void aFieldThatDropsContributesItsWholeValueWithoutMarkingAReset() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", TokenUsage.of(100, 80, 10, 5, 110), TokenUsage.of(100, 80, 10, 5, 110))
        .row("2026-02-01T10:01:00Z", TokenUsage.of(100, 30, 10, 0, 110), TokenUsage.of(190, 30, 20, 5, 210))
        .build());

    // cached 80 -> 30 drops, so it contributes 30; the total grew, so no reset.
    assertThat(t.events().get(1).delta()).isEqualTo(TokenUsage.of(90, 30, 10, 0, 100));
    assertThat(t.events().get(1).cumulativeReset()).isFalse();
  }

  @Test
  void infoNullRowsCountNothingAndKeepTheBaseline() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", 100, 100)
        .infoNull("2026-02-01T10:01:00Z")
        .row("2026-02-01T10:02:00Z", 200, 300)
        .build());

    assertThat(deltas(t)).containsExactly(100L, 0L, 200L);
    EventAccounting nullRow = t.events().get(1);
    assertThat(nullRow.deltaSource()).isEqualTo(DeltaSource.NO_USAGE);
    assertThat(nullRow.has(AccountingWarning.INFO_MISSING)).isTrue();
    assertThat(t.events().get(2).previousTotal()).isEqualTo(u(100));
    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(300);
  }

  @Test
  void aRowWithInfoButNoTotalIsFlaggedTotalMissing() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", u(100), null, EventFlag.TOTAL_USAGE_MISSING)
        .row("2026-02-01T10:01:00Z", 100, 100)
        .build());

    assertThat(deltas(t)).containsExactly(0L, 100L);
    assertThat(t.events().get(0).warnings()).contains(AccountingWarning.TOTAL_MISSING);
  }

  @Test
  void aSubagentCountsOnlyItsOwnGrowthBeyondTheReplayedTotal() {
    ThreadAccounting t = account(live("child", "child.jsonl").parent("parent")
        .row("2026-02-01T10:00:00.001Z", 400, 400, EventFlag.REPLAYED)
        .row("2026-02-01T10:00:00.002Z", 600, 1000, EventFlag.REPLAYED)
        .turn("own-1")
        .row("2026-02-01T10:01:00Z", 600, 1000)
        .row("2026-02-01T10:02:00Z", 300, 1300)
        .row("2026-02-01T10:03:00Z", 400, 1700)
        .build());

    assertThat(deltas(t)).containsExactly(0L, 0L, 0L, 300L, 400L);
    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(700);
    assertThat(t.thread().parentThreadId()).isEqualTo("parent");
    // The naive views still see the replay: 400+600+600+300+400 and the replayed-inclusive maximum.
    assertThat(t.thread().observedEventSumTokens()).isEqualTo(2300);
    assertThat(t.thread().finalSessionTotalTokens()).isEqualTo(1700);
    assertThat(t.turnEstimates().get(0).dedupedTurnTokens()).isEqualTo(700);
    assertThat(t.events().get(0).deltaSource()).isEqualTo(DeltaSource.REPLAYED);
    assertThat(t.thread().warnings()).contains(AccountingWarning.REPLAYED_PREFIX);
  }

  @Test
  void unverifiedReplayRowsSetTheBaselineAndAreReported() {
    ThreadAccounting t = account(live("child", "child.jsonl")
        .row("2026-02-01T10:00:00Z", 500, 500, EventFlag.REPLAY_UNVERIFIED)
        .row("2026-02-01T10:01:00Z", 300, 800)
        .build());

    assertThat(deltas(t)).containsExactly(0L, 300L);
    assertThat(t.events().get(0).deltaSource()).isEqualTo(DeltaSource.REPLAY_UNVERIFIED);
    assertThat(t.events().get(0).accountingIncluded()).isTrue();
    assertThat(t.thread().warnings()).contains(AccountingWarning.REPLAY_UNVERIFIED);
  }

  @Test
  void aForkWhoseParentUsedNothingCountsItsWholeOwnTotal() {
    ThreadAccounting t = account(live("fork", "fork.jsonl").parent("parent")
        .infoNull("2026-02-01T10:00:00Z")
        .row("2026-02-01T10:01:00Z", 5000, 5000)
        .row("2026-02-01T10:02:00Z", 7000, 12000)
        .build());

    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(12000);
    assertThat(t.thread().finalThreadTotalTokens()).isEqualTo(12000);
  }

  @Test
  void anArchivedCopyOfALiveRolloutIsCountedOnce() {
    RolloutSegment liveCopy = live("t1", "rollout-x.jsonl")
        .row("2026-02-01T10:00:00Z", 100, 100)
        .row("2026-02-01T10:01:00Z", 200, 300)
        .build();
    RolloutSegment archivedCopy = archived("t1", "rollout-x.jsonl.zst")
        .row("2026-02-01T10:00:00Z", 100, 100)
        .row("2026-02-01T10:01:00Z", 200, 300)
        .build();

    ThreadAccounting t = account(archivedCopy, liveCopy);

    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(300);
    assertThat(t.thread().finalSessionTotalTokens()).isEqualTo(300);
    assertThat(t.thread().uniqueLastPerThreadTurnTokens()).isEqualTo(300);
    assertThat(t.thread().observedEventSumTokens()).isEqualTo(600);
    assertThat(t.thread().includedSegmentCount()).isEqualTo(1);
    SessionRollup dup = t.sessions().stream()
        .filter(s -> s.sessionSegmentId().equals(archivedCopy.segment().segmentId()))
        .findFirst().orElseThrow();
    assertThat(dup.accountingIncluded()).isFalse();
    assertThat(dup.duplicateSegmentOf()).isEqualTo(liveCopy.segment().segmentId());
    assertThat(dup.finalSessionTotalTokens()).isZero();
    assertThat(dup.warnings()).contains(AccountingWarning.DUPLICATE_SEGMENT_EXCLUDED);
    assertThat(t.turnEstimates()).filteredOn(e -> !e.accountingIncluded())
        .singleElement().satisfies(e -> {
          assertThat(e.uniqueLastPerSessionTurnTokens()).isZero();
          assertThat(e.dedupedTurnTokens()).isZero();
        });
  }

  @Test
  void anArchivedOnlyRolloutIsCounted() {
    ThreadAccounting t = account(archived("t1", "rollout-x.jsonl")
        .row("2026-02-01T10:00:00Z", 100, 100)
        .build());

    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(100);
    assertThat(t.sessions().get(0).accountingIncluded()).isTrue();
  }

  @Test
  void ofSeveralArchivedCopiesTheOneWithMostRowsIsCounted() {
    RolloutSegment shorter = archived("t1", "rollout-x.jsonl.zst")
        .row("2026-02-01T10:00:00Z", 100, 100)
        .build();
    RolloutSegment longer = new Fixtures.SegmentBuilder("t1", "elsewhere/rollout-x.jsonl",
        dev.wlat.model.SegmentLocation.OTHER)
        .row("2026-02-01T10:00:00Z", 100, 100)
        .row("2026-02-01T10:05:00Z", 50, 150)
        .build();

    ThreadAccounting t = account(shorter, longer);

    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(150);
    assertThat(t.sessions()).filteredOn(SessionRollup::accountingIncluded)
        .singleElement().extracting(SessionRollup::sessionSegmentId)
        .isEqualTo(longer.segment().segmentId());
  }

  @Test
  void aResumeSegmentThatRepeatsThePreviousTotalContinuesTheBaseline() {
    RolloutSegment a = live("t1", "rollout-t1.jsonl")
        .row("2026-02-01T10:00:00Z", 200, 200)
        .turn("turn-2")
        .row("2026-02-01T10:05:00Z", 300, 500)
        .build();
    RolloutSegment b = live("t1", "rollout-t1_seg2.jsonl")
        .turn("turn-2")
        .row("2026-02-03T09:00:00Z", 300, 500)
        .turn("turn-3")
        .row("2026-02-03T09:05:00Z", 300, 800)
        .build();

    ThreadAccounting t = account(b, a);

    assertThat(deltas(t)).containsExactly(200L, 300L, 0L, 300L);
    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(800);
    assertThat(t.thread().finalThreadTotalTokens()).isEqualTo(800);
    assertThat(t.thread().finalSessionTotalTokens()).isEqualTo(500 + 800);
    assertThat(t.thread().uniqueLastPerThreadTurnTokens()).isEqualTo(200 + 300 + 300);
    assertThat(t.turnEstimates().get(1).uniqueLastPerSessionTurnTokens()).isEqualTo(600);
    assertThat(t.turnEstimates().get(1).uniqueLastPerThreadTurnTokens()).isEqualTo(300);
  }

  @Test
  void aResumeSegmentThatRestartsFromZeroCountsAsAReset() {
    RolloutSegment a = live("t1", "rollout-t1.jsonl")
        .row("2026-02-01T10:00:00Z", 200, 200)
        .row("2026-02-01T10:05:00Z", 300, 500)
        .build();
    RolloutSegment b = live("t1", "rollout-t1_seg2.jsonl")
        .row("2026-02-03T09:00:00Z", 100, 100)
        .row("2026-02-03T09:05:00Z", 300, 400)
        .build();

    ThreadAccounting t = account(a, b);

    assertThat(deltas(t)).containsExactly(200L, 300L, 100L, 300L);
    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(900);
    assertThat(t.thread().cumulativeResetCount()).isEqualTo(1);
    // The thread maximum undercounts a thread whose totals restarted.
    assertThat(t.thread().finalThreadTotalTokens()).isEqualTo(500);
  }

  @Test
  void usageRecordsCountEachResponseOnceAndSupersedeTokenCountRows() {
    ThreadAccounting t = account(live("t1", "r.jsonl").basis(AccountingBasis.USAGE_RECORDS)
        .row("2026-02-01T10:00:00Z", 100, 100)
        .record("2026-02-01T10:00:01Z", "resp-1", 100, 100)
        .row("2026-02-01T10:01:00Z", 250, 250)
        .record("2026-02-01T10:01:01Z", "resp-2", 250, 350)
        .record("2026-02-01T10:01:02Z", "resp-2", 250, 350)
        .build());

    assertThat(deltas(t)).containsExactly(0L, 100L, 0L, 250L, 0L);
    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(350);
    assertThat(t.thread().finalThreadTotalTokens()).isEqualTo(350);
    EventAccounting superseded = t.events().get(0);
    assertThat(superseded.accountingIncluded()).isFalse();
    assertThat(superseded.deltaSource()).isEqualTo(DeltaSource.SUPERSEDED_BY_USAGE_RECORDS);
    assertThat(superseded.has(AccountingWarning.SUPERSEDED_BY_USAGE_RECORDS)).isTrue();
    EventAccounting dup = t.events().get(4);
    assertThat(dup.deltaSource()).isEqualTo(DeltaSource.DUPLICATE_RESPONSE);
    assertThat(dup.has(AccountingWarning.DUPLICATE_RESPONSE)).isTrue();
    assertThat(t.turnEstimates().get(0).dedupedTurnTokens()).isEqualTo(350);
  }

  @Test
  void tokenCountRowsOfEarlierTurnsInAUsageRecordFileStillCount() {
    // A session written by an older Codex (turns without records), resumed by a newer one.
    ThreadAccounting t = account(live("t1", "r.jsonl").basis(AccountingBasis.USAGE_RECORDS)
        .turn("old-1")
        .row("2026-02-01T10:00:00Z", 1500, 1500)
        .row("2026-02-01T10:01:00Z", 500, 2000)
        .turn("new-1")
        .row("2026-02-02T10:00:00Z", 500, 500)
        .record("2026-02-02T10:00:01Z", "resp-1", 500, 2500)
        .build());

    assertThat(deltas(t)).containsExactly(1500L, 500L, 0L, 500L);
    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(2500);
  }

  @Test
  void afterACounterDropTheDeltaFieldsAddUpToTheDeltaTotal() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", TokenUsage.of(600, 0, 400, 0, 1000), TokenUsage.of(600, 0, 400, 0, 1000))
        .row("2026-02-01T10:01:00Z", TokenUsage.of(700, 0, 50, 0, 750), TokenUsage.of(700, 0, 50, 0, 750))
        .build());

    TokenUsage d = t.events().get(1).delta();
    assertThat(t.events().get(1).cumulativeReset()).isTrue();
    assertThat(d).isEqualTo(TokenUsage.of(700, 0, 50, 0, 750));
    assertThat(d.inputTokens() + d.outputTokens()).isEqualTo(d.totalTokens());
  }

  @Test
  void compactionRowsWithZeroLastUsageDoNotInflateTurnEstimates() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", 1000, 1000)
        .row("2026-02-01T10:01:00Z", TokenUsage.of(0, 0, 0, 0, 940_499), TokenUsage.of(1000, 0, 0, 0, 1000),
            EventFlag.ZERO_LAST_USAGE)
        .row("2026-02-01T10:02:00Z", 500, 1500)
        .build());

    assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(1500);
    assertThat(t.turnEstimates().get(0).uniqueLastPerSessionTurnTokens()).isEqualTo(1500);
    assertThat(t.thread().uniqueLastPerThreadTurnTokens()).isEqualTo(1500);
  }

  @Test
  void aResponseSeenInAnEarlierSegmentOfTheThreadIsNotCountedAgain() {
    RolloutSegment a = live("t1", "rollout-t1.jsonl").basis(AccountingBasis.USAGE_RECORDS)
        .record("2026-02-01T10:00:00Z", "resp-1", 100, 100)
        .build();
    RolloutSegment b = live("t1", "rollout-t1_seg2.jsonl").basis(AccountingBasis.USAGE_RECORDS)
        .record("2026-02-02T10:00:00Z", "resp-1", 100, 100)
        .record("2026-02-02T10:00:01Z", "resp-2", 40, 140)
        .build();

    assertThat(account(a, b).thread().cumulativeDeltaTokens()).isEqualTo(140);
  }

  @Test
  void rowsWithoutATurnAreKeyedByTheirEventId() {
    ThreadAccounting t = account(live("t1", "r.jsonl").turn(null)
        .row("2026-02-01T10:00:00Z", 100, 100)
        .row("2026-02-01T10:01:00Z", 100, 100)
        .build());
    TurnEstimate e = t.turnEstimates().get(0);

    // Two rows, no turn: two groups, so the per-turn estimate cannot dedup the re-emit.
    assertThat(e.uniqueLastPerSessionTurnTokens()).isEqualTo(200);
    assertThat(e.dedupedTurnTokens()).isEqualTo(100);
    assertThat(e.missingTurnIdCount()).isEqualTo(2);
    assertThat(e.distinctTurnCount()).isZero();
    assertThat(t.thread().warnings()).contains(AccountingWarning.MISSING_TURN_ID);
  }

  @Test
  void zeroCumulativeRowsAreCounted() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", 0, 0)
        .row("2026-02-01T10:01:00Z", 10, 10)
        .build());

    assertThat(t.turnEstimates().get(0).zeroCumulativeEventCount()).isEqualTo(1);
  }

  @Test
  void eventsComeInSegmentTimeOrderWhateverTheInputOrder() {
    RolloutSegment a = live("t1", "rollout-t1.jsonl").row("2026-02-01T10:00:00Z", 1, 1).build();
    RolloutSegment b = live("t1", "rollout-t1_seg2.jsonl").row("2026-02-02T10:00:00Z", 1, 2).build();

    assertThat(account(b, a)).isEqualTo(account(a, b));
    assertThat(account(b, a).events().get(0).event().sessionSegmentId())
        .isEqualTo(a.segment().segmentId());
  }

  @Test
  void segmentsOfSeveralThreadsAreRejected() {
    RolloutSegment a = live("t1", "a.jsonl").build();
    RolloutSegment b = live("t2", "b.jsonl").build();

    assertThatThrownBy(() -> account(a, b))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("[t1]").hasMessageContaining("[t2]");
    assertThatThrownBy(() -> ACCOUNTANT.account(List.of()))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
