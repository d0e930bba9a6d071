package dev.wlat.report.validate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The checks on small hand-made output roots, one input at a time; {@code ValidateCommandTests} in
 * wlat-cli runs them on real backfills.
 */
class ValidatorTests {

  private static final String SESSION_HEADER = "session_segment_id\tthread_id\tsource_path\taccounting_included"
      + "\taccounting_basis\tfirst_event_at\ttoken_event_count\tfinal_session_total_tokens\tcumulative_delta_tokens"
      + "\twarning_flags";

  @TempDir Path root;

  private void write(String relative, String... lines) throws IOException {
    Path p = root.resolve(relative);
    Files.createDirectories(p.getParent());
    Files.writeString(p, String.join("\n", lines) + "\n", StandardCharsets.UTF_8);
  }

  private ValidationReport validate() {
    return Validator.create(PrivacyMode.NORMAL).validate(root);
  }

  private static String session(String id, String thread, String path, int included, String first, long events,
      long finalTotal, long delta, String flags) {
    return String.join("\t", id, thread, path, String.valueOf(included), "token_count_totals", first,
        String.valueOf(events), String.valueOf(finalTotal), String.valueOf(delta), flags);
  }

  @Test
  void aRootWithoutDataTsvHasNoDataAndNoChecks() throws IOException {
    write("reports/x.md", "# hi");

    ValidationReport r = validate();

    assertThat(Validator.hasData(root)).isFalse();
    assertThat(r.dataFound()).isFalse();
    assertThat(r.checks()).isEmpty();
    assertThat(r.passed()).isFalse();
  }

  @Test
  void checksWhoseInputsAreAbsentAreSkippedWithTheReason() throws IOException {
    write("data/token_session_rollups.tsv", SESSION_HEADER,
        session("s1", "t1", "a.jsonl", 1, "2026-09-01T00:00:00.000Z", 3, 100, 100, ""));

    ValidationReport r = validate();

    assertThat(r.passed()).isTrue();
    assertThat(r.checks()).map(CheckResult::check).containsExactlyElementsOf(Validator.CHECKS);
    assertThat(r.check("session_totals").status()).isEqualTo(CheckStatus.OK);
    assertThat(r.check("no_csv").status()).isEqualTo(CheckStatus.OK);
    assertThat(r.check("secrets").status()).isEqualTo(CheckStatus.OK);
    assertThat(r.check("event_ids").detail())
        .isEqualTo("no data/raw_token_events.tsv and no data/token_event_accounting.tsv");
    assertThat(r.check("reconciliation").detail()).isEqualTo("no data/token_accounting_reconciliation.tsv");
    assertThat(r.checks()).filteredOn(c -> c.status() == CheckStatus.SKIPPED).map(CheckResult::check)
        .containsExactly("compatibility_copy", "event_ids", "event_deltas", "reconciliation", "link_allocation",
            "outcome_rollups", "confidence_summary", "cost", "raw_paths");
  }

  @Test
  void anInputWithoutItsPartnerFailsNamingTheMissingFile() throws IOException {
    write("data/raw_token_events.tsv", "event_id\tthread_id\tsession_segment_id\ttimestamp\ttotal_tokens"
        + "\tcumulative_total_tokens");

    ValidationReport r = validate();

    assertThat(r.check("compatibility_copy").detail())
        .isEqualTo("data/codex_token_events.tsv: missing, though data/raw_token_events.tsv exists");
    assertThat(r.check("event_ids").detail())
        .isEqualTo("data/token_event_accounting.tsv: missing, though data/raw_token_events.tsv exists");
    assertThat(r.check("event_deltas").status()).isEqualTo(CheckStatus.SKIPPED);
  }

  @Test
  void sessionTotalsHoldForFirstSegmentsAndResumesAndSkipWhatFlagsExplain() throws IOException {
    write("data/token_session_rollups.tsv", SESSION_HEADER,
        // thread t1: a first segment, then two resumes continuing its baseline
        session("a1", "t1", "a1.jsonl", 1, "2026-09-01T00:00:00.000Z", 5, 100, 100, "repeated_total"),
        session("a3", "t1", "a3.jsonl", 1, "2026-09-03T00:00:00.000Z", 5, 180, 30, ""),
        session("a2", "t1", "a2.jsonl", 1, "2026-09-02T00:00:00.000Z", 5, 150, 50, ""),
        // thread t2: an archived copy (not counted) and a fork child whose replayed prefix counts nothing
        session("b1", "t2", "b1.jsonl", 1, "2026-09-01T00:00:00.000Z", 4, 90, 40, "replayed_prefix"),
        session("b2", "t2", "b2.jsonl", 1, "2026-09-02T00:00:00.000Z", 4, 140, 50, ""),
        session("b1x", "t2", "archived/b1.jsonl", 0, "2026-09-01T00:00:00.000Z", 4, 0, 0, "duplicate_segment_excluded"),
        // thread t3: a counter reset, and a segment without token rows
        session("c1", "t3", "c1.jsonl", 1, "2026-09-01T00:00:00.000Z", 6, 70, 120, "cumulative_reset"),
        session("c2", "t3", "c2.jsonl", 1, "", 0, 0, 0, ""));

    CheckResult r = validate().check("session_totals");

    assertThat(r.status()).as(r.detail()).isEqualTo(CheckStatus.OK);
    assertThat(r.detail()).startsWith("cumulative_delta_tokens = final_session_total_tokens for 1 sessions,"
        + " and = final less the previous segment's final for 2 resume segments; 4 not comparable");
  }

  private static final String ACC_COST = "event_id\tthread_id\tcumulative_delta_tokens\tcost_usd\tcost_basis\tcredits"
      + "\tcredits_basis";
  private static final String SESSION_COST = "session_segment_id\tthread_id\tcost_usd\tcost_basis\tunpriced_tokens"
      + "\tcredits\tcredits_basis";
  private static final String THREAD_COST = "thread_id\ttoken_event_count\tcost_usd\tcost_basis\tunpriced_tokens"
      + "\tcredits\tcredits_basis";

  @Test
  void costsAgreeWhenEachThreadIsTheSumOfItsSessionsAndOfItsRows() throws IOException {
    write("data/token_event_accounting.tsv", ACC_COST,
        "e1\tt1\t1000\t0.125\tlisted\t3.5\tlisted",
        "e2\tt1\t300\t\tunpriced\t\tunpriced",
        "e3\tt2\t10\t0.0000001\testimated\t\tunpriced");
    write("data/token_session_rollups.tsv", SESSION_COST,
        "s1\tt1\t0.1\tlisted\t0\t3.5\tlisted",
        "s2\tt1\t0.025\tunpriced\t300\t\tunpriced",
        "s3\tt2\t0.0000001\testimated\t0\t\tunpriced");
    write("data/token_thread_rollups.tsv", THREAD_COST,
        "t1\t2\t0.125\tunpriced\t300\t3.5\tunpriced",
        "t2\t1\t0.0000001\testimated\t0\t\tunpriced");

    CheckResult r = validate().check("cost");

    assertThat(r.status()).as(r.findings().toString()).isEqualTo(CheckStatus.OK);
    assertThat(r.detail()).isEqualTo("thread = Σ its sessions for 2 threads; = Σ its token rows for 2 of them (all"
        + " their rows in the window); total cost_usd 0.1250001, credits 3.5, unpriced_tokens 300");
  }

  @Test
  void aThreadCostOffFromItsSessionsOrRowsAndAPricedRowWithoutAmountFail() throws IOException {
    write("data/token_event_accounting.tsv", ACC_COST,
        "e1\tt1\t1000\t0.125\tlisted\t\tunpriced",
        "e2\tt2\t10\t\tlisted\t\tunpriced");
    write("data/token_session_rollups.tsv", SESSION_COST,
        "s1\tt1\t0.12\tlisted\t0\t\tunpriced",
        "s2\tt2\t0\tlisted\t0\t\tunpriced");
    write("data/token_thread_rollups.tsv", THREAD_COST,
        "t1\t1\t0.12\tlisted\t0\t\tunpriced",
        "t2\t1\t0\tlisted\t0\t\tunpriced");

    CheckResult r = validate().check("cost");

    assertThat(r.status()).isEqualTo(CheckStatus.FAIL);
    assertThat(r.findings()).map(Finding::toString).containsExactlyInAnyOrder(
        "data/token_event_accounting.tsv:3: column cost_usd: [] is empty on a row priced listed",
        "data/token_thread_rollups.tsv:2: thread t1: cost_usd 0.12, credits 0, unpriced_tokens 0 ≠ Σ of its 1 rows"
            + " in data/token_event_accounting.tsv: cost_usd 0.125, credits 0, unpriced_tokens 0");
  }

  @Test
  void tablesWithoutCostColumnsSkipTheCostCheck() throws IOException {
    write("data/token_event_accounting.tsv", "event_id\tthread_id\tcumulative_delta_tokens", "e1\tt1\t5");
    write("data/token_session_rollups.tsv", SESSION_HEADER,
        session("s1", "t1", "a.jsonl", 1, "2026-09-01T00:00:00.000Z", 1, 5, 5, ""));
    write("data/token_thread_rollups.tsv", "thread_id\ttoken_event_count", "t1\t1");

    CheckResult r = validate().check("cost");

    assertThat(r.status()).isEqualTo(CheckStatus.SKIPPED);
    assertThat(r.detail()).isEqualTo("the tables have no cost columns (written by a wlat before pricing)");
  }

  @Test
  void aSessionWhoseDeltaMissesItsFinalFailsOnItsLine() throws IOException {
    write("data/token_session_rollups.tsv", SESSION_HEADER,
        session("a1", "t1", "a1.jsonl", 1, "2026-09-01T00:00:00.000Z", 5, 100, 100, ""),
        session("a2", "t1", "a2.jsonl", 1, "2026-09-02T00:00:00.000Z", 5, 150, 51, ""),
        session("d1", "t4", "d1.jsonl", 1, "2026-09-02T00:00:00.000Z", 5, 10, 11, "info_missing"),
        session("x1", "t5", "archived/x1.jsonl", 0, "2026-09-02T00:00:00.000Z", 5, 0, 7, "duplicate_segment_excluded"));

    CheckResult r = validate().check("session_totals");

    assertThat(r.findings()).map(Finding::toString).containsExactly(
        "data/token_session_rollups.tsv:3: resumed session a2: cumulative_delta_tokens 51 ≠ final_session_total_tokens"
            + " 150 − the previous segment's 100 (line 2)",
        "data/token_session_rollups.tsv:4: session d1: cumulative_delta_tokens 11 ≠ final_session_total_tokens 10",
        "data/token_session_rollups.tsv:5: session x1 is not accounting_included but has cumulative_delta_tokens 7");
  }

  @Test
  void linksMustShareEachThreadsTokensExactly() throws IOException {
    write("data/token_accounting_reconciliation.tsv",
        "grain\tgroup_key\tperiod_start\tperiod_end\tthread_id\ttoken_event_count\tobserved_event_sum_tokens"
            + "\tcumulative_delta_tokens\tdelta_input_tokens\tdelta_cached_input_tokens\tdelta_output_tokens"
            + "\tdelta_reasoning_output_tokens",
        "thread\tt1\t\t\tt1\t2\t10\t10\t8\t0\t2\t0",
        "thread\tt2\t\t\tt2\t1\t5\t5\t5\t0\t0\t0",
        "total\ttotal\t2026-09-01T00:00:00.000Z\t2026-09-02T00:00:00.000Z\t\t3\t15\t15\t13\t0\t2\t0");
    String header = "thread_id\tgithub_repo\tartifact_kind\tartifact_id\tthread_tokens\tallocated_tokens";
    write("data/token_outcome_links.tsv", header, "t1\tacme/api\tcommit\tabc\t10\t6", "t1\tacme/api\tcommit\tdef\t10\t4",
        "t2\tacme/api\tcommit\tabc\t5\t5");

    assertThat(validate().check("link_allocation").status()).isEqualTo(CheckStatus.OK);

    write("data/token_outcome_links.tsv", header, "t1\tacme/api\tcommit\tabc\t10\t6", "t1\tacme/api\tcommit\tdef\t10\t5",
        "t2\tacme/api\tcommit\tabc\t4\t4", "t9\tacme/api\tcommit\tabc\t0\t1");

    assertThat(validate().check("link_allocation").findings()).map(Finding::toString).containsExactly(
        "data/token_outcome_links.tsv:2: thread t1: Σ allocated_tokens 11 ≠ its in-window cumulative_delta_tokens 10",
        "data/token_outcome_links.tsv:4: thread t2: thread_tokens 4 ≠ its in-window cumulative_delta_tokens 5",
        "data/token_outcome_links.tsv:4: thread t2: Σ allocated_tokens 4 ≠ its in-window cumulative_delta_tokens 5",
        "data/token_outcome_links.tsv:5: allocated_tokens 1 is not within 0..thread_tokens 0",
        "data/token_outcome_links.tsv:5: thread t9: Σ allocated_tokens 1 ≠ its in-window cumulative_delta_tokens 0");
  }

  @Test
  void theCopyMustMatchTheRawFileByteForByte() throws IOException {
    String header = "event_id\tthread_id\tsession_segment_id\ttimestamp\ttotal_tokens\tcumulative_total_tokens";
    write("data/raw_token_events.tsv", header, "e1\tt\ts\t2026-09-01T00:00:00.000Z\t5\t5",
        "e2\tt\ts\t2026-09-01T00:00:01.000Z\t5\t10");
    write("data/codex_token_events.tsv", header, "e1\tt\ts\t2026-09-01T00:00:00.000Z\t5\t5",
        "e2\tt\ts\t2026-09-01T00:00:01.000Z\t5\t11");

    assertThat(CopyCheck.run(root).detail())
        .isEqualTo("data/codex_token_events.tsv:3: differs from data/raw_token_events.tsv:3");

    write("data/codex_token_events.tsv", header, "e1\tt\ts\t2026-09-01T00:00:00.000Z\t5\t5");

    assertThat(CopyCheck.run(root).detail()).isEqualTo("data/codex_token_events.tsv:3: ends before it;"
        + " data/raw_token_events.tsv goes on");
  }

  @Test
  void theSummaryHoldsOneRowPerCheckWithItsStatusAndDetail() throws IOException {
    write("data/token_session_rollups.tsv", SESSION_HEADER,
        session("a1", "t1", "a1.jsonl", 1, "2026-09-01T00:00:00.000Z", 5, 100, 99, ""));
    write("data/notes.csv", "a,b");

    ValidationReport r = validate();
    Path summary = r.writeSummary();

    List<Map<String, String>> rows = TsvReader.readAll(summary);
    assertThat(summary).isEqualTo(root.resolve("reports/validation_summary.tsv"));
    assertThat(TsvReader.header(summary)).containsExactly("check", "status", "detail");
    assertThat(rows).map(m -> m.get("check")).containsExactlyElementsOf(Validator.CHECKS);
    assertThat(rows.get(0)).containsEntry("status", "fail")
        .containsEntry("detail", "data/notes.csv: a CSV file; wlat writes TSV only");
    assertThat(rows).filteredOn(m -> m.get("check").equals("session_totals")).singleElement()
        .satisfies(m -> assertThat(m).containsEntry("status", "fail"));
    assertThat(rows).filteredOn(m -> m.get("check").equals("event_ids")).singleElement()
        .satisfies(m -> assertThat(m).containsEntry("status", "skipped"));
    assertThat(r.counts()).isEqualTo("1 ok, 2 failed, 9 skipped");
    assertThat(r.ledger("20261201T000000Z", "wlat validate").markdown())
        .contains("| session_totals | fail |").contains("| no_csv | data/notes.csv | a CSV file; wlat writes TSV only |");
  }

  @Test
  void idSetSeesRepeatsAcrossGrowth() {
    IdSet ids = new IdSet();
    for (int i = 0; i < 20_000; i++) {
      assertThat(ids.add("seg:" + i)).isTrue();
    }
    assertThat(ids.add("seg:17")).isFalse();
    assertThat(ids.add("seg:19999")).isFalse();
    assertThat(ids.add("Aa")).isTrue();
    assertThat(ids.add("BB")).as("String.hashCode collides on these; FNV-1a does not").isTrue();
  }
}
