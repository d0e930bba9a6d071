package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.cli.job.LiveUsage;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.model.TimeWindow;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The serve's live rows: a refresh reads only what was appended, and then equals a fresh read of the home. */
class LiveUsageTests {

  private static final String A = "0199a000-0000-7000-8000-00000000000a";
  private static final String B = "0199a000-0000-7000-8000-00000000000b";
  private static final String C = "0199a000-0000-7000-8000-00000000000c";
  private static final HandRollout DAY1 = HandRollout.on("2026-05-01");
  private static final HandRollout DAY9 = HandRollout.on("2026-05-09");
  private static final Instant NOW = Instant.parse("2026-05-10T00:00:00Z");

  @TempDir Path temp;
  Path home;
  Path fileA;

  @BeforeEach
  void writeHome() throws IOException {
    home = temp.resolve("home");
    fileA = write("sessions/2026/05/01/rollout-2026-05-01T10-00-00-" + A + ".jsonl",
        DAY1.sessionMeta("10:00:00", A, "/work/a") + DAY1.turnContext("10:00:01", "turn-1", "/work/a", "gpt-5.1-codex")
            + DAY1.tokenCount("10:00:02", HandRollout.usage(1000, 0, 100, 0, 1100), HandRollout.usage(1000, 0, 100, 0, 1100)));
    Path b = write("sessions/2026/05/01/rollout-2026-05-01T11-00-00-" + B + ".jsonl",
        DAY1.sessionMeta("11:00:00", B, "/work/b") + DAY1.turnContext("11:00:01", "turn-1", "/work/b", "gpt-5.1-codex")
            + DAY1.tokenCount("11:00:02", HandRollout.usage(5000, 4000, 50, 0, 5050), HandRollout.usage(5000, 4000, 50, 0, 5050)));
    Files.setLastModifiedTime(b, FileTime.from(Instant.parse("2026-05-01T11:00:03Z"))); // before the window below
  }

  private Path write(String relative, String text) throws IOException {
    Path f = home.resolve(relative);
    Files.createDirectories(f.getParent());
    Files.writeString(f, text);
    return f;
  }

  private static List<UsageJob.Row> sorted(UsageJob.Result r) {
    return r.rows().stream().sorted(Comparator.comparing(UsageJob.Row::eventId)).toList();
  }

  @Test
  void aRefreshReadsOnlyTheAppendedBytesAndThenEqualsAFreshRead() throws IOException {
    TimeWindow window = TimeWindow.parse("all", null, NOW, ZoneOffset.UTC);
    LiveUsage live = LiveUsage.open(home, window, 2, NOW);
    long first = live.bytesRead();
    assertThat(sorted(live.result())).isEqualTo(sorted(UsageJob.fromHome(home, window, 1)));
    assertThat(live.result().rows()).hasSize(2);

    String turn2 = DAY1.turnContext("10:05:00", "turn-2", "/work/a", "gpt-5.1-codex")
        + DAY1.tokenCount("10:05:02", HandRollout.usage(2000, 1500, 200, 0, 2200), HandRollout.usage(3000, 1500, 300, 0, 3300));
    Files.writeString(fileA, turn2, StandardOpenOption.APPEND);
    Path c = write("sessions/2026/05/09/rollout-2026-05-09T09-00-00-" + C + ".jsonl",
        DAY9.sessionMeta("09:00:00", C, "/work/c") + DAY9.turnContext("09:00:01", "turn-1", "/work/c", "gpt-5-mini")
            + DAY9.tokenCount("09:00:02", HandRollout.usage(700, 0, 70, 0, 770), HandRollout.usage(700, 0, 70, 0, 770)));

    LiveUsage.Refresh r = live.refresh(NOW.plusSeconds(60));

    assertThat(r.filesRead()).isEqualTo(2);
    assertThat(r.bytesRead()).isEqualTo(turn2.getBytes().length + Files.size(c));
    assertThat(live.bytesRead()).isEqualTo(first + r.bytesRead());
    assertThat(sorted(live.result())).isEqualTo(sorted(UsageJob.fromHome(home, window, 1)));
    assertThat(live.result().rows()).extracting(UsageJob.Row::delta).extracting(d -> d.totalTokens())
        .containsExactlyInAnyOrder(1100L, 5050L, 2200L, 770L);

    LiveUsage.Refresh again = live.refresh(NOW.plusSeconds(120));
    assertThat(again.filesRead()).isZero();
    assertThat(again.bytesRead()).isZero();
  }

  @Test
  void anOldThreadResumedInTheWindowIsReadWholeSoItsDeltaKeepsItsBaseline() throws IOException {
    TimeWindow window = TimeWindow.parse("2026-05-05T00:00:00Z", null, NOW, ZoneOffset.UTC);
    Files.setLastModifiedTime(fileA, FileTime.from(Instant.parse("2026-05-01T10:00:03Z")));
    LiveUsage live = LiveUsage.open(home, window, 1, NOW);
    assertThat(live.result().rows()).isEmpty();

    // B resumed on day 9: its totals go on from 5,050 to 6,050, so the delta is 1,000, not 6,050
    Path resumed = write("sessions/2026/05/09/rollout-2026-05-09T12-00-00-" + B + ".jsonl",
        DAY9.sessionMeta("12:00:00", B, "/work/b") + DAY9.turnContext("12:00:01", "turn-2", "/work/b", "gpt-5.1-codex")
            + DAY9.tokenCount("12:00:02", HandRollout.usage(900, 0, 100, 0, 1000), HandRollout.usage(5900, 4000, 150, 0, 6050)));
    LiveUsage.Refresh r = live.refresh(NOW.plusSeconds(60));

    assertThat(r.filesRead()).isEqualTo(2); // the new file and its thread's old one
    assertThat(sorted(live.result())).isEqualTo(sorted(UsageJob.fromHome(home, window, 1)));
    assertThat(live.result().rows()).singleElement().satisfies(row -> {
      assertThat(row.threadId()).isEqualTo(B);
      assertThat(row.delta().totalTokens()).isEqualTo(1000);
      assertThat(row.sourcePath()).isEqualTo(resumed.toString());
    });
  }
}
