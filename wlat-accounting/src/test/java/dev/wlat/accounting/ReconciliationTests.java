package dev.wlat.accounting;

import static dev.wlat.accounting.Fixtures.at;
import static dev.wlat.accounting.Fixtures.live;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.model.AccountingWarning;
import dev.wlat.model.EventAccounting;
import dev.wlat.model.EventFlag;
import dev.wlat.model.Grain;
import dev.wlat.model.ReconciliationRow;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.ThreadAccounting;
import dev.wlat.model.TimeWindow;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReconciliationTests {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

  private static ThreadAccounting account(RolloutSegment... segments) {
    return ThreadAccountant.create().account(List.of(segments));
  }

  private static List<ReconciliationRow> rows(List<ReconciliationRow> all, Grain grain) {
    return all.stream().filter(r -> r.grain() == grain).toList();
  }

  private static ReconciliationRow total(List<ReconciliationRow> all) {
    return rows(all, Grain.TOTAL).get(0);
  }

  // 09:00 100, 09:30 300 are before a 10:00 start; 10:30 re-emits 300; 11:00 reaches 450.
  private static ThreadAccounting straddling() {
    return account(live("t1", "r.jsonl")
        .row("2026-02-01T09:00:00Z", 100, 100)
        .row("2026-02-01T09:30:00Z", 200, 300)
        .row("2026-02-01T10:30:00Z", 200, 300, EventFlag.REPEATED_TOTAL)
        .row("2026-02-01T11:00:00Z", 150, 450)
        .row("2026-02-01T11:30:00Z", 50, 500)
        .build());
  }

  @Test
  void rowsBeforeTheWindowSetTheBaselineButAreNotCounted() {
    TimeWindow window = new TimeWindow(at("2026-02-01T10:00:00Z"), null);

    List<ReconciliationRow> all = Reconciliation.builder(window, ZoneOffset.UTC)
        .add(straddling()).build();

    assertThat(total(all).cumulativeDeltaTokens()).isEqualTo(150 + 50);
    assertThat(total(all).tokenEventCount()).isEqualTo(3);
    assertThat(total(all).observedEventSumTokens()).isEqualTo(200 + 150 + 50);
    assertThat(total(all).periodStart()).isEqualTo(at("2026-02-01T10:00:00Z"));
    assertThat(total(all).warnings()).contains(AccountingWarning.BOUNDARY_UNCERTAIN);
  }

  @Test
  void theFirstInWindowRowWithAPositiveDeltaOfAStraddlingSegmentIsBoundaryUncertain() {
    TimeWindow window = new TimeWindow(at("2026-02-01T10:00:00Z"), null);

    List<EventAccounting> inside = Reconciliation.eventsInWindow(straddling(), window);

    assertThat(inside).extracting(e -> e.timestamp().toString())
        .containsExactly("2026-02-01T10:30:00Z", "2026-02-01T11:00:00Z", "2026-02-01T11:30:00Z");
    assertThat(inside).extracting(e -> e.has(AccountingWarning.BOUNDARY_UNCERTAIN))
        .containsExactly(false, true, false);
  }

  @Test
  void aSegmentThatStartsInsideTheWindowIsNotBoundaryUncertain() {
    TimeWindow window = new TimeWindow(at("2026-02-01T08:00:00Z"), null);

    List<EventAccounting> inside = Reconciliation.eventsInWindow(straddling(), window);

    assertThat(inside).hasSize(5).noneMatch(e -> e.has(AccountingWarning.BOUNDARY_UNCERTAIN));
  }

  @Test
  void theWindowEndIsExclusive() {
    TimeWindow window = new TimeWindow(null, at("2026-02-01T11:00:00Z"));

    List<ReconciliationRow> all = Reconciliation.builder(window, ZoneOffset.UTC)
        .add(straddling()).build();

    assertThat(total(all).cumulativeDeltaTokens()).isEqualTo(300);
    assertThat(total(all).finalSessionTotalTokens()).isEqualTo(300);
  }

  @Test
  void daysAreSplitInTheGivenZone() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-23T22:30:00Z", 100, 100)
        .row("2026-02-23T23:30:00Z", 40, 140)
        .build());

    List<ReconciliationRow> utc = Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC).add(t).build();
    List<ReconciliationRow> berlin = Reconciliation.builder(TimeWindow.ALL, BERLIN).add(t).build();

    assertThat(rows(utc, Grain.DAY)).extracting(ReconciliationRow::key).containsExactly("2026-02-23");
    assertThat(rows(berlin, Grain.DAY)).extracting(ReconciliationRow::key)
        .containsExactly("2026-02-23", "2026-02-24");
    ReconciliationRow secondDay = rows(berlin, Grain.DAY).get(1);
    assertThat(secondDay.cumulativeDeltaTokens()).isEqualTo(40);
    assertThat(secondDay.periodStart()).isEqualTo(at("2026-02-23T23:00:00Z"));
    assertThat(secondDay.periodEnd()).isEqualTo(at("2026-02-24T23:00:00Z"));
  }

  @Test
  void weeksAreIsoWeeksStartingMondayAndMonthsAreCalendarMonths() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-23T10:00:00Z", 100, 100)
        .row("2026-03-01T10:00:00Z", 10, 110)
        .row("2026-03-02T10:00:00Z", 1, 111)
        .build());

    List<ReconciliationRow> all = Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC).add(t).build();

    assertThat(rows(all, Grain.WEEK)).extracting(ReconciliationRow::key, ReconciliationRow::cumulativeDeltaTokens)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-W09", 110L),
            org.assertj.core.groups.Tuple.tuple("2026-W10", 1L));
    assertThat(rows(all, Grain.WEEK).get(0).periodStart()).isEqualTo(at("2026-02-23T00:00:00Z"));
    assertThat(rows(all, Grain.WEEK).get(0).periodEnd()).isEqualTo(at("2026-03-02T00:00:00Z"));
    assertThat(rows(all, Grain.MONTH)).extracting(ReconciliationRow::key, ReconciliationRow::cumulativeDeltaTokens)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("2026-02", 100L),
            org.assertj.core.groups.Tuple.tuple("2026-03", 11L));
  }

  @Test
  void weekLabelsUseTheWeekBasedYear() {
    assertThat(Reconciliation.weekLabel(LocalDate.parse("2026-01-01"))).isEqualTo("2026-W01");
    assertThat(Reconciliation.weekLabel(LocalDate.parse("2025-12-29"))).isEqualTo("2026-W01");
    assertThat(Reconciliation.weekLabel(LocalDate.parse("2027-01-01"))).isEqualTo("2026-W53");
  }

  @Test
  void inflationFactorsCompareTheObservedSumWithDeltaAndFinal() {
    ThreadAccounting t = account(ThreadAccountantTests.classicReEmits());

    ReconciliationRow row = total(Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC).add(t).build());

    assertThat(row.observedEventSumTokens()).isEqualTo(37761);
    assertThat(row.cumulativeDeltaTokens()).isEqualTo(22774);
    assertThat(row.inflationFactorCurrentVsDelta()).isEqualTo(37761.0 / 22774);
    assertThat(row.inflationFactorCurrentVsMaxCumulative()).isEqualTo(37761.0 / 22774);
  }

  @Test
  void inflationFactorsAreNullWhenNothingWasUsed() {
    ThreadAccounting t = account(live("t1", "r.jsonl").infoNull("2026-02-01T10:00:00Z").build());

    ReconciliationRow row = total(Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC).add(t).build());

    assertThat(row.inflationFactorCurrentVsDelta()).isNull();
    assertThat(row.inflationFactorCurrentVsMaxCumulative()).isNull();
  }

  @Test
  void finalTotalsGoToThePeriodWhereTheMaximumWasReached() {
    ThreadAccounting t = account(live("t1", "r.jsonl")
        .row("2026-02-01T10:00:00Z", 100, 100)
        .row("2026-02-02T10:00:00Z", 50, 150)
        .row("2026-02-03T10:00:00Z", 50, 150, EventFlag.REPEATED_TOTAL)
        .build());

    List<ReconciliationRow> all = Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC).add(t).build();

    assertThat(rows(all, Grain.DAY)).extracting(ReconciliationRow::finalSessionTotalTokens)
        .containsExactly(0L, 150L, 0L);
    assertThat(rows(all, Grain.DAY)).extracting(ReconciliationRow::finalThreadTotalTokens)
        .containsExactly(0L, 150L, 0L);
    assertThat(total(all).finalSessionTotalTokens()).isEqualTo(150);
  }

  @Test
  void sessionAndThreadRowsCarryTheirIdsAndTimes() {
    List<ReconciliationRow> all = Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC)
        .add(straddling()).build();

    ReconciliationRow session = rows(all, Grain.SESSION).get(0);
    assertThat(session.key()).isEqualTo("sessions/2026/02/23/r.jsonl");
    assertThat(session.threadId()).isEqualTo("t1");
    assertThat(session.periodStart()).isEqualTo(at("2026-02-01T09:00:00Z"));
    assertThat(session.periodEnd()).isEqualTo(at("2026-02-01T11:30:00Z"));
    assertThat(rows(all, Grain.THREAD).get(0).key()).isEqualTo("t1");
    assertThat(all).extracting(ReconciliationRow::grain).containsExactly(
        Grain.SESSION, Grain.THREAD, Grain.DAY, Grain.WEEK, Grain.MONTH, Grain.TOTAL);
  }

  @Test
  void anEmptyBuilderGivesAZeroTotalRow() {
    List<ReconciliationRow> all = Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC).build();

    assertThat(all).singleElement().satisfies(r -> {
      assertThat(r.grain()).isEqualTo(Grain.TOTAL);
      assertThat(r.cumulativeDeltaTokens()).isZero();
    });
  }

  @Test
  void aThreadCannotBeAddedTwice() {
    Reconciliation.Builder b = Reconciliation.builder(TimeWindow.ALL, ZoneOffset.UTC).add(straddling());

    assertThatThrownBy(() -> b.add(straddling()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[t1]");
  }
}
