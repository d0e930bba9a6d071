package dev.wlat.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A real {@code wlat serve} in its own JVM, on a free loopback port, for the tests that talk to it. */
final class ServeProcess implements AutoCloseable {

  private static final Pattern URL = Pattern.compile("dashboard at (http://127\\.0\\.0\\.1:(\\d+)/)#token=([0-9a-f]{48})");

  private final Process process;
  private final String base;
  private final int port;
  private final String token;
  private final HttpClient http = HttpClient.newHttpClient();

  private ServeProcess(Process process, String base, int port, String token) {
    this.process = process;
    this.base = base;
    this.port = port;
    this.token = token;
  }

  /** {@return a started {@code wlat serve --port 0 args…}}, once it printed its link. */
  static ServeProcess start(String... args) throws IOException {
    List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), Main.class.getName(), "serve", "--port", "0"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).redirectErrorStream(true).start();
    BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
    StringBuilder seen = new StringBuilder();
    String line;
    while ((line = out.readLine()) != null) {
      seen.append(line).append('\n');
      Matcher m = URL.matcher(line);
      if (m.find()) {
        Thread drain = new Thread(() -> {
          try {
            out.transferTo(java.io.Writer.nullWriter());
          } catch (IOException e) {
            // the process ended
          }
        });
        drain.setDaemon(true);
        drain.start();
        return new ServeProcess(p, m.group(1), Integer.parseInt(m.group(2)), m.group(3));
      }
    }
    p.destroyForcibly();
    throw new IllegalStateException("wlat serve did not print its link:\n" + seen);
  }

  /** {@return the page's link with the token in its fragment}. */
  String link(String query) {
    return base + (query == null ? "" : "?" + query) + "#token=" + token;
  }

  String base() {
    return base;
  }

  int port() {
    return port;
  }

  String token() {
    return token;
  }

  /** {@return the answer to {@code GET path} with the token}. */
  HttpResponse<String> get(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
        .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** {@return the answer to {@code POST path} with the token}. */
  HttpResponse<String> post(String path) throws IOException, InterruptedException {
    return http.send(HttpRequest.newBuilder(URI.create(base + path.substring(1)))
        .header("Authorization", "Bearer " + token).POST(HttpRequest.BodyPublishers.noBody()).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(10, TimeUnit.SECONDS)) {
      process.destroyForcibly();
    }
  }
}
