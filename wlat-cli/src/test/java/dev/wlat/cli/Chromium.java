package dev.wlat.cli;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Debian's headless Chromium driven through chromedriver's W3C WebDriver protocol (plain JSON over
 * HTTP on loopback, so no client library), for the dashboard's end-to-end tests.
 */
final class Chromium implements AutoCloseable {

  static final Path BROWSER = Path.of("/usr/bin/chromium");
  static final Path DRIVER = Path.of("/usr/bin/chromedriver");
  private static final String ELEMENT = "element-6066-11e4-a52e-4f735466cecf";

  private final Process driver;
  private final String base;
  private final String session;
  private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  private Chromium(Process driver, String base, String session) {
    this.driver = driver;
    this.base = base;
    this.session = session;
  }

  /** {@return whether Chromium and chromedriver are installed here}. */
  static boolean available() {
    return Files.isExecutable(BROWSER) && Files.isExecutable(DRIVER);
  }

  /** {@return a headless browser window of 1280×900, its profile in {@code profile}}. */
  static Chromium start(Path profile) throws IOException, InterruptedException {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Process p = new ProcessBuilder(DRIVER.toString(), "--port=" + port).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
    String base = "http://127.0.0.1:" + port;
    HttpClient http = HttpClient.newHttpClient();
    for (int i = 0; ; i++) {
      try {
        if (http.send(HttpRequest.newBuilder(URI.create(base + "/status")).build(),
            HttpResponse.BodyHandlers.ofString()).body().contains("\"ready\":true")) {
          break;
        }
      } catch (IOException notYet) {
        if (i > 100) {
          p.destroyForcibly();
          throw notYet;
        }
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    // the flags this machine's notes give for a closed network: no background connections, no first-run work
    String args = List.of("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--window-size=1280,900", "--user-data-dir=" + profile).stream()
        .map(a -> "\"" + a + "\"").reduce((a, b) -> a + "," + b).orElseThrow();
    String caps = "{\"capabilities\":{\"alwaysMatch\":{\"browserName\":\"chrome\",\"goog:chromeOptions\":{\"binary\":\""
        + BROWSER + "\",\"args\":[" + args + "]}}}}";
    HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/session"))
        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(caps)).build(),
        HttpResponse.BodyHandlers.ofString());
    Map<String, Object> value = value(r.body());
    Object id = value.get("sessionId");
    if (id == null) {
      p.destroyForcibly();
      throw new IllegalStateException("chromedriver did not start a session: " + r.body());
    }
    return new Chromium(p, base, (String) id);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> value(String body) {
    Object v = Json.object(body).get("value");
    return v instanceof Map ? (Map<String, Object>) v : Map.of("value", v == null ? "" : v);
  }

  private Object call(String method, String path, String json) throws IOException, InterruptedException {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + "/session/" + session + path))
        .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json");
    b = json == null ? b.method(method, HttpRequest.BodyPublishers.noBody())
        : b.method(method, HttpRequest.BodyPublishers.ofString(json));
    HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    Object v = Json.object(r.body()).get("value");
    if (r.statusCode() != 200) {
      throw new IllegalStateException(method + " " + path + ": " + r.statusCode() + " " + r.body());
    }
    return v;
  }

  /** Loads {@code url}. */
  void open(String url) throws IOException, InterruptedException {
    call("POST", "/url", "{\"url\":" + quote(url) + "}");
  }

  /** {@return the current URL}. */
  String url() throws IOException, InterruptedException {
    return (String) call("GET", "/url", null);
  }

  /** {@return what {@code script} (a function body; {@code return} gives the value) returned}. */
  Object js(String script) throws IOException, InterruptedException {
    return call("POST", "/execute/sync", "{\"script\":" + quote(script) + ",\"args\":[]}");
  }

  /** {@return what the async {@code script} passed to its callback {@code arguments[0]}}. */
  Object jsAsync(String script) throws IOException, InterruptedException {
    return call("POST", "/execute/async", "{\"script\":" + quote(script) + ",\"args\":[]}");
  }

  /** Waits up to 15 s for {@code condition} (a JS expression) to be true. */
  void await(String condition) throws IOException, InterruptedException {
    for (int i = 0; i < 150; i++) {
      if (Boolean.TRUE.equals(js("return !!(" + condition + ");"))) {
        return;
      }
      TimeUnit.MILLISECONDS.sleep(100);
    }
    throw new AssertionError("not true after 15 s: " + condition + "; body error: "
        + js("return document.body && document.body.dataset.error || ''"));
  }

  /** Clicks the element {@code css} finds, as a user would. */
  @SuppressWarnings("unchecked")
  void click(String css) throws IOException, InterruptedException {
    Map<String, Object> e = (Map<String, Object>) call("POST", "/element",
        "{\"using\":\"css selector\",\"value\":" + quote(css) + "}");
    call("POST", "/element/" + e.get(ELEMENT) + "/click", "{}");
  }

  /** Saves a screenshot of the window as PNG. */
  void screenshot(Path png) throws IOException, InterruptedException {
    Files.createDirectories(png.toAbsolutePath().getParent());
    Files.write(png, Base64.getDecoder().decode((String) call("GET", "/screenshot", null)));
  }

  static String quote(String s) {
    StringBuilder sb = new StringBuilder("\"");
    for (char c : s.toCharArray()) {
      switch (c) {
        case '"' -> sb.append("\\\"");
        case '\\' -> sb.append("\\\\");
        case '\n' -> sb.append("\\n");
        case '\r' -> sb.append("\\r");
        case '\t' -> sb.append("\\t");
        default -> {
          if (c < 0x20) {
            sb.append(String.format("\\u%04x", (int) c));
          } else {
            sb.append(c);
          }
        }
      }
    }
    return sb.append('"').toString();
  }

  @Override
  public void close() throws InterruptedException {
    try {
      call("DELETE", "", null);
    } catch (IOException | RuntimeException e) {
      // the browser is going away anyway
    }
    driver.destroy();
    if (!driver.waitFor(10, TimeUnit.SECONDS)) {
      driver.destroyForcibly();
    }
  }
}
