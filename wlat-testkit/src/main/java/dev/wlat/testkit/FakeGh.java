package dev.wlat.testkit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * A fake GitHub CLI for tests: a bash script {@code gh} installed in a directory, which answers
 * {@code gh auth status} and {@code gh api <endpoint>} from recorded JSON files, logs every call and
 * fails on demand, and never touches the network.
 *
 * <p>Its state lives beside it: {@code responses/<key>.json} answers {@code gh api <endpoint>}
 * ({@code <key>} is the endpoint's path with {@code /} as {@code _}; page N &gt; 1 of a hand-paged list
 * is {@code <key>.pageN.json}; a missing file answers {@code []}); {@code fail/<key>} holds a failure
 * mode ({@code 404}, {@code 403}, {@code 401}, {@code ratelimit}, {@code secondary}, {@code 409},
 * {@code 410}, {@code 502}, {@code network}, {@code malformed}, {@code midpage} (the page, then HTTP 502),
 * {@code midpage-network} (the page, then gh's "error connecting to api.github.com"), {@code hang}); an
 * {@code unauthenticated} file makes {@code gh auth status} fail; {@code calls.log} gets one line per
 * run. Put its directory first on {@code PATH}, or run {@link #executable()} directly.
 */
public final class FakeGh {

  private final Path dir;

  private FakeGh(Path dir) {
    this.dir = dir;
  }

  /** {@return a fake gh with no responses, installed in {@code dir} (created when missing)}. */
  public static FakeGh install(Path dir) {
    try {
      Files.createDirectories(dir.resolve("responses"));
      Files.createDirectories(dir.resolve("fail"));
      Path gh = dir.resolve("gh");
      try (InputStream in = FakeGh.class.getResourceAsStream("fake-gh/gh")) {
        if (in == null) {
          throw new IllegalStateException("the fake gh script is missing from wlat-testkit's resources");
        }
        Files.write(gh, in.readAllBytes());
      }
      Files.setPosixFilePermissions(gh, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new FakeGh(dir);
  }

  /** {@return the directory it is installed in}. */
  public Path dir() {
    return dir;
  }

  /** {@return the {@code gh} script}. */
  public Path executable() {
    return dir.resolve("gh");
  }

  /** {@return the environment that points the script at its state (needed only when it is copied elsewhere)}. */
  public Map<String, String> environment() {
    return Map.of("FAKE_GH_DIR", dir.toString());
  }

  private static String key(String endpointPath) {
    return endpointPath.replace('/', '_');
  }

  /** Answers {@code gh api <endpointPath>} with {@code json} from now on. */
  public FakeGh respond(String endpointPath, String json) {
    write(dir.resolve("responses").resolve(key(endpointPath) + ".json"), json);
    return this;
  }

  /** Answers page {@code page} (&gt; 1) of a hand-paged {@code endpointPath} with {@code json}. */
  public FakeGh respondPage(String endpointPath, int page, String json) {
    write(dir.resolve("responses").resolve(key(endpointPath) + ".page" + page + ".json"), json);
    return this;
  }

  /** {@return the recorded response of {@code endpointPath}}. */
  public String response(String endpointPath) {
    return read(dir.resolve("responses").resolve(key(endpointPath) + ".json"));
  }

  /** Forgets the response of {@code endpointPath}: it then answers {@code []}. */
  public FakeGh removeResponse(String endpointPath) {
    try {
      Files.deleteIfExists(dir.resolve("responses").resolve(key(endpointPath) + ".json"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Makes {@code gh api <endpointPath>…} fail in {@code mode} until cleared. */
  public FakeGh fail(String endpointPath, String mode) {
    write(dir.resolve("fail").resolve(key(endpointPath)), mode);
    return this;
  }

  /** Clears every failure set with {@link #fail}. */
  public FakeGh clearFailures() {
    try (Stream<Path> files = Files.list(dir.resolve("fail"))) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Files.delete(f);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return this;
  }

  /** Makes {@code gh auth status} fail. */
  public FakeGh unauthenticated() {
    write(dir.resolve("unauthenticated"), "");
    return this;
  }

  /** {@return the argument lines of every run so far, in order}. */
  public List<String> calls() {
    Path log = dir.resolve("calls.log");
    if (!Files.exists(log)) {
      return List.of();
    }
    return read(log).lines().toList();
  }

  /** {@return the calls made while {@code run} ran}. */
  public List<String> callsOf(Runnable run) {
    int before = calls().size();
    run.run();
    List<String> all = calls();
    return all.subList(before, all.size());
  }

  private static String read(Path p) {
    try {
      return Files.readString(p, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void write(Path p, String text) {
    try {
      Files.writeString(p, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
