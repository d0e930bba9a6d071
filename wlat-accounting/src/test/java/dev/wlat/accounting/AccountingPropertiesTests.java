package dev.wlat.accounting;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.Grain;
import dev.wlat.model.ReconciliationRow;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TimeWindow;
import dev.wlat.model.TokenUsage;
import dev.wlat.model.TurnEstimate;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.ToLongFunction;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.quicktheories.core.Gen;

/**
 * Invariants of the accounting over random consistent threads ({@link SyntheticThreads}); each
 * property says where it holds.
 */
class AccountingPropertiesTests {

  private static final int EXAMPLES = 300;
  private static final List<ZoneId> ZONES = List.of(ZoneId.of("UTC"), ZoneId.of("Europe/Berlin"),
      ZoneId.of("America/Los_Angeles"), ZoneId.of("Asia/Kolkata"), ZoneId.of("Pacific/Chatham"));
  private static final Instant EPOCH = Instant.parse("2026-02-20T00:00:00Z");
  private static final ThreadAccountant ACCOUNTANT = ThreadAccountant.create();

  private static Gen<Long> seeds() {
    return longs().all();
  }

  private static ThreadAccounting account(List<RolloutSegment> segments) {
    return ACCOUNTANT.account(segments);
  }

  private static List<ReconciliationRow> reconcile(List<List<RolloutSegment>> threads,
      TimeWindow window, ZoneId zone) {
    Reconciliation.Builder b = Reconciliation.builder(window, zone);
    for (List<RolloutSegment> t : threads) {
      b.add(account(t));
    }
    return b.build();
  }

  private static TimeWindow randomWindow(Random r) {
    Instant since = r.nextBoolean() ? null : EPOCH.plus(Duration.ofHours(r.nextInt(30 * 24)));
    Instant until = r.nextBoolean() ? null
        : (since == null ? EPOCH : since).plus(Duration.ofHours(1 + r.nextInt(20 * 24)));
    return new TimeWindow(since, until);
  }

  private static long sum(List<ReconciliationRow> rows, Grain grain, ToLongFunction<ReconciliationRow> f) {
    return rows.stream().filter(r -> r.grain() == grain).mapToLong(f).sum();
  }

  private static TokenUsage sumDelta(List<ReconciliationRow> rows, Grain grain) {
    return rows.stream().filter(r -> r.grain() == grain).map(ReconciliationRow::delta)
        .reduce(TokenUsage.ZERO, TokenUsage::plus);
  }

  private static long sumTurns(ThreadAccounting t, ToLongFunction<TurnEstimate> f) {
    return t.turnEstimates().stream().mapToLong(f).sum();
  }

  // ---------------------------------------------------------------------------------------------
  // Deltas
  // ---------------------------------------------------------------------------------------------

  @Test
  void insertingReEmitsNeverChangesDeltas() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      List<RolloutSegment> original = SyntheticThreads.thread(seed, "t", SyntheticThreads.Shape.ANY);
      Random pick = new Random(seed);
      List<RolloutSegment> reEmitted = original.stream()
          .map(s -> SyntheticThreads.withReEmits(s, pick)).toList();

      ThreadAccounting a = account(original);
      ThreadAccounting b = account(reEmitted);

      assertThat(b.thread().delta()).isEqualTo(a.thread().delta());
      assertThat(b.thread().finalThreadTotalTokens()).isEqualTo(a.thread().finalThreadTotalTokens());
      assertThat(b.thread().finalSessionTotalTokens()).isEqualTo(a.thread().finalSessionTotalTokens());
      assertThat(b.sessions()).extracting(s -> s.delta())
          .isEqualTo(a.sessions().stream().map(s -> s.delta()).toList());
    });
  }

  @Test
  void anArchivedCopyOfASegmentNeverChangesTotals() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      List<RolloutSegment> original = SyntheticThreads.thread(seed, "t", SyntheticThreads.Shape.ANY);
      Random r = new Random(seed);
      RolloutSegment copied = original.get(r.nextInt(original.size()));
      List<RolloutSegment> withCopy = new ArrayList<>(original);
      withCopy.add(SyntheticThreads.archivedCopy(copied, r.nextInt(copied.events().size() + 1)));

      ThreadAccounting a = account(original);
      ThreadAccounting b = account(withCopy);

      assertThat(b.thread().delta()).isEqualTo(a.thread().delta());
      assertThat(b.thread().finalSessionTotalTokens()).isEqualTo(a.thread().finalSessionTotalTokens());
      assertThat(b.thread().finalThreadTotalTokens()).isEqualTo(a.thread().finalThreadTotalTokens());
      assertThat(b.thread().uniqueLastPerThreadTurnTokens())
          .isEqualTo(a.thread().uniqueLastPerThreadTurnTokens());
      assertThat(sumTurns(b, TurnEstimate::uniqueLastPerSessionTurnTokens))
          .isEqualTo(sumTurns(a, TurnEstimate::uniqueLastPerSessionTurnTokens));
      assertThat(sumTurns(b, TurnEstimate::dedupedTurnTokens))
          .isEqualTo(sumTurns(a, TurnEstimate::dedupedTurnTokens));
      assertThat(b.thread().includedSegmentCount()).isEqualTo(a.thread().segmentCount());
    });
  }

  @Test
  void theOrderOfSegmentsAndFilesNeverChangesResults() {
    qt().withExamples(100).forAll(seeds()).checkAssert(seed -> {
      List<List<RolloutSegment>> threads = SyntheticThreads.threads(seed, 4, SyntheticThreads.Shape.ANY);
      List<RolloutSegment> flat = new ArrayList<>();
      threads.forEach(flat::addAll);
      List<RolloutSegment> shuffled = new ArrayList<>(flat);
      Collections.shuffle(shuffled, new Random(seed));
      Random r = new Random(~seed);
      TimeWindow window = randomWindow(r);
      ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));

      assertThat(reconcile(ThreadGrouping.byThread(shuffled), window, zone))
          .isEqualTo(reconcile(ThreadGrouping.byThread(flat), window, zone));
      for (List<RolloutSegment> t : threads) {
        List<RolloutSegment> reversed = new ArrayList<>(t);
        Collections.reverse(reversed);
        assertThat(account(reversed)).isEqualTo(account(t));
      }
    });
  }

  @Test
  void keptContributionsFoldedInAnyOrderReconcileLikeTheThreadsThemselves() {
    qt().withExamples(100).forAll(seeds()).checkAssert(seed -> {
      Random r = new Random(seed);
      List<List<RolloutSegment>> threads =
          SyntheticThreads.threads(seed, 1 + r.nextInt(5), SyntheticThreads.Shape.ANY);
      TimeWindow window = randomWindow(r);
      ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));
      List<ThreadAccounting> accounted = new ArrayList<>();
      for (List<RolloutSegment> t : threads) {
        accounted.add(account(t));
      }
      Collections.shuffle(accounted, r);
      // some threads are added themselves, the others through a kept contribution
      Reconciliation.Builder folded = Reconciliation.builder(window, zone);
      int direct = r.nextInt(accounted.size() + 1);
      for (int i = 0; i < accounted.size(); i++) {
        if (i < direct) {
          folded.add(accounted.get(i));
        } else {
          folded.add(Reconciliation.contribution(accounted.get(i), window, zone));
        }
      }
      assertThat(folded.build()).isEqualTo(reconcile(threads, window, zone));
    });
  }

  @Test
  void aContributionAndItsThreadCannotBothBeAdded() {
    List<RolloutSegment> t = SyntheticThreads.thread(1L, "t1", SyntheticThreads.Shape.PLAIN);
    ThreadAccounting a = account(t);
    Reconciliation.Builder b = Reconciliation.builder(TimeWindow.ALL, ZoneId.of("UTC"));
    b.add(Reconciliation.contribution(a, TimeWindow.ALL, ZoneId.of("UTC")));
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> b.add(a))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[t1]");
  }

  @Test
  void daysWeeksMonthsSessionsAndThreadsAllSumToTheTotal() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      Random r = new Random(seed);
      List<List<RolloutSegment>> threads =
          SyntheticThreads.threads(seed, 1 + r.nextInt(4), SyntheticThreads.Shape.ANY);
      TimeWindow window = randomWindow(r);
      List<ReconciliationRow> rows = reconcile(threads, window, ZONES.get(r.nextInt(ZONES.size())));
      ReconciliationRow total = rows.get(rows.size() - 1);

      long inWindow = threads.stream().map(AccountingPropertiesTests::account)
          .flatMap(t -> t.events().stream())
          .filter(e -> window.contains(e.timestamp()))
          .mapToLong(e -> e.delta().totalTokens()).sum();
      assertThat(total.cumulativeDeltaTokens()).isEqualTo(inWindow);
      for (Grain g : List.of(Grain.SESSION, Grain.THREAD, Grain.DAY, Grain.WEEK, Grain.MONTH)) {
        assertThat(sumDelta(rows, g)).as("delta by %s", g).isEqualTo(total.delta());
        assertThat(sum(rows, g, ReconciliationRow::observedEventSumTokens)).as("observed by %s", g)
            .isEqualTo(total.observedEventSumTokens());
        assertThat(sum(rows, g, ReconciliationRow::tokenEventCount)).isEqualTo(total.tokenEventCount());
        assertThat(sum(rows, g, ReconciliationRow::finalSessionTotalTokens))
            .isEqualTo(total.finalSessionTotalTokens());
        assertThat(sum(rows, g, ReconciliationRow::finalThreadTotalTokens))
            .isEqualTo(total.finalThreadTotalTokens());
        assertThat(sum(rows, g, ReconciliationRow::uniqueLastPerThreadTurnTokens))
            .isEqualTo(total.uniqueLastPerThreadTurnTokens());
        assertThat(sum(rows, g, ReconciliationRow::dedupedTurnTokens)).isEqualTo(total.dedupedTurnTokens());
      }
    });
  }

  @Test
  void adjacentWindowsSplitTheDeltaOfTheirUnion() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      List<List<RolloutSegment>> threads = SyntheticThreads.threads(seed, 2, SyntheticThreads.Shape.ANY);
      Random r = new Random(seed);
      Instant a = EPOCH.plus(Duration.ofHours(r.nextInt(15 * 24)));
      Instant b = a.plus(Duration.ofHours(1 + r.nextInt(10 * 24)));
      ZoneId zone = ZONES.get(r.nextInt(ZONES.size()));

      long before = last(reconcile(threads, new TimeWindow(null, a), zone)).cumulativeDeltaTokens();
      long middle = last(reconcile(threads, new TimeWindow(a, b), zone)).cumulativeDeltaTokens();
      long after = last(reconcile(threads, new TimeWindow(b, null), zone)).cumulativeDeltaTokens();
      long all = last(reconcile(threads, TimeWindow.ALL, zone)).cumulativeDeltaTokens();

      assertThat(before + middle + after).isEqualTo(all);
    });
  }

  private static ReconciliationRow last(List<ReconciliationRow> rows) {
    return rows.get(rows.size() - 1);
  }

  // Holds because generated rows are consistent: an own row's last usage is its total minus the
  // segment's previous total, or its whole total after a restart; with inconsistent rows a delta
  // may exceed the row's last usage.
  @Test
  void deltaNeverExceedsObservedWhenLastUsagesAreConsistentWithTotals() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      ThreadAccounting t = account(SyntheticThreads.thread(seed, "t", SyntheticThreads.Shape.ANY));

      for (EventAccounting e : t.events()) {
        assertThat(e.delta().totalTokens()).as(e.eventId()).isLessThanOrEqualTo(e.observedTokens());
      }
      assertThat(t.thread().cumulativeDeltaTokens()).isLessThanOrEqualTo(t.thread().observedEventSumTokens());
    });
  }

  @Test
  void deltaEqualsFinalTotalForASingleSegmentWithoutResetOrReplay() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      ThreadAccounting t = account(SyntheticThreads.thread(seed, "t", SyntheticThreads.Shape.PLAIN));

      assertThat(t.thread().cumulativeResetCount()).isZero();
      assertThat(t.thread().cumulativeDeltaTokens()).isEqualTo(t.thread().finalThreadTotalTokens());
      assertThat(t.sessions().get(0).cumulativeDeltaTokens())
          .isEqualTo(t.sessions().get(0).finalSessionTotalTokens());
    });
  }

  @Test
  void replayedParentPrefixesNeverAddTokens() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      List<RolloutSegment> child = SyntheticThreads.thread(seed, "t", SyntheticThreads.Shape.ANY);
      ThreadAccounting t = account(child);
      assertThat(t.events()).filteredOn(e -> e.event().has(EventFlag.REPLAYED))
          .allSatisfy(e -> assertThat(e.delta()).isEqualTo(TokenUsage.ZERO));

      boolean replays = child.get(0).events().stream().anyMatch(e -> e.has(EventFlag.REPLAYED));
      if (replays) {
        List<RolloutSegment> shortReplay = new ArrayList<>(child);
        shortReplay.set(0, SyntheticThreads.withShortReplay(child.get(0)));
        assertThat(account(shortReplay).thread().delta()).isEqualTo(t.thread().delta());
      }
    });
  }

  @Test
  void perTurnViewsNeverExceedObservedAndThreadKeysNeverExceedSessionKeys() {
    qt().withExamples(EXAMPLES).forAll(seeds()).checkAssert(seed -> {
      ThreadAccounting t = account(SyntheticThreads.thread(seed, "t", SyntheticThreads.Shape.ANY));

      long observed = t.thread().observedEventSumTokens();
      long perSession = sumTurns(t, TurnEstimate::uniqueLastPerSessionTurnTokens);
      assertThat(t.thread().uniqueLastPerThreadTurnTokens()).isLessThanOrEqualTo(perSession);
      assertThat(perSession).isLessThanOrEqualTo(observed);
      assertThat(sumTurns(t, TurnEstimate::dedupedTurnTokens)).isLessThanOrEqualTo(observed);
      assertThat(sumTurns(t, TurnEstimate::uniqueLastPerThreadTurnTokens))
          .isEqualTo(t.thread().uniqueLastPerThreadTurnTokens());
      Map<String, Long> eventsPerSegment = t.events().stream()
          .collect(Collectors.groupingBy(e -> e.event().sessionSegmentId(), Collectors.counting()));
      for (TurnEstimate e : t.turnEstimates()) {
        assertThat(e.tokenEventCount())
            .isEqualTo(eventsPerSegment.getOrDefault(e.sessionSegmentId(), 0L));
      }
    });
  }

  // ---------------------------------------------------------------------------------------------
  // TokenUsage arithmetic
  // ---------------------------------------------------------------------------------------------

  private static Gen<TokenUsage> usages() {
    // Fields up to a quarter of Long.MAX_VALUE, so that sums of three never overflow.
    Gen<Long> f = longs().between(0, Long.MAX_VALUE / 4);
    return f.zip(f, f, f, (a, b, c, d) -> new TokenUsage(a, b, c, d, Math.addExact(a, c) / 2, b / 3));
  }

  @Test
  void plusIsAssociativeAndCommutativeWithZeroAsIdentity() {
    qt().withExamples(EXAMPLES).forAll(usages(), usages(), usages()).checkAssert((a, b, c) -> {
      assertThat(a.plus(b)).isEqualTo(b.plus(a));
      assertThat(a.plus(b).plus(c)).isEqualTo(a.plus(b.plus(c)));
      assertThat(a.plus(TokenUsage.ZERO)).isEqualTo(a);
      assertThat(TokenUsage.ZERO.plus(a)).isEqualTo(a);
    });
  }

  @Test
  void deltaSinceOfAGrowthAddsBackToTheLaterUsage() {
    qt().withExamples(EXAMPLES).forAll(usages(), usages()).checkAssert((a, b) -> {
      TokenUsage later = a.plus(b);
      assertThat(later.deltaSince(a)).isEqualTo(b);
      assertThat(a.deltaSince(a)).isEqualTo(TokenUsage.ZERO);
    });
  }
}
