package dev.wlat.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The server over real HTTP on loopback: its token, its Host and Origin checks, its paths and its paging. */
class UsageServerTests {

  private final HttpClient http = HttpClient.newHttpClient();
  private final AtomicInteger reads = new AtomicInteger();
  private UsageServer server;

  /** 25 calls of one thread, a minute apart: call i used 1,000 + i tokens of gpt-5.1-codex (even i) or x (odd). */
  private UsageJob.Result rows() {
    reads.incrementAndGet();
    List<UsageJob.Row> rows = new ArrayList<>();
    for (int i = 0; i < 25; i++) {
      rows.add(new UsageJob.Row("s:" + (i + 1), Instant.parse("2026-05-01T10:00:00Z").plusSeconds(60L * i), "codex",
          "t1", "s", i % 2 == 0 ? "gpt-5.1-codex" : "x", null, "acme/web", "/w", "unknown",
          TokenUsage.of(1000 + i, 0, 0, 0, 1000 + i), null, null, 0));
    }
    return new UsageJob.Result(rows, 1, 1, "test");
  }

  @BeforeEach
  void start() throws IOException {
    server = UsageServer.start(0, this::rows, Pricing.bundled());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String pathAndQuery, String bearer) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + pathAndQuery));
    if (bearer != null) {
      b.header("Authorization", "Bearer " + bearer);
    }
    return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@return the status line of a request sent byte for byte (to forge what HttpClient will not)}. */
  private String raw(String request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      OutputStream o = s.getOutputStream();
      o.write(request.getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = s.getInputStream();
      String response = new String(in.readAllBytes(), StandardCharsets.US_ASCII);
      return response.lines().findFirst().orElse("");
    }
  }

  @Test
  void healthAnswersWithoutTheTokenButTheApiNeedsIt() throws Exception {
    assertThat(get("/health", null).statusCode()).isEqualTo(200);
    assertThat(get("/api/usage", null).statusCode()).isEqualTo(401);
    assertThat(get("/api/usage", "not-the-token").statusCode()).isEqualTo(403);
    assertThat(get("/api/usage?token=" + server.token(), null).statusCode()).isEqualTo(200);
    assertThat(get("/api/usage", server.token()).statusCode()).isEqualTo(200);
  }

  @Test
  void aForeignHostOrOriginIsForbiddenEvenWithTheToken() throws IOException {
    String auth = "Authorization: Bearer " + server.token() + "\r\n";
    int p = server.port();
    assertThat(raw("GET /api/usage HTTP/1.1\r\nHost: 127.0.0.1:" + p + "\r\n" + auth + "Connection: close\r\n\r\n"))
        .contains(" 200 ");
    assertThat(raw("GET /api/usage HTTP/1.1\r\nHost: evil.example:" + p + "\r\n" + auth + "Connection: close\r\n\r\n"))
        .contains(" 403 ");
    assertThat(raw("GET /api/usage HTTP/1.1\r\nHost: 127.0.0.1:" + p + "\r\nOrigin: http://evil.example\r\n" + auth
        + "Connection: close\r\n\r\n")).contains(" 403 ");
    assertThat(raw("GET /api/usage HTTP/1.1\r\nHost: localhost:" + p + "\r\nOrigin: http://localhost:" + p + "\r\n"
        + auth + "Connection: close\r\n\r\n")).contains(" 200 ");
    assertThat(raw("GET /health HTTP/1.0\r\n\r\n")).contains(" 403 "); // no Host at all
  }

  @Test
  void onlyItsOwnPathsAnswerSoTraversalFindsNothing() throws Exception {
    String t = server.token();
    assertThat(get("/../../etc/passwd", t).statusCode()).isEqualTo(404);
    assertThat(get("/api/../../etc/passwd", t).statusCode()).isEqualTo(404);
    assertThat(get("/index.html/../../etc/passwd", t).statusCode()).isEqualTo(404);
    assertThat(get("/dashboard.html", t).statusCode()).isEqualTo(404);
    assertThat(get("/api/", t).statusCode()).isEqualTo(404);
    assertThat(raw("GET /%2e%2e/%2e%2e/etc/passwd HTTP/1.1\r\nHost: 127.0.0.1:" + server.port()
        + "\r\nConnection: close\r\n\r\n")).contains(" 404 ");
  }

  @Test
  void usagePagesTheCallsNewestFirstWithFilters() throws Exception {
    String t = server.token();
    String page = get("/api/usage?limit=10&offset=20", t).body();
    // 25 calls, newest first: offset 20 holds calls 4..0, i.e. event ids s:5 .. s:1
    assertThat(page).startsWith("{\"total\":25,\"offset\":20,\"limit\":10,\"rows\":[{\"event_id\":\"s:5\"");
    assertThat(page.split("\"event_id\"", -1)).hasSize(6);
    String models = get("/api/usage?model=x&limit=1000", t).body();
    assertThat(models).startsWith("{\"total\":12,"); // the odd calls
    assertThat(get("/api/usage?limit=0", t).statusCode()).isEqualTo(400);
    assertThat(get("/api/usage?limit=ten", t).statusCode()).isEqualTo(400);
    // call 24 (s:25): 1,024 uncached input of gpt-5.1-codex x 1.25 per million = 0.00128
    assertThat(get("/api/usage?limit=1", t).body()).contains("\"tokens\":1024").contains("\"cost_usd\":0.00128");
  }

  @Test
  void refreshReadsTheSourceAgainAndOnlyByPost() throws Exception {
    String t = server.token();
    int before = reads.get();
    assertThat(get("/api/refresh", t).statusCode()).isEqualTo(405);
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/refresh")).header("Authorization", "Bearer " + t).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("\"rows\":25");
    assertThat(reads.get()).isEqualTo(before + 1);
  }

  @Test
  void theTokenIsLongAndRandomPerServer() throws IOException {
    try (UsageServer other = UsageServer.start(0, this::rows, Pricing.bundled())) {
      assertThat(server.token()).hasSize(48).matches("[0-9a-f]+").isNotEqualTo(other.token());
    }
  }

  @Test
  void thePageNeedsNoTokenButItsDataDoesAndEachAnswersOnlyItsMethod() throws Exception {
    String t = server.token();
    HttpResponse<String> page = get("/", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(page.body()).doesNotContain("gpt-5.1-codex"); // the data comes only with the token
    assertThat(get("/api/dashboard", null).statusCode()).isEqualTo(401);
    HttpResponse<String> data = get("/api/dashboard", t);
    assertThat(data.statusCode()).isEqualTo(200);
    assertThat(data.body()).startsWith("{\"schema\":\"wlat-dashboard/1\"").contains("gpt-5.1-codex");
    HttpResponse<String> post = http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port()
        + "/api/dashboard")).header("Authorization", "Bearer " + t).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(post.statusCode()).isEqualTo(405);
    assertThat(post.headers().firstValue("Allow")).hasValue("GET");
    // a row without a log line has no context to show
    assertThat(get("/api/context?event_id=s:1", t).statusCode()).isEqualTo(404);
  }
}
