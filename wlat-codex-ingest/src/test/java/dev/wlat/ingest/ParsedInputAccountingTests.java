package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.THREAD;
import static dev.wlat.ingest.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;

import dev.wlat.accounting.ThreadAccountant;
import dev.wlat.accounting.ThreadGrouping;
import dev.wlat.model.IssueKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.ThreadAccounting;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the parser lets through, fed on to the accounting as a run does (parse, group by thread,
 * account): one bad file can never stop the run, and a rollout copied under another name must
 * not count twice.
 */
class ParsedInputAccountingTests {

  private static final String TURN = "019a1111-0001-7000-8000-000000000001";

  @TempDir Path dir;

  @Test
  void hugeButLongSizedCountersAreInvalidAndCannotOverflowTheAccounting() {
    // Totals 5e18 then 9e18, each with a last usage of 5e18: every value fits a long, but the two
    // last usages sum past Long.MAX_VALUE (9.2e18); before the 10^15 cap this threw
    // ArithmeticException out of ThreadAccountant.account and ended the run.
    long huge = 5_000_000_000_000_000_000L;
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN)
        .tokenCount(usage(90, 0, 10, 0, 100), usage(90, 0, 10, 0, 100))
        .tokenCount(usage(huge - 1, 0, 1, 0, huge), usage(huge - 1, 0, 1, 0, huge))
        .tokenCount(usage(huge - 1, 0, 1, 0, huge), usage(9 * (huge / 5) - 1, 0, 1, 0, 9 * (huge / 5)))
        .tokenCount(usage(40, 0, 10, 0, 50), usage(130, 0, 20, 0, 150))
        .parse(dir);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.INVALID_NUMBER, List.of(4L, 5L)));
    List<List<RolloutSegment>> threads = ThreadGrouping.byThread(List.of(s));
    assertThat(threads).hasSize(1);
    ThreadAccounting[] a = new ThreadAccounting[1];
    assertThatCode(() -> a[0] = ThreadAccountant.create().account(threads.get(0)))
        .doesNotThrowAnyException();
    assertThat(a[0].thread().cumulativeDeltaTokens()).isEqualTo(150);
    assertThat(a[0].thread().observedEventSumTokens()).isEqualTo(150);
  }

  @Test
  void sumsOfCountersAtTheCapStillFitTheAccounting() {
    long cap = 1_000_000_000_000_000L;
    RolloutSegment s = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN)
        .tokenCount(usage(cap - 1, 0, 1, 0, cap), usage(cap - 1, 0, 1, 0, cap))
        .tokenCount(usage(cap - 1, 0, 1, 0, cap), usage(10, 0, 1, 0, 11))
        .tokenCount(usage(cap - 1, 0, 1, 0, cap), usage(cap - 1, 0, 1, 0, cap))
        .parse(dir);

    assertThat(s.diagnostics().isEmpty()).isTrue();
    ThreadAccounting a = ThreadAccountant.create().account(ThreadGrouping.byThread(List.of(s)).get(0));
    // cap, then a drop to 11 (a reset: 11 more), then cap again (cap - 11 more)
    assertThat(a.thread().cumulativeDeltaTokens()).isEqualTo(2 * cap);
    assertThat(a.thread().observedEventSumTokens()).isEqualTo(3 * cap);
  }

  /**
   * The same rollout copied under another file name (another timestamp part, same thread id): it
   * is one session and its tokens count once, the copy kept as evidence; a copy taken before the
   * rollout grew (its rows the first rows of the other) counts once too.
   */
  @Test
  void rolloutCopiedUnderAnotherNameIsCountedOnce() {
    Rollouts content = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN)
        .tokenCount("2026-03-01T10:00:01.000Z", usage(90, 0, 10, 0, 100), usage(90, 0, 10, 0, 100))
        .tokenCount("2026-03-01T10:00:02.000Z", usage(140, 0, 10, 0, 150), usage(230, 0, 20, 0, 250))
        .tokenCount("2026-03-01T10:00:03.000Z", usage(140, 0, 10, 0, 150), usage(370, 0, 30, 0, 400));
    Path original = content.writeTo(dir, "rollout-2026-03-01T10-00-00-" + THREAD + ".jsonl");
    Path copy = content.writeTo(dir, "rollout-2026-03-01T10-05-00-" + THREAD + ".jsonl");
    RolloutParser parser = RolloutParser.create();
    List<RolloutSegment> segments = List.of(parser.parse(RolloutFile.of(original)),
        parser.parse(RolloutFile.of(copy)));

    List<List<RolloutSegment>> threads = ThreadGrouping.byThread(segments);
    assertThat(threads).hasSize(1);
    ThreadAccounting a = ThreadAccountant.create().account(threads.get(0));
    assertThat(a.thread().cumulativeDeltaTokens()).isEqualTo(400);
    assertThat(a.thread().includedSegmentCount()).isEqualTo(1);
    assertThat(a.thread().cumulativeResetCount()).isZero();

    // an early copy: only the first two rows
    Rollouts early = Rollouts.create()
        .sessionMeta(THREAD)
        .taskStarted(TURN)
        .tokenCount("2026-03-01T10:00:01.000Z", usage(90, 0, 10, 0, 100), usage(90, 0, 10, 0, 100))
        .tokenCount("2026-03-01T10:00:02.000Z", usage(140, 0, 10, 0, 150), usage(230, 0, 20, 0, 250));
    Path backup = early.writeTo(dir, "rollout-2026-03-01T09-00-00-" + THREAD + ".jsonl");
    ThreadAccounting b = ThreadAccountant.create().account(List.of(parser.parse(RolloutFile.of(original)),
        parser.parse(RolloutFile.of(backup))));
    assertThat(b.thread().cumulativeDeltaTokens()).isEqualTo(400);
    assertThat(b.thread().includedSegmentCount()).isEqualTo(1);
  }
}
