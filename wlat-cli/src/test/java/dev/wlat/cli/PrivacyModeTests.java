package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The privacy modes on a home whose paths, branch, remote and thread title hold planted names: none
 * of them may reach any output (state/ aside, run-incremental's own working file) in the modes that
 * hide them, and validate's raw_paths check agrees.
 */
class PrivacyModeTests {

  private static final HandRollout R = HandRollout.on("2026-05-01");

  private static final String HOME_USER = "alicezzsecretuser";
  private static final String PROJECT = "topsecretprojectqq";
  private static final String BRANCH = "feature/hiddenbranchxx";
  private static final String TITLE = "plannedtitlevv";
  private static final String THREAD_A = "019a7777-0000-7000-8000-00000000aaaa";
  private static final String THREAD_B = "019a7777-0000-7000-8000-00000000bbbb";

  @TempDir Path temp;
  Path home;

  @BeforeEach
  void writeHome() throws IOException {
    home = Files.createDirectories(temp.resolve(HOME_USER + "/.codex"));
    Path day = Files.createDirectories(home.resolve("sessions/2026/05/01"));
    // thread A: a named GitHub project on a secret branch; thread B: an unnamed project
    Files.writeString(day.resolve("rollout-2026-05-01T10-00-00-" + THREAD_A + ".jsonl"),
        rollout(THREAD_A, "/home/" + HOME_USER + "/src/webapp", "{\"branch\":\"" + BRANCH + "\","
            + "\"repository_url\":\"https://github.com/acme/webapp.git\",\"commit_hash\":\"abc123\"}"));
    Files.writeString(day.resolve("rollout-2026-05-01T11-00-00-" + THREAD_B + ".jsonl"),
        rollout(THREAD_B, "/home/" + HOME_USER + "/scratch/" + PROJECT, null));
    Files.writeString(home.resolve("session_index.jsonl"), "{\"id\":\"" + THREAD_A + "\",\"thread_name\":\""
        + TITLE + "\",\"updated_at\":\"2026-05-01T10:00:00Z\"}\n");
  }

  private Path run(String command, String mode) {
    Path out = temp.resolve("out-" + command + "-" + mode);
    List<String> args = new ArrayList<>(List.of(command, "--codex-home", home.toString(), "--output-root",
        out.toString(), "--skip-github", "-q", "--privacy-mode", mode));
    if (command.equals("backfill")) {
      args.addAll(List.of("--since", "all"));
    } else {
      args.addAll(List.of("--window", "all"));
    }
    Cli.Result r = Cli.run(args.toArray(String[]::new));
    assertThat(r.exitCode()).as(r.describe()).isZero();
    for (String more : List.of("report", "plot")) {
      Cli.Result m = Cli.run(more, "--window", "all", "--output-root", out.toString(), "-q", "--privacy-mode", mode);
      assertThat(m.exitCode()).as(m.describe()).isZero();
    }
    return out;
  }

  /** {@return every output file (state/ aside) with one of {@code planted} in it, and which}. */
  private static List<String> leaks(Path out, String... planted) throws IOException {
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(out)) {
      for (Path f : files.filter(Files::isRegularFile).toList()) {
        if (out.relativize(f).toString().startsWith("state")) {
          continue;
        }
        String text = new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1);
        for (String p : planted) {
          if (text.contains(p)) {
            found.add(out.relativize(f) + ": " + p);
          }
        }
      }
    }
    return found;
  }

  @Test
  void normalModeShowsThePathsItIsAskedToHideInTheOtherModes() throws IOException {
    Path out = run("backfill", "normal");

    assertThat(leaks(out, HOME_USER, PROJECT, BRANCH, TITLE)).isNotEmpty();
  }

  @Test
  void redactedModeWritesNoRawPathNorUnnamedProjectAndValidateAgrees() throws IOException {
    for (String command : List.of("backfill", "run-incremental")) {
      Path out = run(command, "redacted");

      assertThat(leaks(out, HOME_USER, PROJECT, temp.toString())).as(command).isEmpty();
      String raw = Files.readString(out.resolve("data/raw_token_events.tsv"));
      assertThat(raw).contains("codex:sessions/2026/05/01/rollout-2026-05-01T10-00-00-" + THREAD_A + ".jsonl")
          .contains("acme/webapp:hiddenbranchxx"); // a named project and its branch stay in redacted mode
      Cli.Result v = Cli.run("validate", "--output-root", out.toString(), "--privacy-mode", "redacted");
      assertThat(v.exitCode()).as(v.describe()).isZero();
      assertThat(v.out()).contains("ok   no absolute local path in");
    }
  }

  @Test
  void strictModeAlsoHidesBranchesAndTitles() throws IOException {
    Path out = run("backfill", "strict");

    assertThat(leaks(out, HOME_USER, PROJECT, BRANCH, "hiddenbranchxx", TITLE, temp.toString())).isEmpty();
    assertThat(Files.readString(out.resolve("data/raw_token_events.tsv"))).contains("acme/webapp:#");
    Cli.Result v = Cli.run("validate", "--output-root", out.toString(), "--privacy-mode", "strict");
    assertThat(v.exitCode()).as(v.describe()).isZero();
  }

  @Test
  void validateFindsAPathPlantedIntoAnOutputWithoutEchoingIt() throws IOException {
    Path out = run("backfill", "redacted");
    Path report = out.resolve("reports/latest_all_summary.md");
    Files.writeString(report, Files.readString(report) + "\nsee /home/" + HOME_USER + "/notes.txt\n");

    Cli.Result v = Cli.run("validate", "--output-root", out.toString(), "--privacy-mode", "redacted");

    assertThat(v.exitCode()).isEqualTo(1);
    assertThat(v.out()).contains("FAIL raw_paths: reports/latest_all_summary.md:").doesNotContain(HOME_USER);
  }

  private static String rollout(String thread, String cwd, String git) {
    return R.envelope("10:00:00", "session_meta", "{\"id\":\"" + thread + "\",\"timestamp\":\"2026-05-01T10:00:00.000Z\","
            + "\"cwd\":\"" + cwd + "\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\",\"source\":\"cli\""
            + (git == null ? "" : ",\"git\":" + git) + "}")
        + R.envelope("10:00:01", "turn_context", "{\"turn_id\":\"turn-1\",\"cwd\":\"" + cwd + "\",\"model\":\"gpt-5.1-codex\"}")
        + R.tokenCount("10:00:02", HandRollout.usage(1000, 100, 50, 0, 1050), HandRollout.usage(1000, 100, 50, 0, 1050));
  }
}
