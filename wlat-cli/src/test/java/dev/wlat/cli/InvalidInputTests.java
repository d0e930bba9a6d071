package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Calls the user can fix exit with {@link ExitCodes#INVALID_INPUT} and say what was wrong, without a stack trace. */
class InvalidInputTests {

  @TempDir Path temp;

  private Path home;
  private Path out;

  @BeforeEach
  void emptyHome() throws IOException {
    home = Files.createDirectories(temp.resolve("codex-home"));
    out = temp.resolve("out");
  }

  @Test
  void missingCodexHomeExitsTwoNamingThePathOnOneLine() {
    Path missing = temp.resolve("no-such-home");

    Cli.Result r = Cli.run(backfill(missing));

    assertRejected(r, missing.toString());
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void codexHomeThatIsAFileExitsTwoNamingThePathOnOneLine() throws IOException {
    Path file = Files.writeString(temp.resolve("not-a-dir"), "x");

    Cli.Result r = Cli.run(backfill(file));

    assertRejected(r, file.toString());
    assertThat(r.err().lines()).hasSize(1);
  }

  @Test
  void unreadableCodexHomeExitsTwoNamingThePathOnOneLine() throws IOException {
    Path locked = Files.createDirectories(temp.resolve("locked"));
    Files.createDirectories(locked.resolve("sessions"));
    Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("---------"));
    try {
      assumeThat(Files.isReadable(locked)).as("permissions are not enforced for this user (root?)").isFalse();

      Cli.Result r = Cli.run(backfill(locked));

      assertRejected(r, locked.toString());
      assertThat(r.err().lines()).hasSize(1);
    } finally {
      Files.setPosixFilePermissions(locked, PosixFilePermissions.fromString("rwx------"));
    }
  }

  @Test
  void unparsableSinceExitsTwoQuotingTheValue() {
    Cli.Result r = Cli.run(backfill(home, "--since", "yesterday"));

    assertRejected(r, "yesterday");
    assertThat(r.err()).containsPattern("[\\['\"]yesterday[\\]'\"]");
  }

  @Test
  void unparsableUntilExitsTwoQuotingTheValue() {
    Cli.Result r = Cli.run(backfill(home, "--since", "all", "--until", "tomorrow-ish"));

    assertRejected(r, "tomorrow-ish");
    assertThat(r.err()).containsPattern("[\\['\"]tomorrow-ish[\\]'\"]");
  }

  @Test
  void windowEndingBeforeItStartsExitsTwo() {
    Cli.Result r = Cli.run(backfill(home, "--since", "2026-09-08", "--until", "2026-09-01"));

    assertRejected(r, "2026-09-01");
  }

  @Test
  void unknownTimeZoneExitsTwoNamingTheZone() {
    Cli.Result r = Cli.run(backfill(home, "--timezone", "Mars/Olympus"));

    assertRejected(r, "Mars/Olympus");
  }

  @Test
  void aGhThatIsNotAnExecutableExitsTwoNamingIt() {
    List<String> args = new ArrayList<>(List.of(backfill(home, "--gh", "/no/such/gh")));
    args.remove("--skip-github");

    Cli.Result r = Cli.run(args.toArray(String[]::new));

    assertRejected(r, "/no/such/gh");
  }

  @Test
  void missingOverridesFileExitsTwoNamingIt() {
    Cli.Result r = Cli.run(backfill(home, "--attribution-overrides", "/no/such/overrides.tsv"));

    assertRejected(r, "/no/such/overrides.tsv");
  }

  @Test
  void aMalformedOverridesFileExitsTwoNamingItsLineAndColumn() throws java.io.IOException {
    java.nio.file.Path f = java.nio.file.Files.createTempFile("overrides", ".tsv");
    java.nio.file.Files.writeString(f, "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n"
        + "thread_id\tabc\tnot a repo\t\t\t\n");

    Cli.Result r = Cli.run(backfill(home, "--attribution-overrides", f.toString()));

    assertRejected(r, f.getFileName() + ":2");
    assertThat(r.err()).contains("github_repo");
  }

  @Test
  void missingRepoRootExitsTwoNamingThePath() {
    Cli.Result r = Cli.run(backfill(home, "--repo-root", "/no/such/dir"));

    assertRejected(r, "/no/such/dir");
  }

  @Test
  void unknownBackfillOptionExitsTwoNamingTheOption() {
    Cli.Result r = Cli.run(backfill(home, "--frobnicate"));

    assertRejected(r, "--frobnicate");
  }

  @Test
  void unknownSubcommandExitsTwoNamingIt() {
    Cli.Result r = Cli.run("frobnicate");

    assertRejected(r, "frobnicate");
  }

  @Test
  void rejectedCallsWriteNoOutputs() {
    Cli.run(backfill(home, "--since", "yesterday"));
    Cli.run(backfill(home, "--timezone", "Mars/Olympus"));
    Cli.run(backfill(home, "--repo-root", "/no/such/dir"));
    Cli.run(backfill(temp.resolve("no-such-home")));

    assertThat(out).doesNotExist();
    assertThat(OutputTree.listing(home)).containsExactly("");
  }

  // ---- helpers ----

  private String[] backfill(Path codexHome, String... extra) {
    List<String> args = new ArrayList<>(List.of("backfill", "--codex-home", codexHome.toString(),
        "--output-root", out.toString(), "--skip-github", "--no-reports", "--no-plots", "-q"));
    args.addAll(List.of(extra));
    return args.toArray(String[]::new);
  }

  /** A rejected call: exit 2, nothing on stdout, a {@code wlat:} message naming {@code what}, no stack trace. */
  private static void assertRejected(Cli.Result r, String what) {
    assertThat(r.exitCode()).as(r.describe()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(r.out()).as(r.describe()).isEmpty();
    assertThat(r.err()).as(r.describe()).startsWith("wlat: ").contains(what);
    assertThat(r.err().lines()).as(r.describe())
        .noneMatch(l -> l.strip().startsWith("at ") || l.contains("Exception") || l.contains("internal error"));
  }
}
