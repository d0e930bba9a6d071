package dev.wlat.github;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The testkit's fake {@code gh} ({@link dev.wlat.testkit.FakeGh}) loaded with the recorded responses
 * of acme/api in {@code fake-gh/responses}, which a test may change, fail or replace.
 */
final class FakeGh {

  final Path dir;
  final Path executable;
  private final dev.wlat.testkit.FakeGh gh;

  private FakeGh(dev.wlat.testkit.FakeGh gh) {
    this.gh = gh;
    this.dir = gh.dir();
    this.executable = gh.executable();
  }

  /** {@return a fake gh with the recorded responses of acme/api, installed in {@code dir}}. */
  static FakeGh install(Path dir) {
    dev.wlat.testkit.FakeGh gh = dev.wlat.testkit.FakeGh.install(dir);
    try {
      Path source = Path.of(FakeGh.class.getResource("fake-gh/responses").toURI());
      try (Stream<Path> files = Files.list(source)) {
        for (Path f : (Iterable<Path>) files::iterator) {
          Files.copy(f, dir.resolve("responses").resolve(f.getFileName()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
    return new FakeGh(gh);
  }

  /** {@return a runner of this fake gh}. */
  GhRunner runner() {
    return GhRunner.of(executable).withEnvironment(gh.environment());
  }

  FakeGh fail(String endpointPath, String mode) {
    gh.fail(endpointPath, mode);
    return this;
  }

  FakeGh clearFailures() {
    gh.clearFailures();
    return this;
  }

  FakeGh unauthenticated() {
    gh.unauthenticated();
    return this;
  }

  String response(String endpointPath) {
    return gh.response(endpointPath);
  }

  FakeGh respond(String endpointPath, String json) {
    gh.respond(endpointPath, json);
    return this;
  }

  FakeGh respondPage(String endpointPath, int page, String json) {
    gh.respondPage(endpointPath, page, json);
    return this;
  }

  FakeGh removeResponse(String endpointPath) {
    gh.removeResponse(endpointPath);
    return this;
  }

  List<String> calls() {
    return gh.calls();
  }

  List<String> callsOf(Runnable run) {
    return gh.callsOf(run);
  }

  static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static String resource(String name) {
    try (InputStream in = FakeGh.class.getResourceAsStream(name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
