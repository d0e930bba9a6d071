package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.ExampleRepos;
import dev.wlat.testkit.GroundTruth;
import dev.wlat.testkit.HomeSpec;
import dev.wlat.testkit.PlantedSecret;
import dev.wlat.testkit.RepoManifest;
import dev.wlat.testkit.ThreadTruth;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A generated Codex home whose sessions worked in real git repositories (made by the testkit at the
 * cwds the sessions recorded), backfilled with {@code --repo-root} and an overrides file, without
 * GitHub: attribution from local evidence alone, checked against the repositories' manifest.
 */
class AttributionEndToEndTests {

  @TempDir static Path temp;
  static GroundTruth truth;
  static RepoManifest manifest;
  static Path out;
  static Cli.Result run;
  static String overriddenThread;
  static Map<String, Map<String, String>> threads;
  static List<Map<String, String>> links;

  @BeforeAll
  static void backfillWithRepos() throws IOException {
    Path src = temp.resolve("src");
    HomeSpec spec = HomeSpec.builder().days(12).repos(List.of(
        HomeSpec.Repo.github("acme/payments-api", src.resolve("payments-api").toString(),
            "https://github.com/acme/payments-api.git"),
        HomeSpec.Repo.github("acme/web-console", src.resolve("web-console").toString(),
            "git@github.com:acme/web-console.git"),
        HomeSpec.Repo.local("scratch-notes", src.resolve("notes").toString()))).build();
    truth = CodexHomeGenerator.generate(spec, temp.resolve("home"));
    manifest = ExampleRepos.write(src, truth);
    overriddenThread = truth.threads().stream().filter(t -> "acme/web-console".equals(t.repo()))
        .map(ThreadTruth::threadId).findFirst().orElseThrow();
    Path overrides = temp.resolve("overrides.tsv");
    Files.writeString(overrides, "match_kind\tmatch_value\tgithub_repo\tworkstream_label\toutcome_type\tnote\n"
        + "# comments are allowed\n"
        + "thread_id\t" + overriddenThread + "\tacme/web-console\tacme/web-console:design-review\tdocs\treview\n");
    out = temp.resolve("out");
    run = BackfillCommandTests.backfill(temp.resolve("home"), out, "--repo-root", src.toString(),
        "--attribution-overrides", overrides.toString());
    threads = new HashMap<>();
    for (Map<String, String> row : read("codex_threads.tsv")) {
      threads.put(row.get("thread_id"), row);
    }
    links = read("token_outcome_links.tsv");
    if (System.getenv("WLAT_DEBUG_KEEP") != null) {
      copyTree(temp, Path.of(System.getenv("WLAT_DEBUG_KEEP")));
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (var s = Files.walk(from)) {
      for (Path p : s.toList()) {
        Path t = to.resolve(from.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(t);
        } else {
          Files.copy(p, t, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  /** {@return the cell, {@code null} when empty}. */
  private static String cell(Map<String, String> row, String column) {
    String v = row.get(column);
    return v == null || v.isEmpty() ? null : v;
  }

  private static List<Map<String, String>> read(String file) {
    return TsvReader.readAll(BackfillCommandTests.data(out).resolve(file));
  }

  @Test
  void backfillWithReposSucceeds() {
    assertThat(run.exitCode()).as(run.describe()).isZero();
    assertThat(threads).isNotEmpty();
  }

  @Test
  void threadsNamedInACommitTrailerAreExactAndLinkedToThatCommit() {
    List<RepoManifest.Commit> trailers = manifest.commits().stream()
        .filter(c -> c.mentionedThreadId() != null && threads.containsKey(c.mentionedThreadId())).toList();
    assertThat(trailers).extracting(c -> cell(threads.get(c.mentionedThreadId()), "attribution_confidence"))
        .as("a trailer proves the repo, with or without a GitHub remote")
        .allMatch(level -> level.equals("exact") || level.equals("manual"));
    trailers = trailers.stream().filter(c -> cell(threads.get(c.mentionedThreadId()), "github_repo") != null)
        .toList();
    assertThat(trailers).isNotEmpty();
    for (RepoManifest.Commit c : trailers) {
      String thread = c.mentionedThreadId();
      assertThat(links).as("link of %s to %s", thread, c.sha()).anySatisfy(l -> {
        assertThat(l.get("thread_id")).isEqualTo(thread);
        assertThat(l.get("artifact_kind")).isEqualTo("commit");
        assertThat(l.get("artifact_id")).isEqualTo(c.sha());
        assertThat(l.get("link_method")).isEqualTo("thread_id_in_commit");
        assertThat(l.get("attribution_confidence")).isEqualTo("exact");
      });
    }
  }

  @Test
  void threadsWorkingInsideARepoGetItsRootAndGitHubRepo() throws IOException {
    for (ThreadTruth t : truth.threads()) {
      Map<String, String> row = threads.get(t.threadId());
      if (row == null || t.cwd() == null || t.repo() == null || t.threadId().equals(overriddenThread)) {
        continue;
      }
      String expectedRepo = t.repo().contains("/") ? t.repo() : null;
      assertThat(cell(row, "github_repo")).as(t.threadId()).isEqualTo(expectedRepo);
      assertThat(row.get("repo_root")).as(t.threadId()).isEqualTo(Path.of(t.cwd()).toRealPath().toString());
      assertThat(row.get("attribution_confidence")).as(t.threadId()).isIn("exact", "strong", "derived");
      assertThat(row.get("attribution_evidence")).as(t.threadId()).contains("as-of-session");
    }
  }

  @Test
  void threadsOutsideEveryRepoAreNoneWithAWorkstreamFromTheirCwd() {
    List<ThreadTruth> outside = truth.threads().stream()
        .filter(t -> t.repo() == null && t.cwd() != null && threads.containsKey(t.threadId())).toList();
    for (ThreadTruth t : outside) {
      Map<String, String> row = threads.get(t.threadId());
      assertThat(row.get("attribution_confidence")).as(t.threadId()).isEqualTo("none");
      assertThat(row.get("workstream_label")).as(t.threadId()).startsWith("cwd:");
    }
  }

  @Test
  void anOverrideRowWinsAsManual() {
    Map<String, String> row = threads.get(overriddenThread);
    assertThat(row.get("attribution_confidence")).isEqualTo("manual");
    assertThat(row.get("workstream_label")).isEqualTo("acme/web-console:design-review");
    assertThat(row.get("outcome_type")).isEqualTo("docs");
  }

  @Test
  void workWithoutAGitHubRepoStillGetsAWorkstream() {
    assertThat(threads.values()).filteredOn(r -> cell(r, "github_repo") == null)
        .isNotEmpty()
        .allSatisfy(r -> assertThat(r.get("workstream_label")).isNotBlank());
  }

  @Test
  void linksShareOutEachThreadsTokensExactly() {
    Map<String, Long> allocated = links.stream().collect(Collectors.groupingBy(l -> l.get("thread_id"),
        Collectors.summingLong(l -> Long.parseLong(l.get("allocated_tokens")))));
    assertThat(allocated).isNotEmpty();
    allocated.forEach((thread, sum) ->
        assertThat(sum).as(thread).isEqualTo(Long.parseLong(threads.get(thread).get("cumulative_delta_tokens"))));
  }

  @Test
  void everyAccountingTableCarriesItsThreadsAttribution() {
    for (String file : List.of("raw_token_events.tsv", "token_event_accounting.tsv", "token_turn_estimates.tsv",
        "token_session_rollups.tsv", "token_thread_rollups.tsv")) {
      List<Map<String, String>> rows = read(file);
      assertThat(rows).as(file).isNotEmpty().allSatisfy(r -> {
        Map<String, String> t = threads.get(r.get("thread_id"));
        assertThat(r.get("github_repo")).as(file).isEqualTo(t.get("github_repo"));
        assertThat(r.get("workstream_label")).as(file).isEqualTo(t.get("workstream_label"));
        assertThat(r.get("outcome_type")).as(file).isEqualTo(t.get("outcome_type"));
        assertThat(r.get("attribution_confidence")).as(file).isEqualTo(t.get("attribution_confidence"));
      });
    }
  }

  @Test
  void outcomeRollupsAndConfidenceSummarySumToTheWindowTotal() {
    long total = Sums.sum(read("token_event_accounting.tsv")).total();
    assertThat(read("repo_workstream_outcome_rollups.tsv").stream()
        .mapToLong(r -> Long.parseLong(r.get("cumulative_delta_tokens"))).sum()).isEqualTo(total);
    List<Map<String, String>> levels = read("attribution_confidence_summary.tsv");
    assertThat(levels).extracting(r -> r.get("attribution_confidence"))
        .containsExactly("manual", "exact", "strong", "derived", "weak", "none");
    assertThat(levels.stream().mapToLong(r -> Long.parseLong(r.get("cumulative_delta_tokens"))).sum())
        .isEqualTo(total);
  }

  @Test
  void commitMessageBodiesNeverReachAnyOutput() {
    assertThat(manifest.plantedSecrets()).isNotEmpty();
    for (Path f : OutputTree.files(out)) {
      String text = OutputTree.readString(f);
      for (PlantedSecret s : manifest.plantedSecrets()) {
        assertThat(text).as(f.toString()).doesNotContain(s.value());
      }
    }
  }

  @Test
  void theSummaryAndLedgerGiveTheHeadlineFigures() {
    Cli.Result loud = Cli.run("backfill", "--since", "all", "--codex-home", temp.resolve("home").toString(),
        "--output-root", temp.resolve("out-loud").toString(), "--repo-root", temp.resolve("src").toString(),
        "--skip-github", "--no-reports", "--no-plots");
    assertThat(loud.exitCode()).as(loud.describe()).isZero();
    assertThat(loud.out()).contains("attribution: ").contains("attributed manual, exact or strong")
        .contains("tokens per repo: ");
    String ledger = OutputTree.readString(OutputTree.files(temp.resolve("out-loud").resolve("runs")).stream()
        .filter(f -> f.getFileName().toString().endsWith("_execution_ledger.md")).findFirst().orElseThrow());
    assertThat(ledger).contains("## Attribution").contains("local repositories found (worktrees included) | 4");
    Set<String> kinds = links.stream().map(l -> l.get("link_method")).collect(Collectors.toSet());
    assertThat(kinds).contains("thread_id_in_commit");
  }
}
