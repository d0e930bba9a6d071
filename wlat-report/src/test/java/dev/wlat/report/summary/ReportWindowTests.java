package dev.wlat.report.summary;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.AccountingWarning;
import dev.wlat.report.ReportWindow;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rows, threads and periods a window holds, and how its start is treated. */
class ReportWindowTests {

  private static final Instant AS_OF = Instant.parse("2026-09-10T00:00:00Z");

  @TempDir Path root;

  private static Instant at(String t) {
    return Instant.parse(t);
  }

  private Report report(String label, ZoneId zone) {
    return Report.builder(ReportWindow.parse(label, AS_OF, zone)).zone(zone).read(root);
  }

  @Test
  void onlyRowsInsideTheWindowCountAndThreadsWithoutThemAreLeftOut() {
    DataFixture.at(root)
        .event("old", "s0", at("2026-09-01T10:00:00Z"), 1000)
        .event("new", "s1", at("2026-09-08T10:00:00Z"), 70)
        .event("new", "s1", at("2026-09-10T00:00:00Z"), 5) // the window's end is excluded
        .write();

    Report r = report("7d", ZoneOffset.UTC);

    assertThat(r.total().cumulativeDeltaTokens()).isEqualTo(70);
    assertThat(r.threads()).extracting(ThreadUsage::threadId).containsExactly("new");
    assertThat(r.threads().get(0).history().cumulativeDeltaTokens()).isEqualTo(75);
    assertThat(report("all", ZoneOffset.UTC).total().cumulativeDeltaTokens()).isEqualTo(1075);
  }

  @Test
  void aSessionStraddlingTheStartHasItsFirstInsideUsageFlaggedBoundaryUncertain() {
    DataFixture.at(root)
        .event("t", "s", at("2026-09-02T23:00:00Z"), 100)
        .event("t", "s", at("2026-09-03T01:00:00Z"), 0, 40, "cumulative_delta", "repeated_total")
        .event("t", "s", at("2026-09-03T02:00:00Z"), 30)
        .event("t", "s", at("2026-09-03T03:00:00Z"), 20)
        .event("u", "s2", at("2026-09-04T03:00:00Z"), 9)
        .write();

    Report r = report("7d", ZoneOffset.UTC);

    assertThat(r.total().boundaryUncertainEventCount()).isEqualTo(1);
    assertThat(r.total().boundaryUncertainTokens()).isEqualTo(30);
    assertThat(r.threads()).filteredOn(t -> t.threadId().equals("t")).singleElement()
        .satisfies(t -> assertThat(t.warnings()).contains(AccountingWarning.BOUNDARY_UNCERTAIN));
    assertThat(r.markdown()).contains("lies between 29 and 59 tokens");
    assertThat(report("all", ZoneOffset.UTC).total().boundaryUncertainEventCount()).isZero();
  }

  @Test
  void daysFollowTheZoneAndPeriodsTheWindowCutsArePartial() {
    DataFixture.at(root)
        .event("t", "s", at("2026-09-05T22:30:00Z"), 1) // 2026-09-06 00:30 in Berlin
        .event("t", "s", at("2026-09-06T21:30:00Z"), 2) // 2026-09-06 23:30 in Berlin
        .write();
    ZoneId berlin = ZoneId.of("Europe/Berlin");

    Report r = report("7d", berlin);

    assertThat(r.days()).singleElement().satisfies(d -> {
      assertThat(d.key()).isEqualTo("2026-09-06");
      assertThat(d.periodStart()).isEqualTo(at("2026-09-05T22:00:00Z"));
      assertThat(d.partial()).isFalse();
      assertThat(d.usage().cumulativeDeltaTokens()).isEqualTo(3);
    });
    assertThat(r.weeks()).singleElement().satisfies(w -> {
      assertThat(w.key()).isEqualTo("2026-W36");
      assertThat(w.partial()).isTrue(); // Monday 2026-08-31 is before the window start
    });
    assertThat(r.months()).singleElement().satisfies(m -> assertThat(m.key()).isEqualTo("2026-09"));
    assertThat(report("all", ZoneOffset.UTC).days()).extracting(PeriodUsage::key).containsExactly("2026-09-05", "2026-09-06");
  }

  @Test
  void threadsAreOrderedByInWindowTokensThenIdWithRedactedTitles() {
    String secret = "ghp_" + "a".repeat(36);
    DataFixture.at(root)
        .thread("b", null, "cwd:x/y", "unknown", "none", "Fix | the " + secret)
        .event("a", "s1", at("2026-09-08T10:00:00Z"), 50)
        .event("b", "s2", at("2026-09-08T10:00:00Z"), 80)
        .event("c", "s3", at("2026-09-08T10:00:00Z"), 50)
        .write();

    Report r = report("7d", ZoneOffset.UTC);

    assertThat(r.threads()).extracting(ThreadUsage::threadId).containsExactly("b", "a", "c");
    assertThat(r.threads().get(0).title()).isEqualTo("Fix | the [redacted:github_token]");
    assertThat(r.markdown()).doesNotContain(secret).contains("Fix \\| the \\[redacted:github\\_token\\]");
  }
}
