package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The fixture, written here by hand; now = 2026-05-01T12:00:00Z, shown in Asia/Tokyo (UTC+9, no DST).
 * R5 = 2026-05-01T14:00Z (5-hour reset), RW = 2026-05-05T00:00Z (weekly reset). Times UTC.
 *
 *   thread A, sessions/2026/05/01, file modified 12:10
 *     11:00:00  total   100,000  delta 100,000   5h 10.0 R5   week 30.0 RW
 *     11:10:00  total   130,000  delta  30,000   5h 20.0 R5   week 31.0 RW
 *     11:10:05  total   130,000  delta       0   5h 20.0 R5   week 31.0 RW   (re-emit, last repeated)
 *     11:40:00  total   150,000  delta  20,000   5h 26.0 R5   week 32.5 RW
 *     11:50:00  total   180,000  delta  30,000   5h 28.0 R5   week 33.0 RW   weekly in the primary slot,
 *                                                                            plan plus, credits 12.5
 *     12:10:00  total 1,180,000  (after now: left out)  5h 90.0, week 60.0
 *   thread B, sessions/2026/04/30, file modified 2026-05-01T11:30
 *     04-30 11:00  total 1,000,000  delta 1,000,000  5h 50.0 (resets 04-30T15:00Z)  week 20.0 RW
 *     05-01 11:30  total 1,005,000  delta     5,000  5h 24.0 R5                     week 32.0 RW
 *
 * Latest snapshot: 11:50 = 20:50 in Tokyo, 10m before now; 5h 28.0% resets 23:00 Tokyo (in 2h 0m);
 * weekly 33.0% resets 2026-05-05 09:00 Tokyo (in 3d 12h).
 * Last hour (11:00, 12:00]: 30,000 + 0 + 5,000 + 20,000 + 30,000 = 85,000 (the 11:00 row is not in it).
 * Last 24 h (04-30 12:00, 12:00]: 85,000 + 100,000 = 185,000, per hour 185,000 / 24 = 7,708.3 -> 7,708.
 * 5-hour pace: snapshots in the last hour run 11:10 (20.0) to 11:50 (28.0), 40 minutes: 8.0 / (2/3 h)
 *   = 12.0 %/h; 100% would take 72 / 12 = 6 h more, at 17:50Z = 02:50 next day in Tokyo, after R5:
 *   it resets first.
 * Weekly pace: 31.0 to 33.0 in 40 minutes = 3.0 %/h; 67 / 3 h = 22 h 20 m more, at 2026-05-02T10:10Z
 *   = 19:10 in Tokyo, 22h 10m after now, before RW.
 * Over the last 24 h (04-30 12:00, 12:00] the snapshots run 11:00 to 11:50, 50 minutes; thread B's
 *   04-30 11:00 row is a day and an hour old, so its other 5-hour window (resets 04-30T15:00Z) is not in it.
 * 5-hour pace over 24 h: 10.0 to 28.0 = 18.0 in 5/6 h = 21.6 %/h; 72 / 21.6 h = 3 h 20 m more, at
 *   15:10Z = 00:10 next day in Tokyo, after R5: it resets first.
 * Weekly pace over 24 h: 30.0 to 33.0 = 3.0 in 5/6 h = 3.6 %/h; 67 / 3.6 h = 18 h 36 m 40 s more, at
 *   2026-05-02T06:26:40Z = 15:26:40 in Tokyo, 18h 26m after now, before RW.
 */

/** {@code wlat status}: the latest rate limits, the burn rate and each window's pace, from a hand-written home. */
class StatusCommandTests {

  private static final String NOW = "2026-05-01T12:00:00Z";
  private static final String ZONE = "Asia/Tokyo";
  private static final String A = "019a4444-0000-7000-8000-00000000aaaa";
  private static final String B = "019a4444-0000-7000-8000-00000000bbbb";
  private static final String R5 = "2026-05-01T14:00:00Z";
  private static final String RW = "2026-05-05T00:00:00Z";

  @TempDir Path temp;
  Path home;

  @BeforeEach
  void writeHome() throws IOException {
    home = temp.resolve("home");
    Files.createDirectories(home.resolve("sessions"));
    rollout("2026/05/01", "2026-05-01T10-00-00-" + A, "2026-05-01T12:10:00Z",
        meta(A, "2026-05-01T10:00:00"),
        turn("2026-05-01T10:00:01", "turn-1"),
        tokens("2026-05-01T11:00:00", 100_000, 100_000, limits(window(10.0, 300, R5), window(30.0, 10080, RW), null)),
        tokens("2026-05-01T11:10:00", 30_000, 130_000, limits(window(20.0, 300, R5), window(31.0, 10080, RW), null)),
        tokens("2026-05-01T11:10:05", 30_000, 130_000, limits(window(20.0, 300, R5), window(31.0, 10080, RW), null)),
        tokens("2026-05-01T11:40:00", 20_000, 150_000, limits(window(26.0, 300, R5), window(32.5, 10080, RW), null)),
        tokens("2026-05-01T11:50:00", 30_000, 180_000, limits(window(33.0, 10080, RW), window(28.0, 300, R5),
            "{\"has_credits\":true,\"unlimited\":false,\"balance\":\"12.5\"}")),
        tokens("2026-05-01T12:10:00", 1_000_000, 1_180_000,
            limits(window(90.0, 300, R5), window(60.0, 10080, RW), null)));
    rollout("2026/04/30", "2026-04-30T10-59-00-" + B, "2026-05-01T11:30:00Z",
        meta(B, "2026-04-30T10:59:00"),
        turn("2026-04-30T10:59:01", "turn-1"),
        tokens("2026-04-30T11:00:00", 1_000_000, 1_000_000,
            limits(window(50.0, 300, "2026-04-30T15:00:00Z"), window(20.0, 10080, RW), null)),
        tokens("2026-05-01T11:30:00", 5_000, 1_005_000, limits(window(24.0, 300, R5), window(32.0, 10080, RW), null)));
  }

  // ---- text ----

  @Test
  void statusExitsZeroWithNothingOnStderr() {
    Cli.Result r = status();

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void headerNamesTheHomeTheRolloutsReadAndNowInTheZone() {
    Cli.Result r = status();

    assertThat(r.out().lines().findFirst()).hasValue("wlat status: " + home
        + ": 2 rollouts modified in the last 8 days; as of 2026-05-01 21:00:00 +09:00 (Asia/Tokyo)");
  }

  @Test
  void showsWhenTheLatestSnapshotWasSeenAndThePlan() {
    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^rate limits\\s+seen 2026-05-01 20:50:00 \\+09:00 \\(10m ago\\), plan plus$");
  }

  @Test
  void showsEachWindowOfTheLatestSnapshotByItsMinutesNotItsSlot() {
    Cli.Result r = status();

    assertThat(r.out())
        .containsPattern("(?m)^\\s+5-hour\\s+28\\.0% used, resets 2026-05-01 23:00:00 \\+09:00 \\(in 2h 0m\\)$")
        .containsPattern("(?m)^\\s+weekly\\s+33\\.0% used, resets 2026-05-05 09:00:00 \\+09:00 \\(in 3d 12h\\)$");
  }

  @Test
  void showsTheCreditsOfTheLatestSnapshot() {
    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^\\s+credits\\s+balance 12\\.5; unlimited no; has credits yes$");
  }

  @Test
  void burnCountsAccountedDeltasOfTheLastHourAndDayNotRepeatedRowsNorRowsAfterNow() {
    Cli.Result r = status();

    assertThat(r.out())
        .containsPattern("(?m)^\\s+last hour\\s+85,000 tokens \\(85,000 tokens/h\\)$")
        .containsPattern("(?m)^\\s+last 24 h\\s+185,000 tokens \\(7,708 tokens/h\\)$");
  }

  @Test
  void fiveHourPaceSaysTheWindowResetsBeforeItFills() {
    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^\\s+5-hour \\(1 h\\)\\s+\\+12\\.0%/h \\(20\\.0% to 28\\.0% in 40m\\): resets first,"
        + " at 2026-05-01 23:00:00 \\+09:00 \\(in 2h 0m\\); at this pace 100% would come 2026-05-02 02:50:00 \\+09:00$");
  }

  @Test
  void weeklyPaceProjectsWhenTheWindowFills() {
    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^\\s+weekly \\(1 h\\)\\s+\\+3\\.0%/h \\(31\\.0% to 33\\.0% in 40m\\): 100% at"
        + " 2026-05-02 19:10:00 \\+09:00 \\(in 22h 10m\\), before its reset 2026-05-05 09:00:00 \\+09:00$");
  }

  @Test
  void fiveHourPaceOverTheDayStartsFromTheFirstSnapshotOfTheDayAndStillResetsFirst() {
    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^\\s+5-hour \\(24 h\\)\\s+\\+21\\.6%/h \\(10\\.0% to 28\\.0% in 50m\\):"
        + " resets first, at 2026-05-01 23:00:00 \\+09:00 \\(in 2h 0m\\); at this pace 100% would come"
        + " 2026-05-02 00:10:00 \\+09:00$");
  }

  @Test
  void weeklyPaceOverTheDayProjectsItsOwnTimeToFull() {
    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^\\s+weekly \\(24 h\\)\\s+\\+3\\.6%/h \\(30\\.0% to 33\\.0% in 50m\\): 100% at"
        + " 2026-05-02 15:26:40 \\+09:00 \\(in 18h 26m\\), before its reset 2026-05-05 09:00:00 \\+09:00$");
  }

  @Test
  void burnRateListsTheHourAndDayPaceOfEachWindowAndEveryValueStartsInOneColumn() {
    Cli.Result r = status();

    String burn = r.out().substring(r.out().indexOf("burn rate\n"));
    assertThat(burn.lines().map(l -> l.length() > 17 ? l.substring(0, 17) : l)).containsExactly(
        "burn rate",
        "  last hour      ",
        "  last 24 h      ",
        "  5-hour (1 h)   ",
        "  5-hour (24 h)  ",
        "  weekly (1 h)   ",
        "  weekly (24 h)  ");
    // every line but the header and "burn rate": a label padded to 17 columns, then the value
    assertThat(r.out().lines().skip(1).filter(l -> !l.equals("burn rate")))
        .hasSize(10)
        .allSatisfy(l -> assertThat(l).matches(".{16} \\S.*"));
  }

  @Test
  void printsNoPromptsAndNoPathButTheHome() {
    Cli.Result r = status();

    assertThat(r.out()).doesNotContain("be brief").doesNotContain("sessions").doesNotContain("/work/proj").doesNotContain(A).doesNotContain(B);
    assertThat(r.out().replace(home.toString(), "")).doesNotContain(temp.toString());
  }

  // ---- JSON ----

  @Test
  void jsonCarriesTheLatestSnapshot() {
    Map<String, Object> j = json(Cli.run("--json", "status", "--codex-home", home.toString(), "--timezone", ZONE,
        "--now", NOW));

    assertThat(at(j, "rate_limits", "seen_at")).isEqualTo("2026-05-01T11:50:00Z");
    assertThat(at(j, "rate_limits", "plan_type")).isEqualTo("plus");
    assertThat(at(j, "rate_limits", "five_hour", "used_percent")).isEqualTo(28.0);
    assertThat(at(j, "rate_limits", "five_hour", "resets_at")).isEqualTo(R5);
    assertThat(at(j, "rate_limits", "five_hour", "resets_at_local")).isEqualTo("2026-05-01T23:00:00+09:00");
    assertThat(at(j, "rate_limits", "weekly", "used_percent")).isEqualTo(33.0);
    assertThat(at(j, "rate_limits", "weekly", "resets_at")).isEqualTo(RW);
    assertThat(at(j, "rate_limits", "credits", "balance")).isEqualTo("12.5");
    assertThat(at(j, "rate_limits", "credits", "has_credits")).isEqualTo(true);
    assertThat(at(j, "rate_limits", "credits", "unlimited")).isEqualTo(false);
  }

  @Test
  void jsonCarriesTheBurn() {
    Map<String, Object> j = json(Cli.run("--json", "status", "--codex-home", home.toString(), "--now", NOW));

    assertThat(at(j, "rollouts")).isEqualTo(2L);
    assertThat(at(j, "message")).isNull();
    assertThat(at(j, "burn", "last_hour_tokens")).isEqualTo(85_000L);
    assertThat(at(j, "burn", "last_hour_tokens_per_hour")).isEqualTo(85_000L);
    assertThat(at(j, "burn", "last_24h_tokens")).isEqualTo(185_000L);
    assertThat(at(j, "burn", "last_24h_tokens_per_hour")).isEqualTo(7_708L);
  }

  @Test
  void jsonCarriesThePaceOfEachWindow() {
    Map<String, Object> j = json(Cli.run("--json", "status", "--codex-home", home.toString(), "--now", NOW));

    assertThat(at(j, "pace", "five_hour", "outcome")).isEqualTo("resets_first");
    assertThat(at(j, "pace", "five_hour", "percent_per_hour")).isEqualTo(12.0);
    assertThat(at(j, "pace", "five_hour", "from", "at")).isEqualTo("2026-05-01T11:10:00Z");
    assertThat(at(j, "pace", "five_hour", "full_at")).isEqualTo("2026-05-01T17:50:00Z");
    assertThat(at(j, "pace", "weekly", "outcome")).isEqualTo("full_at");
    assertThat(at(j, "pace", "weekly", "percent_per_hour")).isEqualTo(3.0);
    assertThat(at(j, "pace", "weekly", "full_at")).isEqualTo("2026-05-02T10:10:00Z");
  }

  @Test
  void jsonCarriesThePaceOfEachWindowOverTheLastDayInTheSameShape() {
    Map<String, Object> j = json(Cli.run("--json", "status", "--codex-home", home.toString(), "--timezone", ZONE,
        "--now", NOW));

    // worked out in the fixture comment: 11:00 to 11:50, not thread B's 04-30 11:00 row
    assertThat(at(j, "pace_24h", "five_hour", "outcome")).isEqualTo("resets_first");
    assertThat(at(j, "pace_24h", "five_hour", "percent_per_hour")).isEqualTo(21.6);
    assertThat(at(j, "pace_24h", "five_hour", "from", "at")).isEqualTo("2026-05-01T11:00:00Z");
    assertThat(at(j, "pace_24h", "five_hour", "from", "used_percent")).isEqualTo(10.0);
    assertThat(at(j, "pace_24h", "five_hour", "to", "at")).isEqualTo("2026-05-01T11:50:00Z");
    assertThat(at(j, "pace_24h", "five_hour", "full_at")).isEqualTo("2026-05-01T15:10:00Z");
    assertThat(at(j, "pace_24h", "five_hour", "resets_at")).isEqualTo(R5);
    assertThat(at(j, "pace_24h", "weekly", "outcome")).isEqualTo("full_at");
    assertThat(at(j, "pace_24h", "weekly", "percent_per_hour")).isEqualTo(3.6);
    assertThat(at(j, "pace_24h", "weekly", "full_at")).isEqualTo("2026-05-02T06:26:40Z");
    assertThat(at(j, "pace_24h", "weekly", "full_at_local")).isEqualTo("2026-05-02T15:26:40+09:00");
  }

  // ---- other homes ----

  @Test
  void aWindowWhoseResetTimeChangedWithinTheHourHasNoPaceThoughItsPercentRose() throws IOException {
    String c = "019a4444-0000-7000-8000-00000000cccc";
    Path other = temp.resolve("reset-home");
    home = other;
    rollout("2026/05/01", "2026-05-01T11-00-00-" + c, NOW,
        meta(c, "2026-05-01T11:00:00"),
        turn("2026-05-01T11:00:01", "turn-1"),
        tokens("2026-05-01T11:20:00", 1_000, 1_000,
            limits(window(3.0, 300, "2026-05-01T11:30:00Z"), window(40.0, 10080, RW), null)),
        tokens("2026-05-01T11:40:00", 1_000, 2_000,
            limits(window(5.0, 300, "2026-05-01T16:30:00Z"), window(41.0, 10080, RW), null)));

    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^\\s+5-hour \\(1 h\\)\\s+the window reset within the last hour"
        + " \\(3\\.0% then 5\\.0%\\): no pace yet$");
    assertThat(at(json(Cli.run("--json", "status", "--codex-home", other.toString(), "--now", NOW)),
        "pace", "five_hour", "outcome")).isEqualTo("window_reset");
  }

  @Test
  void aWeeklyWindowWhosePercentRoseOverTwentyHoursShowsTheDayPaceAndWhenItFills() throws IOException {
    String g = "019a4444-0000-7000-8000-000000000003";
    Path other = temp.resolve("twenty-hours-home");
    home = other;
    String rw = "2026-05-05T00:00:00Z";
    rollout("2026/04/30", "2026-04-30T15-45-00-" + g, NOW,
        meta(g, "2026-04-30T15:45:00"),
        turn("2026-04-30T15:45:01", "turn-1"),
        tokens("2026-04-30T15:50:00", 1_000, 1_000, limits(window(40.0, 10080, rw), "null", null)),
        tokens("2026-05-01T11:30:00", 1_000, 2_000, limits(window(59.0, 10080, rw), "null", null)),
        tokens("2026-05-01T11:50:00", 1_000, 3_000, limits(window(60.0, 10080, rw), "null", null)));

    Cli.Result r = status();

    // 24 h: 04-30 15:50 (40.0) to 05-01 11:50 (60.0) = 20.0 in 20 h = 1.0 %/h; 40 / 1.0 = 40 h more,
    //   at 05-03T03:50Z = 12:50 in Tokyo; from now (12:00Z) 39 h 50 m = 1d 15h; before the reset 05-05 09:00 Tokyo.
    // 1 h: 11:30 (59.0) to 11:50 (60.0) = 1.0 in 20 m = 3.0 %/h; 40 / 3 h = 13 h 20 m more, at
    //   05-02T01:10Z = 10:10 in Tokyo, 13h 10m after now.
    assertThat(r.out())
        .containsPattern("(?m)^\\s+weekly \\(24 h\\)\\s+\\+1\\.0%/h \\(40\\.0% to 60\\.0% in 20h 0m\\): 100% at"
            + " 2026-05-03 12:50:00 \\+09:00 \\(in 1d 15h\\), before its reset 2026-05-05 09:00:00 \\+09:00$")
        .containsPattern("(?m)^\\s+weekly \\(1 h\\)\\s+\\+3\\.0%/h \\(59\\.0% to 60\\.0% in 20m\\): 100% at"
            + " 2026-05-02 10:10:00 \\+09:00 \\(in 13h 10m\\), before its reset 2026-05-05 09:00:00 \\+09:00$");
    Map<String, Object> j = json(Cli.run("--json", "status", "--codex-home", other.toString(), "--now", NOW));
    assertThat(at(j, "pace_24h", "weekly", "outcome")).isEqualTo("full_at");
    assertThat(at(j, "pace_24h", "weekly", "percent_per_hour")).isEqualTo(1.0);
    assertThat(at(j, "pace_24h", "weekly", "from", "at")).isEqualTo("2026-04-30T15:50:00Z");
    assertThat(at(j, "pace_24h", "weekly", "full_at")).isEqualTo("2026-05-03T03:50:00Z");
    assertThat(at(j, "pace", "weekly", "percent_per_hour")).isEqualTo(3.0);
  }

  @Test
  void aFiveHourWindowThatResetDuringTheDayHasNoDayPaceWhileItsHourPaceIsMeasured() throws IOException {
    String h = "019a4444-0000-7000-8000-000000000004";
    Path other = temp.resolve("reset-today-home");
    home = other;
    rollout("2026/05/01", "2026-05-01T02-55-00-" + h, NOW,
        meta(h, "2026-05-01T02:55:00"),
        turn("2026-05-01T02:55:01", "turn-1"),
        tokens("2026-05-01T03:00:00", 1_000, 1_000,
            limits(window(70.0, 300, "2026-05-01T07:00:00Z"), window(20.0, 10080, RW), null)),
        tokens("2026-05-01T11:10:00", 1_000, 2_000,
            limits(window(5.0, 300, "2026-05-01T16:00:00Z"), window(25.0, 10080, RW), null)),
        tokens("2026-05-01T11:40:00", 1_000, 3_000,
            limits(window(8.0, 300, "2026-05-01T16:00:00Z"), window(26.0, 10080, RW), null)));

    Cli.Result r = status();

    // 24 h: 03:00 (70.0, resets 07:00Z) and 11:40 (8.0, resets 16:00Z) are different windows.
    // 1 h: 11:10 (5.0) to 11:40 (8.0) = 3.0 in 30 m = 6.0 %/h; 92 / 6 h = 15 h 20 m more, at 05-02T03:00Z
    //   = 12:00 in Tokyo, after the reset at 16:00Z = 01:00 in Tokyo (in 4h 0m): it resets first.
    assertThat(r.out())
        .containsPattern("(?m)^\\s+5-hour \\(24 h\\)\\s+the window reset within the last 24 h \\(70\\.0% then 8\\.0%\\)"
            + ": no pace yet$")
        .containsPattern("(?m)^\\s+5-hour \\(1 h\\)\\s+\\+6\\.0%/h \\(5\\.0% to 8\\.0% in 30m\\): resets first,"
            + " at 2026-05-02 01:00:00 \\+09:00 \\(in 4h 0m\\); at this pace 100% would come 2026-05-02 12:00:00 \\+09:00$");
    Map<String, Object> j = json(Cli.run("--json", "status", "--codex-home", other.toString(), "--now", NOW));
    assertThat(at(j, "pace_24h", "five_hour", "outcome")).isEqualTo("window_reset");
    assertThat(at(j, "pace_24h", "five_hour", "percent_per_hour")).isNull();
    assertThat(at(j, "pace_24h", "five_hour", "from", "at")).isEqualTo("2026-05-01T03:00:00Z");
    assertThat(at(j, "pace", "five_hour", "outcome")).isEqualTo("resets_first");
    assertThat(at(j, "pace", "five_hour", "percent_per_hour")).isEqualTo(6.0);
  }

  @Test
  void rowsAForkReplayedFromItsParentAreNotTheLatestSnapshot() throws IOException {
    String child = "019a4444-0000-7000-8000-00000000dddd";
    rollout("2026/05/01", "2026-05-01T11-55-00-" + child, "2026-05-01T11:55:00Z",
        envelope("2026-05-01T11:55:00", "session_meta", "{\"id\":\"" + child + "\",\"forked_from_id\":"
            + "\"019a4444-0000-7000-8000-00000000ffff\",\"timestamp\":\"2026-05-01T11:55:00.000Z\",\"cwd\":\"/work/proj\","
            + "\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\",\"source\":\"cli\",\"model_provider\":\"openai\"}"),
        tokens("2026-05-01T11:55:00", 700_000, 700_000, limits(window(90.0, 300, R5), window(60.0, 10080, RW), null)));

    Cli.Result r = status();

    assertThat(r.out()).containsPattern("(?m)^rate limits\\s+seen 2026-05-01 20:50:00 \\+09:00")
        .containsPattern("(?m)^\\s+5-hour\\s+28\\.0% used")
        .containsPattern("(?m)^\\s+last hour\\s+85,000 tokens");
  }

  @Test
  void anEarlierSegmentOfAResumedThreadIsItsBaselineThoughOlderThanEightDays() throws IOException {
    String d = "019a4444-0000-7000-8000-00000000eeee";
    home = temp.resolve("resumed-home");
    rollout("2026/04/20", "2026-04-20T09-00-00-" + d, "2026-04-20T09:05:00Z",
        meta(d, "2026-04-20T09:00:00"),
        turn("2026-04-20T09:00:01", "turn-1"),
        tokens("2026-04-20T09:05:00", 500_000, 500_000, "null"));
    rollout("2026/05/01", "2026-05-01T11-20-00-" + d + "_2", "2026-05-01T11:40:00Z",
        meta(d, "2026-05-01T11:20:00"),
        turn("2026-05-01T11:20:01", "turn-2"),
        tokens("2026-05-01T11:30:00", 500_000, 500_000, "null"),
        tokens("2026-05-01T11:40:00", 10_000, 510_000, "null"));

    Cli.Result r = status();

    // 510,000 - 500,000: the repeated total at 11:30 adds nothing
    assertThat(r.out()).contains("1 rollout modified in the last 8 days (and 1 earlier segment of their threads)")
        .containsPattern("(?m)^\\s+last hour\\s+10,000 tokens \\(10,000 tokens/h\\)$");
  }

  @Test
  void rolloutsWithoutRateLimitsSayThereIsNoRateLimitData() throws IOException {
    String e = "019a4444-0000-7000-8000-000000000001";
    home = temp.resolve("no-limits-home");
    rollout("2026/05/01", "2026-05-01T11-00-00-" + e, NOW,
        meta(e, "2026-05-01T11:00:00"),
        turn("2026-05-01T11:00:01", "turn-1"),
        tokens("2026-05-01T11:30:00", 4_000, 4_000, "null"));

    Cli.Result r = status();

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).contains("\nno rate-limit data in the last 8 days: Codex writes it with each token_count\n")
        .containsPattern("(?m)^\\s+last hour\\s+4,000 tokens")
        .doesNotContain("rate limits ").doesNotContain("pace");
  }

  @Test
  void aHomeWithNoRolloutsModifiedInTheLastEightDaysSaysSoInOneLine() throws IOException {
    String f = "019a4444-0000-7000-8000-000000000002";
    home = temp.resolve("old-home");
    rollout("2026/04/23", "2026-04-23T11-00-00-" + f, "2026-04-23T11:59:59Z", // 8 days and 1 second before now
        meta(f, "2026-04-23T11:00:00"),
        turn("2026-04-23T11:00:01", "turn-1"),
        tokens("2026-04-23T11:30:00", 4_000, 4_000, limits(window(5.0, 300, R5), window(6.0, 10080, RW), null)));

    Cli.Result r = status();

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).isEqualTo("wlat status: " + home + ": no rollouts modified in the last 8 days\n");
    Map<String, Object> j = json(Cli.run("--json", "status", "--codex-home", home.toString(), "--now", NOW));
    assertThat(at(j, "rollouts")).isEqualTo(0L);
    assertThat(at(j, "message")).isEqualTo("no rollouts modified in the last 8 days");
    assertThat(at(j, "rate_limits")).isNull();
  }

  @Test
  void aMissingHomeExitsTwoNamingIt() {
    Path missing = temp.resolve("no-such-home");

    Cli.Result r = Cli.run("status", "--codex-home", missing.toString(), "--now", NOW);

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("wlat: ").contains(missing.toString());
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void anUnreadableNowExitsTwo() {
    Cli.Result r = Cli.run("status", "--codex-home", home.toString(), "--now", "yesterday");

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("--now").contains("yesterday");
  }

  // ---- helpers ----

  private Cli.Result status() {
    return Cli.run("status", "--codex-home", home.toString(), "--timezone", ZONE, "--now", NOW);
  }

  /** Writes {@code sessions/<day>/rollout-<name>.jsonl} in {@link #home}, last modified at {@code modified}. */
  private void rollout(String day, String name, String modified, String... lines) throws IOException {
    Path dir = Files.createDirectories(home.resolve("sessions").resolve(day));
    Path file = Files.writeString(dir.resolve("rollout-" + name + ".jsonl"), String.join("", lines));
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse(modified)));
  }

  private static String meta(String thread, String time) {
    return envelope(time, "session_meta", "{\"id\":\"" + thread + "\",\"timestamp\":\"" + time + ".000Z\","
        + "\"cwd\":\"/work/proj\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\",\"source\":\"cli\","
        + "\"model_provider\":\"openai\",\"base_instructions\":{\"text\":\"be brief\"}}");
  }

  private static String turn(String time, String turnId) {
    return envelope(time, "turn_context", "{\"turn_id\":\"" + turnId + "\",\"cwd\":\"/work/proj\",\"model\":\"gpt-5.1-codex\"}");
  }

  private static String envelope(String time, String type, String payload) {
    return "{\"timestamp\":\"" + time + ".000Z\",\"type\":\"" + type + "\",\"payload\":" + payload + "}\n";
  }

  /** A token_count row; a tenth of each usage is output, the rest input. */
  private static String tokens(String time, long last, long total, String rateLimits) {
    return envelope(time, "event_msg", "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":" + usage(total)
        + ",\"last_token_usage\":" + usage(last) + ",\"model_context_window\":258400},\"rate_limits\":" + rateLimits + "}");
  }

  private static String usage(long total) {
    long output = total / 10;
    return "{\"input_tokens\":" + (total - output) + ",\"cached_input_tokens\":0,\"output_tokens\":" + output
        + ",\"reasoning_output_tokens\":0,\"total_tokens\":" + total + "}";
  }

  private static String limits(String primary, String secondary, String credits) {
    return "{\"limit_id\":\"codex\",\"limit_name\":null,\"primary\":" + primary + ",\"secondary\":" + secondary
        + ",\"credits\":" + (credits == null ? "null" : credits) + ",\"plan_type\":\"plus\"}";
  }

  private static String window(double usedPercent, int minutes, String resetsAt) {
    return "{\"used_percent\":" + usedPercent + ",\"window_minutes\":" + minutes + ",\"resets_at\":"
        + Instant.parse(resetsAt).getEpochSecond() + "}";
  }

  /** {@return the one JSON object {@code r} printed, as nested maps}; the run must have exited 0. */
  private static Map<String, Object> json(Cli.Result r) {
    assertThat(r.exitCode()).as(r.describe()).isZero();
    try (JsonParser p = new JsonFactory().createParser(r.out())) {
      assertThat(p.nextToken()).isEqualTo(JsonToken.START_OBJECT);
      Map<String, Object> m = object(p);
      assertThat(p.nextToken()).as("nothing after the object").isNull();
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static Map<String, Object> object(JsonParser p) throws IOException {
    Map<String, Object> m = new LinkedHashMap<>();
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String name = p.currentName();
      JsonToken t = p.nextToken();
      Object value;
      switch (t) {
        case START_OBJECT -> value = object(p);
        case VALUE_STRING -> value = p.getText();
        case VALUE_NUMBER_INT -> value = p.getLongValue();
        case VALUE_NUMBER_FLOAT -> value = p.getDoubleValue();
        case VALUE_TRUE -> value = true;
        case VALUE_FALSE -> value = false;
        case VALUE_NULL -> value = null;
        default -> throw new AssertionError("unexpected " + t + " at " + name);
      }
      m.put(name, value);
    }
    return m;
  }

  /** {@return the value at {@code path} in nested maps}; every key on the way must be there. */
  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> json, String... path) {
    Object v = json;
    for (String key : path) {
      assertThat(v).as("parent of " + key).isInstanceOf(Map.class);
      Map<String, Object> m = (Map<String, Object>) v;
      assertThat(m).containsKey(key);
      v = m.get(key);
    }
    return v;
  }
}
