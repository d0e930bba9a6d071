package dev.wlat.cli.serve;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.model.Privacy;
import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The dashboard server under load and abuse, on loopback: many clients at once, malformed
 * requests, oversized headers and bodies, slow clients, a failing backend. It must answer every
 * good request, refuse the bad ones with a status, and not grow.
 */
class UsageServerFaultTests {

  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private UsageServer server;

  /** 2,000 calls over 20 threads. */
  private static UsageJob.Result rows() {
    List<UsageJob.Row> rows = new ArrayList<>();
    for (int i = 0; i < 2_000; i++) {
      rows.add(new UsageJob.Row("e:" + i, Instant.parse("2026-05-01T10:00:00Z").plusSeconds(30L * i), "codex",
          "t" + (i % 20), "s" + (i % 20), "gpt-5.1-codex", "high", "acme/web", "/w", "unknown",
          TokenUsage.of(1000 + i, 500, 100, 10, 1100 + i), 272_000L, null, 0));
    }
    return new UsageJob.Result(rows, 20, 20, "test");
  }

  @BeforeEach
  void start() throws IOException {
    server = UsageServer.start(0, UsageServerFaultTests::rows, Pricing.bundled());
  }

  @AfterEach
  void stop() {
    server.close();
  }

  private HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
        .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + server.token()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  /** {@return the first line the server answers to {@code request}, sent byte for byte}, or "" when it closed. */
  private String raw(byte[] request) throws IOException {
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(15_000);
      OutputStream o = s.getOutputStream();
      try {
        o.write(request);
        o.flush();
      } catch (IOException closedWhileWriting) {
        // the server may close before reading all of an oversized request: that is a refusal too
      }
      InputStream in = s.getInputStream();
      try {
        return new String(in.readAllBytes(), StandardCharsets.ISO_8859_1).lines().findFirst().orElse("");
      } catch (IOException reset) {
        return "";
      }
    }
  }

  private static long heapAfterGc() throws InterruptedException {
    for (int i = 0; i < 3; i++) {
      System.gc();
      TimeUnit.MILLISECONDS.sleep(100);
    }
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  @Test
  @Timeout(60)
  void twentyClientsForTenSecondsGetOnlyGoodAnswersAndNothingGrows() throws Exception {
    get("/api/dashboard"); // warm up: the first dashboard is rendered once
    long heapBefore = heapAfterGc();
    int threadsBefore = ManagementFactory.getThreadMXBean().getThreadCount();
    AtomicLong ok = new AtomicLong();
    AtomicInteger bad = new AtomicInteger();
    List<String> paths = List.of("/api/dashboard", "/api/usage?limit=50&offset=100", "/health", "/");
    ExecutorService clients = Executors.newFixedThreadPool(20);
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    List<Future<?>> done = new ArrayList<>();
    for (int c = 0; c < 20; c++) {
      int me = c;
      done.add(clients.submit(() -> {
        for (int i = 0; System.nanoTime() < end; i++) {
          try {
            HttpResponse<String> r = get(paths.get((me + i) % paths.size()));
            if (r.statusCode() == 200) {
              ok.incrementAndGet();
            } else {
              bad.incrementAndGet();
            }
          } catch (IOException | InterruptedException e) {
            bad.incrementAndGet();
          }
        }
        return null;
      }));
    }
    for (Future<?> f : done) {
      f.get();
    }
    clients.shutdown();

    assertThat(bad.get()).as("failed requests of %d", ok.get() + bad.get()).isZero();
    assertThat(ok.get()).isGreaterThan(200);
    assertThat(heapAfterGc() - heapBefore).as("heap growth after %d requests", ok.get()).isLessThan(32L << 20);
    TimeUnit.MILLISECONDS.sleep(200);
    // the server's workers: at most one per connection allowed, whatever the load
    assertThat(ManagementFactory.getThreadMXBean().getThreadCount() - threadsBefore).isLessThanOrEqualTo(64 + 20);
  }

  @Test
  void malformedRequestsGetAStatusNotASilentClose() throws IOException {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\nConnection: close\r\n";
    assertThat(raw(("GET /api/usage?model=%zz HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.US_ASCII)))
        .contains(" 400 ");
    assertThat(raw("HELLO\r\n\r\n".getBytes(StandardCharsets.US_ASCII))).satisfiesAnyOf(
        line -> assertThat(line).contains(" 400 "), line -> assertThat(line).isEmpty());
    assertThat(raw(("GET /health HTTP/1.1\r\n" + host + "\r\n").getBytes(StandardCharsets.US_ASCII)))
        .contains(" 200 ");
  }

  @Test
  void oversizedHeadersAndBodiesAreRefusedAndTheServerStaysUp() throws Exception {
    String host = "Host: 127.0.0.1:" + server.port() + "\r\n";
    StringBuilder many = new StringBuilder("GET /health HTTP/1.1\r\n" + host);
    for (int i = 0; i < 300; i++) {
      many.append("X-Filler-").append(i).append(": x\r\n");
    }
    assertThat(raw(many.append("\r\n").toString().getBytes(StandardCharsets.US_ASCII))).doesNotContain(" 200 ");
    String huge = "GET /health HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(1 << 20) + "\r\n\r\n";
    assertThat(raw(huge.getBytes(StandardCharsets.US_ASCII))).doesNotContain(" 200 ");

    long heapBefore = heapAfterGc();
    try (Socket s = new Socket("127.0.0.1", server.port())) {
      s.setSoTimeout(15_000);
      OutputStream o = s.getOutputStream();
      o.write(("POST /api/refresh HTTP/1.1\r\n" + host + "Authorization: Bearer " + server.token()
          + "\r\nContent-Length: 104857600\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
      byte[] chunk = new byte[1 << 20];
      try {
        for (int i = 0; i < 100; i++) {
          o.write(chunk);
        }
      } catch (IOException closed) {
        // the server stopped reading a body it does not need: fine
      }
    }
    assertThat(heapAfterGc() - heapBefore).isLessThan(32L << 20); // the 100 MB body was never held
    assertThat(get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  @Timeout(60)
  void slowClientsDoNotStallOthersAndAreDroppedAfterTheRequestTimeLimit() throws Exception {
    List<Socket> slow = new ArrayList<>();
    try {
      for (int i = 0; i < 20; i++) {
        Socket s = new Socket("127.0.0.1", server.port());
        s.getOutputStream().write("GET /health HTTP/1.1\r\nHo".getBytes(StandardCharsets.US_ASCII)); // and no more
        s.getOutputStream().flush();
        slow.add(s);
      }
      TimeUnit.MILLISECONDS.sleep(300);
      long t0 = System.nanoTime();
      assertThat(get("/health").statusCode()).isEqualTo(200);
      assertThat(get("/api/usage?limit=5").statusCode()).isEqualTo(200);
      assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(2));

      // a request that never completes is cut off after 10 s (sun.net.httpserver.maxReqTime)
      Socket first = slow.get(0);
      first.setSoTimeout(20_000);
      long t1 = System.nanoTime();
      int read;
      try {
        read = first.getInputStream().read();
      } catch (IOException reset) {
        read = -1;
      }
      assertThat(read).isEqualTo(-1);
      assertThat(Duration.ofNanos(System.nanoTime() - t1)).isLessThan(Duration.ofSeconds(16));
    } finally {
      for (Socket s : slow) {
        s.close();
      }
    }
  }

  @Test
  void aFailingBackendAnswers500AndTheNextRequestWorks() throws Exception {
    AtomicInteger calls = new AtomicInteger();
    UsageServer.Backend flaky = new UsageServer.Backend(UsageServerFaultTests::rows, () -> {
      if (calls.incrementAndGet() == 1) {
        throw new IllegalStateException("disk went away");
      }
      return new UsageServer.Refreshed(2_000, 0, 0);
    }, (r, out) -> out.write("{}".getBytes(StandardCharsets.UTF_8)), Privacy.NORMAL);
    try (UsageServer s = UsageServer.start(0, flaky, Pricing.bundled(), true)) {
      HttpRequest refresh = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/refresh"))
          .header("Authorization", "Bearer " + s.token()).POST(HttpRequest.BodyPublishers.noBody()).build();
      HttpResponse<String> failed = http.send(refresh, HttpResponse.BodyHandlers.ofString());
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.body()).doesNotContain("disk went away"); // the cause goes to the terminal, not the page
      assertThat(http.send(refresh, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }

  @Test
  void runningOutOfMemoryOnARequestAnswers503AndTheServerGoesOn() throws Exception {
    UsageServer.Backend greedy = new UsageServer.Backend(UsageServerFaultTests::rows,
        () -> new UsageServer.Refreshed(2_000, 0, 0), (r, out) -> {
          throw new OutOfMemoryError("Java heap space");
        }, Privacy.NORMAL);
    try (UsageServer s = UsageServer.start(0, greedy, Pricing.bundled(), true)) {
      HttpRequest dashboard = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/dashboard"))
          .header("Authorization", "Bearer " + s.token()).build();
      HttpResponse<String> r = http.send(dashboard, HttpResponse.BodyHandlers.ofString());
      assertThat(r.statusCode()).isEqualTo(503);
      assertThat(r.body()).contains("out of memory");
      HttpRequest usage = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + "/api/usage?limit=1"))
          .header("Authorization", "Bearer " + s.token()).build();
      assertThat(http.send(usage, HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
    }
  }
}
