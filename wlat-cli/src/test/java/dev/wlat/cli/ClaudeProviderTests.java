package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Claude Code as a second provider, end to end: {@code wlat usage --provider claude|codex|all}, the
 * dashboard's data beside Codex's, and a malformed line counted and named, never fatal.
 */
class ClaudeProviderTests {

  @TempDir Path temp;
  Path claude;

  /** Two calls of one session; the first repeated on three content-block lines (counted once). */
  private static String assistant(String time, String message, String request, long in, long write, long read,
      long out) {
    return "{\"type\":\"assistant\",\"sessionId\":\"s-1\",\"cwd\":\"/work/api\",\"gitBranch\":\"main\",\"timestamp\":"
        + "\"2026-05-01T" + time + ".000Z\",\"requestId\":\"" + request + "\",\"message\":{\"id\":\"" + message
        + "\",\"model\":\"claude-sonnet-4-5-20250929\",\"usage\":{\"input_tokens\":" + in
        + ",\"cache_creation_input_tokens\":" + write + ",\"cache_read_input_tokens\":" + read + ",\"output_tokens\":"
        + out + "}}}\n";
  }

  @BeforeEach
  void writeLogs() throws IOException {
    claude = temp.resolve("claude");
    Path project = Files.createDirectories(claude.resolve("projects/-work-api"));
    Files.writeString(project.resolve("s-1.jsonl"),
        "{\"type\":\"user\",\"sessionId\":\"s-1\",\"timestamp\":\"2026-05-01T10:00:00.000Z\",\"message\":{\"role\":\"user\","
            + "\"content\":\"hi\"}}\n"
            + assistant("10:00:01", "msg_1", "req_1", 10, 2_000, 0, 100)
            + assistant("10:00:01", "msg_1", "req_1", 10, 2_000, 0, 100)
            + assistant("10:00:02", "msg_1", "req_1", 10, 2_000, 0, 300)
            + "{\"type\":\"assistant\",\"broken\n"
            + assistant("10:01:00", "msg_2", "req_2", 5, 0, 2_000, 50));
  }

  // msg_1 once, its largest line: input 10 + 2,000 written = 2,010, output 300 → 2,310
  // msg_2: input 5 + 2,000 read = 2,005, output 50 → 2,055; together 4,365
  private static final long CLAUDE_TOTAL = 2_310 + 2_055;

  @Test
  void usageReadsClaudeCodeAloneOrBesideCodexWithTheSameTotals() {
    Cli.Result alone = Cli.run("usage", "--provider", "claude", "--claude-home", claude.toString(), "--since", "all",
        "--format", "tsv", "--by", "provider");
    assertThat(alone.exitCode()).as(alone.describe()).isZero();
    assertThat(alone.err()).contains("Claude Code logs: 1 malformed line and 0 unreadable files left out").contains("s-1.jsonl:5");
    assertThat(tokens(alone.out(), "claude")).isEqualTo(CLAUDE_TOTAL);
    assertThat(tokens(alone.out(), "codex")).isZero();

    Cli.Result both = Cli.run("usage", "--codex-home", ExampleFacts.HOME.toString(), "--claude-home",
        claude.toString(), "--since", "all", "--format", "tsv", "--by", "provider");
    assertThat(both.exitCode()).as(both.describe()).isZero();
    assertThat(tokens(both.out(), "claude")).isEqualTo(CLAUDE_TOTAL);
    assertThat(tokens(both.out(), "codex")).isEqualTo(ExampleFacts.get().tokens());

    Cli.Result codexOnly = Cli.run("usage", "--codex-home", ExampleFacts.HOME.toString(), "--claude-home",
        claude.toString(), "--provider", "codex", "--since", "all", "--format", "tsv", "--by", "provider");
    assertThat(tokens(codexOnly.out(), "claude")).isZero();
    assertThat(tokens(codexOnly.out(), "codex")).isEqualTo(ExampleFacts.get().tokens());

    Cli.Result bad = Cli.run("usage", "--provider", "gemini", "--since", "all");
    assertThat(bad.exitCode()).isEqualTo(ExitCodes.INVALID_INPUT);
    assertThat(bad.err()).contains("--provider must be codex, claude or all");
  }

  /** {@return Σ tokens of the TSV lines split by {@code provider}}. */
  private static long tokens(String tsv, String provider) {
    List<String> lines = tsv.lines().toList();
    List<String> header = List.of(lines.get(0).split("\t"));
    int by = header.indexOf("provider");
    int tokens = header.indexOf("tokens");
    assertThat(by).as(lines.get(0)).isNotNegative();
    assertThat(tokens).as(lines.get(0)).isNotNegative();
    return lines.stream().skip(1).map(l -> l.split("\t", -1)).filter(c -> c[by].equals(provider))
        .mapToLong(c -> Long.parseLong(c[tokens])).sum();
  }

  @Test
  @SuppressWarnings("unchecked")
  void theDashboardShowsBothProvidersAndPricesClaudeAtItsOwnRates() throws IOException {
    Path page = temp.resolve("dash.html");
    Cli.Result r = Cli.run("dashboard", "--codex-home", ExampleFacts.HOME.toString(), "--claude-home",
        claude.toString(), "--since", "all", "--output", page.toString());
    assertThat(r.exitCode()).as(r.describe()).isZero();
    String html = Files.readString(page);
    String json = html.substring(html.indexOf("id=\"wlat-data\">") + "id=\"wlat-data\">".length());
    Map<String, Object> data = Json.object(json.substring(0, json.indexOf("</script>")));
    assertThat((List<String>) data.get("providers")).containsExactly("claude", "codex");
    Map<String, Object> calls = (Map<String, Object>) data.get("calls");
    List<String> columns = (List<String>) calls.get("columns");
    List<List<Object>> claudeRows = ((List<List<Object>>) calls.get("rows")).stream()
        .filter(row -> "claude".equals(row.get(columns.indexOf("provider")))).toList();
    assertThat(claudeRows).hasSize(2);
    // msg_1 on claude-sonnet-4-5: 10 x 3 + 2,000 x 3.75 + 300 x 15 = 30 + 7,500 + 4,500 = 12,030 per million
    List<Object> first = claudeRows.stream().filter(row -> row.get(0).equals("msg_1:req_1")).findFirst().orElseThrow();
    assertThat(first.get(columns.indexOf("tokens"))).isEqualTo(2_310L);
    assertThat(first.get(columns.indexOf("cache_write"))).isEqualTo(2_000L);
    assertThat(new java.math.BigDecimal(first.get(columns.indexOf("cost_usd")).toString()))
        .isEqualByComparingTo("0.01203");
    assertThat(first.get(columns.indexOf("cost_basis"))).isEqualTo("listed");
    assertThat(first.get(columns.indexOf("credits"))).isNull();
  }

  @Test
  void aClaudeCallTakesTheRepositoryCodexRecordedForItsFolderOrOneAbove() throws IOException {
    // a Codex session in /work/api whose recorded remote is acme/api; Claude Code worked in /work/api
    // (the fixture above) and in /work/api/docs, and in /elsewhere, which Codex never saw
    String thread = "0199c000-0000-7000-8000-0000000000c1";
    HandRollout r = HandRollout.on("2026-05-01");
    Path codex = temp.resolve("codex");
    Files.createDirectories(codex.resolve("sessions/2026/05/01"));
    Files.writeString(codex.resolve("sessions/2026/05/01/rollout-2026-05-01T09-00-00-" + thread + ".jsonl"),
        r.envelope("09:00:00", "session_meta", "{\"id\":\"" + thread + "\",\"timestamp\":\"2026-05-01T09:00:00.000Z\","
            + "\"cwd\":\"/work/api\",\"originator\":\"codex_cli_rs\",\"cli_version\":\"0.150.0\",\"source\":\"cli\","
            + "\"git\":{\"commit_hash\":\"abc\",\"branch\":\"main\",\"repository_url\":\"https://github.com/acme/api.git\"}}")
        + r.turnContext("09:00:01", "turn-1", "/work/api", "gpt-5.1-codex")
        + r.tokenCount("09:00:02", HandRollout.usage(100, 0, 10, 0, 110), HandRollout.usage(100, 0, 10, 0, 110)));
    Path more = claude.resolve("projects/-work-api-docs");
    Files.createDirectories(more);
    Files.writeString(more.resolve("s-2.jsonl"), assistant("11:00:00", "msg_3", "req_3", 1, 0, 0, 1)
        .replace("\"s-1\"", "\"s-2\"").replace("\"/work/api\"", "\"/work/api/docs\"")
        + assistant("11:00:01", "msg_4", "req_4", 1, 0, 0, 1).replace("\"s-1\"", "\"s-3\"")
            .replace("\"/work/api\"", "\"/elsewhere\""));

    Cli.Result u = Cli.run("usage", "--codex-home", codex.toString(), "--claude-home", claude.toString(), "--since",
        "all", "--group", "session", "--by", "repo", "--format", "tsv");
    assertThat(u.exitCode()).as(u.describe()).isZero();
    List<String> lines = u.out().lines().toList();
    List<String> header = List.of(lines.get(0).split("\t"));
    int session = header.indexOf("session");
    int repo = header.indexOf("repo");
    assertThat(session).as(lines.get(0)).isNotNegative();
    Map<String, String> repoOf = new java.util.HashMap<>();
    lines.stream().skip(1).map(l -> l.split("\t", -1)).filter(c -> !c[0].equals("total"))
        .forEach(c -> repoOf.put(c[session], c[repo]));
    assertThat(repoOf).containsEntry("s-1", "acme/api").containsEntry("s-2", "acme/api").containsEntry("s-3", "(none)");
  }
}
