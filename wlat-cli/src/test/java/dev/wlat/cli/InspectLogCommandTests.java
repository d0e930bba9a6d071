package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/*
 * The fixture, written here by hand (nothing copied from a real file or from wlat's output):
 *
 *   line 1  session_meta
 *   line 2  turn_context, model gpt-5.1-codex
 *   line 3  token_count, info null                          last -    total -    delta 0
 *   line 4  token_count                                     last 100  total 100  delta 100
 *   line 5  not JSON                                        malformed_json
 *   line 6  token_count                                     last 150  total 250  delta 150
 *   line 7  token_count, line 6 re-emitted                  last 150  total 250  delta 0
 *   line 8  half a token_count, no newline                  truncated_last_line
 *
 * So: 4 token rows (1 info-null, 1 re-emit); observed_event_sum_tokens = 100 + 150 + 150 = 400;
 * final_session_total_tokens = 250; cumulative_delta_tokens = 100 + 150 = 250, of which input
 * 60 + 140 = 200 (cached 0 + 50 = 50) and output 40 + 10 = 50 (reasoning 0 + 10 = 10).
 */

/** {@code wlat inspect-log FILE} against a small hand-written rollout. */
class InspectLogCommandTests {

  private static final HandRollout R = HandRollout.on("2026-03-01");

  private static final String THREAD = "019a2222-0000-7000-8000-00000000bbbb";
  private static final Pattern TABLE_HEADER = Pattern.compile("(?m)^\\s*line\\s+timestamp\\s+turn\\s+total\\s+last\\s+delta\\s+flags\\s*$");

  @TempDir Path temp;

  private Path file;

  @BeforeEach
  void writeRollout() throws IOException {
    String text = R.envelope("10:00:00", "session_meta", "{\"id\":\"" + THREAD + "\",\"timestamp\":\"2026-03-01T10:00:00.000Z\","
            + "\"cwd\":\"/work/proj\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\",\"source\":\"cli\","
            + "\"model_provider\":\"openai\",\"base_instructions\":{\"text\":\"be brief\"}}")
        + R.envelope("10:00:01", "turn_context", "{\"turn_id\":\"turn-1\",\"cwd\":\"/work/proj\",\"approval_policy\":\"on-request\","
            + "\"sandbox_policy\":{\"type\":\"workspace-write\"},\"model\":\"gpt-5.1-codex\",\"summary\":\"auto\"}")
        + R.envelope("10:00:02", "event_msg", "{\"type\":\"token_count\",\"info\":null,\"rate_limits\":null}")
        + R.tokenCount("10:00:03", HandRollout.usage(60, 0, 40, 0, 100), HandRollout.usage(60, 0, 40, 0, 100))
        + "{\"timestamp\":\"2026-03-01T10:00:04.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"token_count\",\"info\": oops}}\n"
        + R.tokenCount("10:00:05", HandRollout.usage(140, 50, 10, 10, 150), HandRollout.usage(200, 50, 50, 10, 250))
        + R.tokenCount("10:00:06", HandRollout.usage(140, 50, 10, 10, 150), HandRollout.usage(200, 50, 50, 10, 250))
        + "{\"timestamp\":\"2026-03-01T10:00:07.000Z\",\"type\":\"event_msg\",\"payload\":{\"type\":\"tok";
    file = Files.writeString(temp.resolve("rollout-2026-03-01T10-00-00-" + THREAD + ".jsonl"), text);
  }

  @Test
  void inspectLogExitsZeroWithNothingOnStderr() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.err()).isEmpty();
  }

  @Test
  void showsObservedEventSumIncludingTheReEmit() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.out()).containsPattern("(?m)^observed_event_sum_tokens\\s+400\\b");
  }

  @Test
  void showsTheFinalSessionTotal() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.out()).containsPattern("(?m)^final_session_total_tokens\\s+250\\b");
  }

  @Test
  void showsTheCumulativeDeltaWithItsParts() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.out()).containsPattern("(?m)^cumulative_delta_tokens\\s+250\\b")
        .containsPattern("input 200 \\(cached 50\\), output 50 \\(reasoning 10\\); resets 0");
  }

  @Test
  void countsTokenRowsInfoNullRowsAndReEmits() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.out()).containsPattern("(?m)^tokens\\s+4 rows: 1 info-null, 1 repeated totals");
  }

  @Test
  void namesTheMalformedLineByNumber() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.out()).containsPattern("malformed_json: 1 line\\(s\\), first at line\\(s\\) \\[5\\]");
  }

  @Test
  void namesTheTruncatedLastLineByNumber() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.out()).containsPattern("truncated_last_line: 1 line\\(s\\), first at line\\(s\\) \\[8\\]");
  }

  @Test
  void rowTableShowsEachTokenRowWithItsDelta() {
    Cli.Result r = Cli.run("inspect-log", file.toString());

    assertThat(r.out()).containsPattern(TABLE_HEADER);
    assertThat(deltasByLine(r.out())).containsExactly(Map.entry(3, 0L), Map.entry(4, 100L), Map.entry(6, 150L),
        Map.entry(7, 0L));
  }

  @Test
  void summaryLeavesOutTheRowTableButKeepsTheTotals() {
    Cli.Result r = Cli.run("inspect-log", "--summary", file.toString());

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).doesNotContainPattern(TABLE_HEADER);
    assertThat(deltasByLine(r.out())).isEmpty();
    assertThat(r.out()).containsPattern("(?m)^cumulative_delta_tokens\\s+250\\b");
  }

  @Test
  void missingFileExitsTwoNamingIt() {
    Path missing = temp.resolve("rollout-missing.jsonl");

    Cli.Result r = Cli.run("inspect-log", missing.toString());

    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.out()).isEmpty();
    assertThat(r.err()).startsWith("wlat: ").contains(missing.toString());
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void inspectLogWritesNothing() {
    Map<String, OutputTree.Bytes> before = OutputTree.snapshot(temp);

    Cli.run("inspect-log", file.toString());
    Cli.run("inspect-log", "--summary", file.toString());

    assertThat(OutputTree.listing(temp)).containsExactlyInAnyOrder("", file.getFileName().toString());
    assertThat(OutputTree.snapshot(temp)).isEqualTo(before);
  }

  // ---- helpers ----

  /** {@return line number → delta from the rows of the token table (line, timestamp, turn, total, last, delta, …)}. */
  private static Map<Integer, Long> deltasByLine(String out) {
    Map<Integer, Long> m = new TreeMap<>();
    Matcher row = Pattern.compile("(?m)^\\s*(\\d+)\\s+2026-\\S+\\s+\\S+\\s+\\S+\\s+\\S+\\s+(\\d+)\\b").matcher(out);
    while (row.find()) {
      m.put(Integer.parseInt(row.group(1)), Long.parseLong(row.group(2)));
    }
    return m;
  }
}
