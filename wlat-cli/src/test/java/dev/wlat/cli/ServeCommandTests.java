package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code wlat serve} as a user runs it, in its own JVM over real HTTP: the page, its data against the
 * backfill's TSV facts, the context API and its switch, a refresh that reads only new bytes, the
 * privacy mode, {@code --open}; and {@code wlat dashboard}'s static snapshot.
 */
class ServeCommandTests {

  private static final Path EXAMPLE = ExampleFacts.HOME;
  private static final HandRollout R = HandRollout.on("2026-05-01");
  private static final String THREAD = "0199b000-0000-7000-8000-0000000000f1";
  private static final String SECRET = "ghp_" + "Zq8vT3mN5pR7sW9xY2aB4cD6eF8gH0jK1lM3";

  private static long sum(Map<String, Object> data, String name) {
    int c = Json.column(data, name);
    return Json.calls(data).stream().mapToLong(r -> (Long) r.get(c)).sum();
  }

  @Test
  void thePageHoldsNoDataAndTheDashboardDataEqualsTheBackfillFacts() throws Exception {
    try (ServeProcess s = ServeProcess.start("--codex-home", EXAMPLE.toString(), "--since", "all")) {
      HttpResponse<String> page = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create(s.base())).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/html"));
      assertThat(page.headers().firstValue("Content-Security-Policy"))
          .hasValueSatisfying(v -> assertThat(v).contains("default-src 'none'").contains("connect-src 'self'"));
      assertThat(page.body()).contains("__WLAT_DATA__").doesNotContain("gpt-5");
      assertThat(page.body().replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");

      HttpResponse<String> noToken = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
          .newBuilder(java.net.URI.create(s.base() + "api/dashboard")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(noToken.statusCode()).isEqualTo(401);

      HttpResponse<String> answer = s.get("/api/dashboard");
      assertThat(answer.statusCode()).isEqualTo(200);
      Map<String, Object> data = Json.object(answer.body());
      assertThat(data.get("schema")).isEqualTo("wlat-dashboard/1");
      assertThat(data.get("context_api")).isEqualTo(true);
      assertThat(sum(data, "tokens")).isEqualTo(ExampleFacts.get().tokens());
      int cost = Json.column(data, "cost_usd");
      BigDecimal usd = Json.calls(data).stream().map(r -> (BigDecimal) r.get(cost)).filter(java.util.Objects::nonNull)
          .reduce(BigDecimal.ZERO, BigDecimal::add);
      assertThat(usd).isEqualByComparingTo(ExampleFacts.get().usd());
      assertThat((List<?>) data.get("threads")).isNotEmpty();
    }
  }

  private Path home(Path temp, String firstUserText) throws IOException {
    Path home = temp.resolve("home");
    Path file = Files.createDirectories(home.resolve("sessions/2026/05/01"))
        .resolve("rollout-2026-05-01T10-00-00-" + THREAD + ".jsonl");
    Files.writeString(file, R.sessionMeta("10:00:00", THREAD, "/home/alice/secret-project")
        + R.turnContext("10:00:01", "turn-1", "/home/alice/secret-project", "gpt-5.1-codex")
        + R.envelope("10:00:02", "response_item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":"
            + "\"input_text\",\"text\":\"" + firstUserText + "\"}]}")
        + R.envelope("10:00:03", "response_item", "{\"type\":\"function_call\",\"name\":\"shell\",\"arguments\":"
            + "\"{\\\"cmd\\\":\\\"ls\\\"}\",\"call_id\":\"c1\"}")
        + R.envelope("10:00:04", "response_item", "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":"
            + "\"a.txt b.txt\"}")
        + R.tokenCount("10:00:05", HandRollout.usage(1000, 0, 100, 0, 1100), HandRollout.usage(1000, 0, 100, 0, 1100)));
    return home;
  }

  @Test
  void theContextApiCountsTheLinesBeforeACallAndShowsTextOnlyRedactedAndOnlyWhenAsked(@TempDir Path temp)
      throws Exception {
    Path home = home(temp, "please deploy with token " + SECRET + " now");
    try (ServeProcess s = ServeProcess.start("--codex-home", home.toString(), "--since", "all")) {
      Map<String, Object> data = Json.object(s.get("/api/dashboard").body());
      String eventId = (String) Json.calls(data).get(0).get(Json.column(data, "event_id"));

      HttpResponse<String> counts = s.get("/api/context?event_id=" + java.net.URLEncoder.encode(eventId,
          java.nio.charset.StandardCharsets.UTF_8));
      assertThat(counts.statusCode()).as(counts.body()).isEqualTo(200);
      Map<String, Object> c = Json.object(counts.body());
      @SuppressWarnings("unchecked")
      List<Map<String, Object>> lines = (List<Map<String, Object>>) c.get("lines");
      assertThat(lines).extracting(l -> l.get("kind")).containsExactly("session_meta", "turn_context",
          "response_item:message:user", "response_item:function_call", "response_item:function_call_output");
      assertThat(lines).allSatisfy(l -> assertThat(l.get("count")).isEqualTo(1L));
      Map<String, Object> user = lines.get(2);
      assertThat((Long) user.get("estimated_tokens")).isBetween(10L, 60L);
      assertThat(counts.body()).doesNotContain("deploy").doesNotContain(SECRET).doesNotContain("\"text\"");

      String withText = s.get("/api/context?text=1&event_id=" + java.net.URLEncoder.encode(eventId,
          java.nio.charset.StandardCharsets.UTF_8)).body();
      assertThat(withText).contains("please deploy with token").doesNotContain(SECRET);

      assertThat(s.get("/api/context?event_id=nope").statusCode()).isEqualTo(404);
    }
    try (ServeProcess s = ServeProcess.start("--codex-home", home.toString(), "--since", "all", "--no-context-api")) {
      Map<String, Object> data = Json.object(s.get("/api/dashboard").body());
      assertThat(data.get("context_api")).isEqualTo(false);
      String eventId = (String) Json.calls(data).get(0).get(Json.column(data, "event_id"));
      HttpResponse<String> off = s.get("/api/context?event_id=" + java.net.URLEncoder.encode(eventId,
          java.nio.charset.StandardCharsets.UTF_8));
      assertThat(off.statusCode()).isEqualTo(404);
      assertThat(off.body()).contains("context API is off");
    }
  }

  @Test
  void aRefreshReadsOnlyTheAppendedBytes(@TempDir Path temp) throws Exception {
    Path home = home(temp, "hello");
    Path file;
    try (var files = Files.walk(home)) {
      file = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).findFirst().orElseThrow();
    }
    try (ServeProcess s = ServeProcess.start("--codex-home", home.toString(), "--since", "all")) {
      assertThat(sum(Json.object(s.get("/api/dashboard").body()), "tokens")).isEqualTo(1100);
      String turn2 = R.turnContext("10:05:00", "turn-2", "/home/alice/secret-project", "gpt-5.1-codex")
          + R.tokenCount("10:05:02", HandRollout.usage(2000, 1500, 200, 0, 2200), HandRollout.usage(3000, 1500, 300, 0, 3300));
      Files.writeString(file, turn2, StandardOpenOption.APPEND);

      Map<String, Object> refreshed = Json.object(s.post("/api/refresh").body());
      assertThat(refreshed.get("bytes_read")).isEqualTo((long) turn2.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
      assertThat(refreshed.get("rows")).isEqualTo(2L);
      assertThat(sum(Json.object(s.get("/api/dashboard").body()), "tokens")).isEqualTo(1100 + 2200);
      assertThat(Json.object(s.post("/api/refresh").body()).get("bytes_read")).isEqualTo(0L);
      assertThat(s.get("/api/refresh").statusCode()).isEqualTo(405);
    }
  }

  @Test
  void inRedactedModeTheDataHoldsNoLocalPathAndTheContextNoText(@TempDir Path temp) throws Exception {
    Path home = home(temp, "hello there");
    try (ServeProcess s = ServeProcess.start("--codex-home", home.toString(), "--since", "all", "--privacy-mode",
        "redacted")) {
      String body = s.get("/api/dashboard").body();
      Map<String, Object> data = Json.object(body);
      assertThat(data.get("privacy_mode")).isEqualTo("redacted");
      assertThat(body).doesNotContain("alice").doesNotContain("secret-project").doesNotContain(temp.toString());
      String eventId = (String) Json.calls(data).get(0).get(Json.column(data, "event_id"));
      String context = s.get("/api/context?text=1&event_id=" + java.net.URLEncoder.encode(eventId,
          java.nio.charset.StandardCharsets.UTF_8)).body();
      assertThat(context).doesNotContain("hello there").contains("not shown in redacted privacy mode");
    }
  }

  @Test
  void openStartsTheBrowserWithTheTokenLink(@TempDir Path temp) throws Exception {
    Path seen = temp.resolve("seen.txt");
    Path browser = temp.resolve("browser.sh");
    // written whole, then renamed: the test never reads the file half written
    Files.writeString(browser, "#!/bin/sh\necho \"$1\" > '" + seen + ".tmp' && mv '" + seen + ".tmp' '" + seen + "'\n");
    assertThat(browser.toFile().setExecutable(true)).isTrue();
    try (ServeProcess s = ServeProcess.start("--codex-home", home(temp, "x").toString(), "--open", "--browser",
        browser.toString())) {
      for (int i = 0; i < 100 && !Files.exists(seen); i++) {
        TimeUnit.MILLISECONDS.sleep(50);
      }
      assertThat(Files.readString(seen).strip()).isEqualTo(s.link(null));
    }
  }

  @Test
  void dashboardWritesOneSelfContainedPageWhoseDataEqualsTheFactsAndCannotBreakOutOfItsScript(@TempDir Path temp)
      throws IOException {
    Path page = temp.resolve("site/dash.html");
    Cli.Result r = Cli.run("dashboard", "--codex-home", EXAMPLE.toString(), "--since", "all", "--output",
        page.toString());
    assertThat(r.exitCode()).as(r.describe()).isZero();
    assertThat(r.out()).startsWith("wlat dashboard: " + page);
    String html = Files.readString(page);
    assertThat(html).doesNotContain("__WLAT_DATA__");
    assertThat(html.replace("http://www.w3.org/2000/svg", "")).doesNotContain("http://", "https://");
    String json = html.substring(html.indexOf("id=\"wlat-data\">") + "id=\"wlat-data\">".length());
    json = json.substring(0, json.indexOf("</script>"));
    Map<String, Object> data = Json.object(json);
    assertThat(sum(data, "tokens")).isEqualTo(ExampleFacts.get().tokens());
    assertThat(data.get("context_api")).isEqualTo(false);

    Path hostile = home(temp, "x");
    Path moved = hostile.resolveSibling("evil");
    Files.move(hostile, moved);
    String evilCwd = "/w/</script><img src=x onerror=alert(1)>";
    try (var files = Files.walk(moved)) {
      Path f = files.filter(p -> p.toString().endsWith(".jsonl")).findFirst().orElseThrow();
      Files.writeString(f, Files.readString(f).replace("/home/alice/secret-project", evilCwd));
    }
    Cli.Result evil = Cli.run("dashboard", "--codex-home", moved.toString(), "--since", "all", "--output",
        page.toString());
    assertThat(evil.exitCode()).as(evil.describe()).isZero();
    String evilHtml = Files.readString(page);
    assertThat(evilHtml).doesNotContain("</script><img").contains("\\u003C/script\\u003E\\u003Cimg");
  }

  private static Map<String, Object> embedded(Path page) throws IOException {
    String html = Files.readString(page);
    String json = html.substring(html.indexOf("id=\"wlat-data\">") + "id=\"wlat-data\">".length());
    return Json.object(json.substring(0, json.indexOf("</script>")));
  }

  @Test
  void fromTheDataTablesTheDashboardHasTheSameTotalsAndLimitsAsFromTheHome(@TempDir Path temp) throws IOException {
    Path fromHome = temp.resolve("home.html");
    Path fromTables = temp.resolve("tables.html");
    assertThat(Cli.run("dashboard", "--codex-home", EXAMPLE.toString(), "--since", "all", "--output",
        fromHome.toString()).exitCode()).isZero();
    Cli.Result r = Cli.run("dashboard", "--output-root", ExampleFacts.get().outputRoot().toString(), "--since", "all",
        "--output", fromTables.toString());
    assertThat(r.exitCode()).as(r.describe()).isZero();
    Map<String, Object> home = embedded(fromHome);
    Map<String, Object> tables = embedded(fromTables);
    assertThat(sum(tables, "tokens")).isEqualTo(ExampleFacts.get().tokens()).isEqualTo(sum(home, "tokens"));
    assertThat(home.get("limits")).isNotNull();
    assertThat(tables.get("limits")).isEqualTo(home.get("limits"));
  }
}
