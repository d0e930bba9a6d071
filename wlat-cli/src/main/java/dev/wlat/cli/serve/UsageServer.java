package dev.wlat.cli.serve;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.wlat.accounting.pricing.Pricing;
import dev.wlat.cli.job.UsageJob;
import dev.wlat.model.Charge;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.function.Supplier;

/**
 * The localhost-only HTTP server behind {@code wlat serve}: bound to 127.0.0.1, every API call needs
 * the server's random token, Host and Origin must name this loopback server, and only the known
 * paths answer (no directory listing, nothing from the file system).
 *
 * <p>{@code GET /health} answers without the token; {@code GET /api/usage} pages the accounted calls
 * (newest first) with {@code limit}, {@code offset} and the filters {@code model}, {@code repo};
 * {@code POST /api/refresh} reads the Codex home again.
 */
public final class UsageServer implements AutoCloseable {

  private static final int MAX_LIMIT = 1000;
  private static final JsonFactory JSON = new JsonFactory();

  private final HttpServer server;
  private final String token;
  private final Supplier<UsageJob.Result> source;
  private final Pricing pricing;
  private volatile UsageJob.Result rows;

  private UsageServer(HttpServer server, String token, Supplier<UsageJob.Result> source, Pricing pricing) {
    this.server = server;
    this.token = token;
    this.source = source;
    this.pricing = pricing;
    this.rows = source.get();
  }

  /**
   * {@return a started server on 127.0.0.1:{@code port} ({@code 0}: any free port)} over the rows
   * {@code source} reads (again on each refresh).
   */
  public static UsageServer start(int port, Supplier<UsageJob.Result> source, Pricing pricing) throws IOException {
    HttpServer http = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 16);
    byte[] raw = new byte[24];
    new SecureRandom().nextBytes(raw);
    UsageServer s = new UsageServer(http, HexFormat.of().formatHex(raw), source, pricing);
    http.createContext("/", s::handle);
    http.setExecutor(Executors.newFixedThreadPool(4, r -> {
      Thread t = new Thread(r, "wlat-serve");
      t.setDaemon(true);
      return t;
    }));
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
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
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
        case "/api/usage", "/api/refresh" -> {
          if (!authorized(x, query)) {
            return;
          }
          if (path.equals("/api/refresh")) {
            if (!x.getRequestMethod().equals("POST")) {
              send(x, 405, "text/plain", "POST only\n");
              return;
            }
            rows = source.get();
            send(x, 200, "application/json", "{\"refreshed\":true,\"rows\":" + rows.rows().size() + "}\n");
            return;
          }
          usage(x, query);
        }
        default -> send(x, 404, "text/plain", "not found\n");
      }
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
    for (UsageJob.Row r : rows.rows()) {
      if ((!q.containsKey("model") || q.get("model").equals(r.model()))
          && (!q.containsKey("repo") || q.get("repo").equals(r.repo()))) {
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

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null || raw.isEmpty()) {
      return q;
    }
    for (String part : raw.split("&")) {
      int eq = part.indexOf('=');
      String k = URLDecoder.decode(eq < 0 ? part : part.substring(0, eq), StandardCharsets.UTF_8);
      String v = eq < 0 ? "" : URLDecoder.decode(part.substring(eq + 1), StandardCharsets.UTF_8);
      q.putIfAbsent(k, v);
    }
    return q;
  }

  private static void send(HttpExchange x, int status, String type, String body) throws IOException {
    byte[] b = body.getBytes(StandardCharsets.UTF_8);
    x.getResponseHeaders().set("Content-Type", type + "; charset=utf-8");
    x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
    x.getResponseHeaders().set("Cache-Control", "no-store");
    x.sendResponseHeaders(status, b.length);
    try (OutputStream o = x.getResponseBody()) {
      o.write(b);
    }
  }
}
