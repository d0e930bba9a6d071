package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.EncodingType;
import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wlat capture} around a fake {@code codex} (a shell script this test writes) that prints
 * {@code codex exec --json} events and may write a rollout, die early or print garbage.
 */
class CaptureCommandTests {

  private static final String THREAD = "019a8888-0000-7000-8000-00000000cafe";

  @TempDir Path temp;

  /** {@return a fake codex printing {@code stdout}, writing a rollout when {@code rollout}, exiting {@code exit}}. */
  private Path fakeCodex(String stdout, boolean rollout, int exit) throws IOException {
    String write = !rollout ? "" : """
        d="$HOME_DIR/sessions/2026/12/02"; mkdir -p "$d"; now=$(date -u +%Y-%m-%dT%H:%M:%S.000Z)
        f="$d/rollout-2026-12-02T00-00-00-THREAD.jsonl"
        printf '%s\\n' "{\\"timestamp\\":\\"$now\\",\\"type\\":\\"session_meta\\",\\"payload\\":{\\"id\\":\\"THREAD\\",\\"timestamp\\":\\"$now\\",\\"cwd\\":\\"/w\\",\\"originator\\":\\"codex_exec\\",\\"cli_version\\":\\"0.150.0\\",\\"source\\":\\"exec\\"}}" > "$f"
        printf '%s\\n' "{\\"timestamp\\":\\"$now\\",\\"type\\":\\"turn_context\\",\\"payload\\":{\\"turn_id\\":\\"t1\\",\\"cwd\\":\\"/w\\",\\"model\\":\\"gpt-5.3-codex\\"}}" >> "$f"
        printf '%s\\n' "{\\"timestamp\\":\\"$now\\",\\"type\\":\\"event_msg\\",\\"payload\\":{\\"type\\":\\"token_count\\",\\"info\\":{\\"total_token_usage\\":{\\"input_tokens\\":1200,\\"cached_input_tokens\\":200,\\"output_tokens\\":60,\\"reasoning_output_tokens\\":10,\\"total_tokens\\":1260},\\"last_token_usage\\":{\\"input_tokens\\":1200,\\"cached_input_tokens\\":200,\\"output_tokens\\":60,\\"reasoning_output_tokens\\":10,\\"total_tokens\\":1260},\\"model_context_window\\":272000},\\"rate_limits\\":null}}" >> "$f"
        """.replace("THREAD", THREAD);
    Path out = Files.writeString(temp.resolve("stdout.txt"), stdout);
    Path script = temp.resolve("codex");
    Files.writeString(script, "#!/usr/bin/env bash\n" + write + "cat '" + out + "'\necho 'codex: done' >&2\nexit " + exit + "\n");
    Files.setPosixFilePermissions(script, PosixFilePermissions.fromString("rwx------"));
    return script;
  }

  private static String events(boolean completed) {
    return "{\"type\":\"thread.started\",\"thread_id\":\"" + THREAD + "\"}\n"
        + "{\"type\":\"turn.started\"}\n"
        + "{\"type\":\"item.completed\",\"item\":{\"id\":\"i0\",\"type\":\"agent_message\",\"text\":\"hello world\"}}\n"
        + (completed ? "{\"type\":\"turn.completed\",\"usage\":{\"input_tokens\":1000,\"cached_input_tokens\":200,"
            + "\"output_tokens\":50}}\n" : "");
  }

  private Cli.Result capture(Path codex, String... args) {
    List<String> all = new java.util.ArrayList<>(List.of("capture", "--label", "builder", "--tag", "pr=42",
        "--codex-home", temp.resolve("home").toString(), "--output-root", temp.resolve("out").toString(), "--",
        codex.toString(), "exec", "--json"));
    all.addAll(List.of(args));
    return Cli.run(all.toArray(String[]::new));
  }

  private List<Map<String, String>> rows() {
    return TsvReader.readAll(temp.resolve("out/data/capture_runs.tsv"));
  }

  /** The env var the fake reads to find the home: set through the shell of the test JVM's children. */
  private Path withHome(Path script) throws IOException {
    String text = Files.readString(script).replace("$HOME_DIR", temp.resolve("home").toString());
    return Files.writeString(script, text);
  }

  @Test
  void theRolloutsTotalsAreTheActualUsageAndTheOutputPassesThroughUnchanged() throws IOException {
    Files.createDirectories(temp.resolve("home/sessions"));
    Path codex = withHome(fakeCodex(events(true), true, 0));

    Cli.Result r = capture(codex, "fix the bug");

    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).isEqualTo(events(true));
    List<Map<String, String>> rows = rows();
    assertThat(rows).hasSize(2);
    Map<String, String> run = rows.get(0);
    assertThat(run).containsEntry("row_kind", "run").containsEntry("source", "actual").containsEntry("thread_id", THREAD)
        .containsEntry("model", "gpt-5.3-codex").containsEntry("total_tokens", "1260")
        .containsEntry("input_tokens", "1200").containsEntry("label", "builder").containsEntry("tags", "pr=42")
        .containsEntry("command", "codex").containsEntry("exit_code", "0");
    // 1,000 uncached x 1.75 + 200 cached x 0.175 + 60 x 14 = 1,750 + 35 + 840 per million = 0.002625
    assertThat(new java.math.BigDecimal(run.get("cost_usd"))).isEqualByComparingTo("0.002625");
    assertThat(rows.get(1)).containsEntry("row_kind", "turn").containsEntry("turn_id", "t1")
        .containsEntry("total_tokens", "1260");
    assertThat(String.join("\n", rows.get(0).values())).doesNotContain("fix the bug");
  }

  @Test
  void aResumedThreadCountsOnlyWhatTheRunAddedToItsEarlierTotal() throws IOException {
    // the thread's earlier segment, from before the run, ends at 1,000 in and 60 out (1,060)
    Path old = Files.createDirectories(temp.resolve("home/sessions/2026/11/01"))
        .resolve("rollout-2026-11-01T00-00-00-" + THREAD + ".jsonl");
    HandRollout r = HandRollout.on("2026-11-01");
    Files.writeString(old, r.envelope("10:00:00", "session_meta", "{\"id\":\"" + THREAD + "\",\"timestamp\":"
            + "\"2026-11-01T10:00:00.000Z\",\"cwd\":\"/w\",\"originator\":\"codex_exec\",\"cli_version\":\"0.150.0\","
            + "\"source\":\"exec\"}")
        + r.tokenCount("10:00:02", HandRollout.usage(1000, 0, 60, 0, 1060), HandRollout.usage(1000, 0, 60, 0, 1060)));
    Files.setLastModifiedTime(old, java.nio.file.attribute.FileTime.fromMillis(0));
    // the run's new file reaches 1,200 in (200 cached) and 60 out, 1,260: the run added 200, all of it input
    Path codex = withHome(fakeCodex(events(true), true, 0));

    capture(codex);

    assertThat(rows().get(0)).containsEntry("source", "actual").containsEntry("total_tokens", "200")
        .containsEntry("input_tokens", "200").containsEntry("output_tokens", "0");
  }

  @Test
  void withoutARolloutTheStreamsTurnUsageIsParsedAndTheFallBackIsSaid() throws IOException {
    Path codex = withHome(fakeCodex(events(true), false, 0));

    Cli.Result r = capture(codex);

    assertThat(r.exitCode()).isZero();
    Map<String, String> run = rows().get(0);
    assertThat(run).containsEntry("source", "parsed").containsEntry("input_tokens", "1000")
        .containsEntry("cached_input_tokens", "200").containsEntry("output_tokens", "50")
        .containsEntry("total_tokens", "1050");
    assertThat(r.err()).contains("no rollout of thread " + THREAD).contains("(parsed)");
  }

  @Test
  void aRunThatDiesBeforeAnyUsageIsEstimatedWithO200kAndKeepsTheChildsExitCode() throws IOException {
    Path codex = withHome(fakeCodex(events(false), false, 3));

    Cli.Result r = capture(codex, "say", "hello");

    assertThat(r.exitCode()).isEqualTo(3);
    var enc = Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
    long input = enc.countTokensOrdinary("exec --json say hello"); // every argument after the program
    long output = enc.countTokensOrdinary("hello world\n");
    Map<String, String> run = rows().get(0);
    assertThat(run).containsEntry("source", "estimated").containsEntry("exit_code", "3")
        .containsEntry("input_tokens", Long.toString(input)).containsEntry("output_tokens", Long.toString(output));
    assertThat(run.get("estimate_method")).startsWith("o200k_base");
    assertThat(r.err()).contains("usage estimated: the run ended before a turn completed");
    assertThat(rows()).hasSize(1); // an estimate has no turn rows
  }

  @Test
  void aCommandThatPrintsNoEventsIsEstimatedAndItsMalformedLinesAreCountedAndPassedThrough() throws IOException {
    String garbage = "plain text\n{not json\n";
    Path codex = withHome(fakeCodex(garbage, false, 0));

    Cli.Result r = capture(codex);

    assertThat(r.out()).isEqualTo(garbage);
    assertThat(r.err()).contains("1 line(s) looked like JSON but were not events")
        .contains("no Codex JSON events (not codex exec --json?)");
    assertThat(rows().get(0)).containsEntry("source", "estimated");
  }

  @Test
  void eachRunAppendsItsRowsUnderOneHeader() throws IOException {
    Path codex = withHome(fakeCodex(events(true), false, 0));

    capture(codex);
    capture(codex);

    List<String> lines = Files.readAllLines(temp.resolve("out/data/capture_runs.tsv"));
    assertThat(lines.get(0)).isEqualTo(String.join("\t", CaptureCommand.COLUMNS));
    assertThat(lines).hasSize(1 + 2 * 2).filteredOn(l -> l.startsWith("capture_id")).hasSize(1);
  }

  @Test
  void ctrlCReachesTheChildAndTheInterruptedRunIsStillRecorded() throws Exception {
    org.junit.jupiter.api.Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/bin/setsid")), "needs setsid");
    Path child = temp.resolve("slow");
    Files.writeString(child, "#!/usr/bin/env bash\ntrap 'echo interrupted; exit 130' INT\necho started\n"
        + "for i in $(seq 1 100); do sleep 0.1; done\n");
    Files.setPosixFilePermissions(child, PosixFilePermissions.fromString("rwx------"));
    String javaBin = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    // its own process group, as a terminal's foreground job: Ctrl-C signals every process in it
    Process wlat = new ProcessBuilder("/usr/bin/setsid", javaBin, "-cp", System.getProperty("java.class.path"),
        Main.class.getName(), "capture", "--output-root",
        temp.resolve("out").toString(), "--codex-home", temp.resolve("home").toString(), "--", child.toString())
        .redirectErrorStream(true).start();
    java.io.BufferedReader out = new java.io.BufferedReader(new java.io.InputStreamReader(wlat.getInputStream()));
    assertThat(out.readLine()).isEqualTo("started");
    new ProcessBuilder("kill", "-INT", "--", "-" + wlat.pid()).inheritIO().start().waitFor();

    assertThat(wlat.waitFor(20, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String rest = new String(wlat.getInputStream().readAllBytes());
    assertThat(rest).contains("interrupted");
    assertThat(wlat.exitValue()).isEqualTo(130);
    assertThat(rows()).singleElement().satisfies(r -> assertThat(r).containsEntry("exit_code", "130")
        .containsEntry("source", "estimated"));
  }

  @Test
  void aCommandThatCannotStartIsInvalidInput() {
    Cli.Result r = Cli.run("capture", "--output-root", temp.resolve("out").toString(), "--",
        temp.resolve("no-such-binary").toString());

    assertThat(r.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.err()).contains("cannot run");
  }
}
