package dev.wlat.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wlat.accounting.insights.Thresholds;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.ingest.IngestException;
import dev.wlat.ingest.context.CallContext;
import dev.wlat.model.Charge;
import dev.wlat.model.Privacy;
import dev.wlat.model.TimeWindow;
import java.io.BufferedOutputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * The localhost-only HTTP server behind {@code wlat serve}: bound to 127.0.0.1, every API call needs
 * the server's random token, Host and Origin must name this loopback server, and only the known
 * paths answer (no directory listing, nothing from the file system).
 *
 * <p>{@code GET /health} and {@code GET /} (the dashboard page, which holds no data) answer without
 * the token; {@code GET /api/usage} pages the accounted calls (newest first) with {@code limit},
 * {@code offset} and the filters {@code model}, {@code repo}, {@code provider}; {@code GET /api/dashboard} is the
 * page's data; {@code GET /api/context?event_id=} counts what the log lines before one call hold
 * (when the context API is on); {@code POST /api/refresh} reads what is new.
 */
public final class UsageServer implements AutoCloseable {

  private static final int MAX_LIMIT = 1000;
  private static final JsonFactory JSON = new JsonFactory();
  /** The page's policy: its own inline script and style only, requests to this server only, no frames, no forms. */
  private static final String CSP = "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline';"
      + " img-src data:; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";
  private static final String PAGE = DashboardData.page();
  /**
   * At most this many connections, and as many worker threads (made when needed, gone after 30 s
   * idle): the JDK server reads a request's headers on a worker, so a slow client holds one; with a
   * worker for every connection allowed, slow clients cannot starve the others.
   */
  private static final int CONNECTIONS = 64;

  static {
    // The JDK server's own limits, read once when its first server starts: a request must arrive
    // whole within 10 s and a response be taken within 120 s (a slow or stalled client is dropped,
    // so it cannot hold a worker), at most 100 header lines and 64 KiB of headers, 64 connections.
    limit("sun.net.httpserver.maxReqTime", "10");
    limit("sun.net.httpserver.maxRspTime", "120");
    limit("sun.net.httpserver.maxReqHeaders", "100");
    limit("sun.net.httpserver.maxReqHeaderSize", Integer.toString(64 * 1024));
    limit("jdk.httpserver.maxConnections", Integer.toString(CONNECTIONS));
  }

  private static void limit(String property, String value) {
    if (System.getProperty(property) == null) {
      System.setProperty(property, value);
    }
  }

  private final HttpServer server;
  private final String token;
  private final Backend backend;
  private final Pricing pricing;
  private final boolean contextApi;
  private final ExecutorService workers;

  /**
   * What the server serves: the rows as of now, a refresh, and the dashboard data of the rows.
   *
   * @param current the rows as of the last read
   * @param refresh reads what is new, and says what it read
   * @param dashboard writes the dashboard JSON of some rows
   * @param privacy what the context API may show: text only in {@link Privacy.Mode#NORMAL}
   */
  public record Backend(Supplier<UsageJob.Result> current, Supplier<Refreshed> refresh, Dashboard dashboard,
      Privacy privacy) {

    /** {@return a backend that reads {@code source} whole again on each refresh}, its dashboard from {@code data}. */
    public static Backend rereading(Supplier<UsageJob.Result> source, Dashboard data, Privacy privacy) {
      AtomicReference<UsageJob.Result> rows = new AtomicReference<>(source.get());
      return new Backend(rows::get, () -> {
        UsageJob.Result r = source.get();
        rows.set(r);
        return new Refreshed(r.rows().size(), r.filesRead(), -1);
      }, data, privacy);
    }
  }

  /** Writes the dashboard JSON of some rows to a stream (a response body), leaving it open. */
  @FunctionalInterface
  public interface Dashboard {
    void write(UsageJob.Result rows, OutputStream out) throws IOException;
  }

  /**
   * What a refresh read.
   *
   * @param rows the rows after it
   * @param filesRead the files it read
   * @param bytesRead the bytes it parsed, or -1 when not counted
   */
  public record Refreshed(long rows, long filesRead, long bytesRead) {}

  private UsageServer(HttpServer server, String token, Backend backend, Pricing pricing, boolean contextApi,
      ExecutorService workers) {
    this.server = server;
    this.token = token;
    this.backend = backend;
    this.pricing = pricing;
    this.contextApi = contextApi;
    this.workers = workers;
  }

  /**
   * {@return a started server on 127.0.0.1:{@code port} ({@code 0}: any free port)} over the rows
   * {@code source} reads (again on each refresh), its dashboard with the default thresholds in UTC.
   */
  public static UsageServer start(int port, Supplier<UsageJob.Result> source, Pricing pricing) throws IOException {
    TimeWindow all = TimeWindow.parse("all", null, Instant.EPOCH, ZoneOffset.UTC);
    return start(port, Backend.rereading(source, (r, out) -> DashboardData.of(r, pricing, Thresholds.defaults(),
        Privacy.NORMAL, ZoneOffset.UTC, Instant.now(), all, true).writeJson(out), Privacy.NORMAL), pricing, true);
  }

  /**
   * {@return a started server on 127.0.0.1:{@code port} ({@code 0}: any free port)} over {@code backend};
   * {@code /api/context} answers only when {@code contextApi}.
   */
  public static UsageServer start(int port, Backend backend, Pricing pricing, boolean contextApi) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    ThreadPoolExecutor workers = new ThreadPoolExecutor(CONNECTIONS, CONNECTIONS, 30, TimeUnit.SECONDS,
        new LinkedBlockingQueue<>(), r -> {
          Thread t = new Thread(r, "wlat-serve");
          t.setDaemon(true);
          return t;
        });
    workers.allowCoreThreadTimeOut(true);
    UsageServer s = new UsageServer(http, HexFormat.of().formatHex(raw), backend, pricing, contextApi, workers);
    http.createContext("/", s::handle);
    http.setExecutor(workers);
    http.start();
    return s;
  }

  /** {@return the port it listens on}. */
  public int port() {
    return server.getAddress().getPort();
  }

  /** {@return the token every API call must carry}. */
  public String token() {
    return token;
  }

  @Override
  public void close() {
    server.stop(0);
    workers.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    try {
      serve(x);
    } catch (BadRequest e) {
      send(x, 400, "text/plain", "bad request: " + e.getMessage() + "\n");
    } catch (RuntimeException e) {
      System.err.println("wlat serve: " + x.getRequestMethod() + " " + x.getRequestURI().getRawPath() + " failed: " + e);
      send(x, 500, "text/plain", "internal error: the terminal running wlat serve says why\n");
    } catch (OutOfMemoryError e) {
      System.err.println("wlat serve: out of memory answering " + x.getRequestURI().getRawPath() + "; serve a shorter"
          + " window (--since) or give Java more (WLAT_JAVA_OPTS=\"-Xmx2g ...\")");
      send(x, 503, "text/plain", "out of memory: the terminal running wlat serve says what to do\n");
    } finally {
      x.close();
    }
  }

  /** A request this server cannot read (a bad escape in its query). */
  private static final class BadRequest extends RuntimeException {
    BadRequest(String message) {
      super(message);
    }
  }

  private void serve(HttpExchange x) throws IOException {
    if (!loopback(x.getRequestHeaders().getFirst("Host"), false)
        || !loopback(x.getRequestHeaders().getFirst("Origin"), true)) {
      send(x, 403, "text/plain", "forbidden: only this loopback server's own pages may call it\n");
      return;
    }
    URI uri = x.getRequestURI();
    String path = uri.getRawPath();
    Map<String, String> query = query(uri.getRawQuery());
    switch (path) {
      case "/health" -> send(x, 200, "application/json", "{\"status\":\"ok\"}\n");
      case "/", "/index.html" -> page(x);
      case "/api/usage", "/api/refresh", "/api/dashboard", "/api/context" -> {
        if (!authorized(x, query)) {
          return;
        }
        boolean post = path.equals("/api/refresh");
        if (!x.getRequestMethod().equals(post ? "POST" : "GET")) {
          x.getResponseHeaders().set("Allow", post ? "POST" : "GET");
          send(x, 405, "text/plain", (post ? "POST" : "GET") + " only\n");
          return;
        }
        switch (path) {
          case "/api/refresh" -> {
            Refreshed r = backend.refresh().get();
            send(x, 200, "application/json", "{\"refreshed\":true,\"rows\":" + r.rows() + ",\"files_read\":"
                + r.filesRead() + ",\"bytes_read\":" + r.bytesRead() + "}\n");
          }
          case "/api/dashboard" -> dashboard(x);
          case "/api/context" -> context(x, query);
          default -> usage(x, query);
        }
      }
      default -> send(x, 404, "text/plain", "not found\n");
    }
  }

  /** {@return whether {@code value} (a Host, or an Origin when {@code origin}) names this loopback server}. */
  private boolean loopback(String value, boolean origin) {
    if (value == null) {
      return origin; // a request without Origin is not a browser's cross-site call; Host is always needed
    }
    String v = origin ? value.replaceFirst("^http://", "") : value;
    if (origin && v.equals(value)) {
      return false; // https, file, null …: not this server's page
    }
    int p = port();
    return v.equals("127.0.0.1:" + p) || v.equals("localhost:" + p) || v.equals("[::1]:" + p);
  }

  private boolean authorized(HttpExchange x, Map<String, String> query) throws IOException {
    String given = query.get("token");
    String auth = x.getRequestHeaders().getFirst("Authorization");
    if (auth != null && auth.startsWith("Bearer ")) {
      given = auth.substring("Bearer ".length()).trim();
    }
    if (given == null || given.isEmpty()) {
      send(x, 401, "text/plain", "unauthorized: the server's token is needed (it prints it when it starts)\n");
      return false;
    }
    if (!MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), token.getBytes(StandardCharsets.UTF_8))) {
      send(x, 403, "text/plain", "forbidden: wrong token\n");
      return false;
    }
    return true;
  }

  private void usage(HttpExchange x, Map<String, String> q) throws IOException {
    int limit;
    int offset;
    try {
      limit = q.containsKey("limit") ? Integer.parseInt(q.get("limit")) : 100;
      offset = q.containsKey("offset") ? Integer.parseInt(q.get("offset")) : 0;
    } catch (NumberFormatException e) {
      send(x, 400, "text/plain", "limit and offset must be whole numbers\n");
      return;
    }
    if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
      send(x, 400, "text/plain", "limit must be 1.." + MAX_LIMIT + " and offset 0 or more\n");
      return;
    }
    List<UsageJob.Row> all = new ArrayList<>();
    for (UsageJob.Row r : backend.current().get().rows()) {
      if ((!q.containsKey("model") || q.get("model").equals(r.model()))
          && (!q.containsKey("repo") || q.get("repo").equals(r.repo()))
          && (!q.containsKey("provider") || q.get("provider").equals(r.provider()))) {
        all.add(r);
      }
    }
    all.sort(Comparator.comparing(UsageJob.Row::at).reversed().thenComparing(UsageJob.Row::eventId));
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.writeStartObject();
      g.writeNumberField("total", all.size());
      g.writeNumberField("offset", offset);
      g.writeNumberField("limit", limit);
      g.writeArrayFieldStart("rows");
      for (int i = offset; i < Math.min(all.size(), offset + limit); i++) {
        UsageJob.Row r = all.get(i);
        Charge usd = pricing.price(r.delta(), r.model(), r.at()).usd();
        g.writeStartObject();
        g.writeStringField("event_id", r.eventId());
        g.writeStringField("at", r.at().toString());
        g.writeStringField("provider", r.provider());
        g.writeStringField("thread_id", r.threadId());
        g.writeStringField("model", r.model());
        g.writeStringField("repo", r.repo());
        g.writeNumberField("tokens", r.delta().totalTokens());
        g.writeNumberField("input_tokens", r.delta().inputTokens());
        g.writeNumberField("cached_input_tokens", r.delta().cachedInputTokens());
        g.writeNumberField("output_tokens", r.delta().outputTokens());
        g.writeNumberField("reasoning_output_tokens", r.delta().reasoningOutputTokens());
        if (usd.amount() == null) {
          g.writeNullField("cost_usd");
        } else {
          g.writeNumberField("cost_usd", usd.amount());
        }
        g.writeStringField("cost_basis", usd.basis() == null ? null : usd.basis().label());
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    send(x, 200, "application/json", body.toString(StandardCharsets.UTF_8));
  }

  /**
   * The dashboard JSON, streamed as it is written (a long window's is tens of megabytes: never held
   * whole). The status goes out with the first 64 KiB, so a failure before that still gets its own.
   */
  private void dashboard(HttpExchange x) throws IOException {
    UsageJob.Result now = backend.current().get();
    x.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    OutputStream body = new OutputStream() {
      private OutputStream out;

      private OutputStream out() throws IOException {
        if (out == null) {
          x.sendResponseHeaders(200, 0); // chunked
          out = x.getResponseBody();
        }
        return out;
      }

      @Override
      public void write(int b) throws IOException {
        out().write(b);
      }

      @Override
      public void write(byte[] b, int off, int len) throws IOException {
        out().write(b, off, len);
      }

      @Override
      public void close() throws IOException {
        out().close();
      }
    };
    OutputStream o = new BufferedOutputStream(body, 1 << 16);
    backend.dashboard().write(now, o);
    o.close();
  }

  /** The page: static, no data in it (that comes from {@code /api/dashboard} with the token), no outside request allowed. */
  private static void page(HttpExchange x) throws IOException {
    if (!x.getRequestMethod().equals("GET") && !x.getRequestMethod().equals("HEAD")) {
      send(x, 405, "text/plain", "GET only\n");
      return;
    }
    x.getResponseHeaders().set("Content-Security-Policy", CSP);
    x.getResponseHeaders().set("X-Frame-Options", "DENY");
    x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
    send(x, 200, "text/html", PAGE);
  }

  /** The context of one call: counts by kind; redacted text only when asked, and only in normal privacy mode. */
  private void context(HttpExchange x, Map<String, String> q) throws IOException {
    if (!contextApi) {
      send(x, 404, "text/plain", "not found: the context API is off (wlat serve --no-context-api)\n");
      return;
    }
    String id = q.get("event_id");
    UsageJob.Row row = null;
    for (UsageJob.Row r : backend.current().get().rows()) {
      if (r.eventId().equals(id)) {
        row = r;
        break;
      }
    }
    if (row == null) {
      send(x, 404, "text/plain", "not found: no call with that event_id\n");
      return;
    }
    if (row.sourcePath() == null || row.line() < 1 || !UsageJob.CODEX.equals(row.provider())) {
      send(x, 404, "text/plain", "not found: no log line is known for that call (only Codex calls read from a"
          + " Codex home have one)\n");
      return;
    }
    boolean askedText = "1".equals(q.get("text"));
    boolean text = askedText && backend.privacy().isNormal();
    CallContext.Context c;
    try {
      c = CallContext.of(Path.of(row.sourcePath()), row.line(), text);
    } catch (IngestException e) {
      send(x, 409, "text/plain", "the log changed or cannot be read: refresh and try again\n");
      return;
    }
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    try (JsonGenerator g = JSON.createGenerator(body)) {
      g.writeStartObject();
      g.writeStringField("event_id", row.eventId());
      g.writeNumberField("line", c.line());
      g.writeNumberField("from_line", c.fromLine());
      g.writeNumberField("malformed_lines", c.malformed());
      g.writeArrayFieldStart("lines");
      for (CallContext.Kind k : c.kinds()) {
        g.writeStartObject();
        g.writeStringField("kind", k.kind());
        g.writeNumberField("count", k.count());
        g.writeNumberField("bytes", k.bytes());
        if (k.estimatedTokens() < 0) {
          g.writeNullField("estimated_tokens");
        } else {
          g.writeNumberField("estimated_tokens", k.estimatedTokens());
        }
        if (k.text() != null) {
          g.writeStringField("text", k.text());
        }
        g.writeEndObject();
      }
      g.writeEndArray();
      g.writeStringField("note", "the log lines since the previous token_count row, by kind; tokens estimated with"
          + " jtokkit o200k_base from their text"
          + (text ? "; text redacted and cut to " + CallContext.MAX_TEXT + " characters per kind"
              : askedText ? "; text is not shown in " + backend.privacy().mode().label() + " privacy mode" : ""));
      g.writeEndObject();
    }
    send(x, 200, "application/json", body.toByteArray());
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      try {
        String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
        String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
        q.putIfAbsent(k, v);
      } catch (IllegalArgumentException e) {
        throw new BadRequest("the query has a malformed %-escape");
      }
    }
    return q;
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    send(x, status, type, body.getBytes(StandardCharsets.UTF_8));
  }

  private static void send(HttpExchange x, int status, String type, byte[] b) throws IOException {
    x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    if (x.getRequestMethod().equals("HEAD")) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }
}
