package dev.wlat.github;

import dev.wlat.github.internal.GhCall;
import dev.wlat.github.internal.GhInvoker;
import dev.wlat.github.internal.GhProcess;
import dev.wlat.model.GitHubRepo;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the GitHub CLI, {@code gh}: wlat never speaks HTTP to GitHub itself, and never handles a
 * token; gh uses its own login ({@code gh auth login}) or {@code GH_TOKEN}.
 *
 * <p>Each run has a timeout ({@link #DEFAULT_TIMEOUT} unless {@link #withTimeout} says otherwise),
 * after which gh and its children are killed; stdin is closed, and gh is told not to prompt, check
 * for updates or print colours. Instances are immutable and thread-safe.
 */
public final class GhRunner {

  /** How long one run of gh may take: a {@code --paginate} call of a large repository reads many pages. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofMinutes(5);

  /** An environment variable naming the gh executable to use instead of the one on {@code PATH}. */
  public static final String GH_PATH = "GH_PATH";

  private final Path executable;
  private final boolean explicit;
  private final Map<String, String> environment;
  private final Duration timeout;

  private GhRunner(Path executable, boolean explicit, Map<String, String> environment, Duration timeout) {
    this.executable = executable;
    this.explicit = explicit;
    this.environment = Map.copyOf(environment);
    this.timeout = timeout;
  }

  /**
   * {@return a runner of the gh named by {@code $GH_PATH}, else the first {@code gh} on {@code PATH}}.
   * When there is none, {@link #executable()} is empty and running it fails with
   * {@link GitHubException.Kind#GH_MISSING}.
   */
  public static GhRunner onPath() {
    return onPath(System.getenv());
  }

  /** {@return a runner found as {@link #onPath()} does, in the environment {@code env}}. */
  static GhRunner onPath(Map<String, String> env) {
    String override = env.get(GH_PATH);
    if (override != null && !override.isBlank()) {
      try {
        return new GhRunner(Path.of(override), true, Map.of(), DEFAULT_TIMEOUT);
      } catch (InvalidPathException e) {
        return new GhRunner(null, true, Map.of(), DEFAULT_TIMEOUT);
      }
    }
    String path = env.getOrDefault("PATH", "");
    boolean windows = File.separatorChar == '\\';
    for (String dir : path.split(File.pathSeparator)) {
      if (dir.isEmpty()) {
        continue;
      }
      for (String name : windows ? List.of("gh.exe", "gh") : List.of("gh")) {
        try {
          Path candidate = Path.of(dir, name);
          if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
            return new GhRunner(candidate, false, Map.of(), DEFAULT_TIMEOUT);
          }
        } catch (InvalidPathException e) {
          // not a usable PATH entry
        }
      }
    }
    return new GhRunner(null, false, Map.of(), DEFAULT_TIMEOUT);
  }

  /** {@return a runner of the gh at {@code executable}}. */
  public static GhRunner of(Path executable) {
    return new GhRunner(Objects.requireNonNull(executable, "executable"), true, Map.of(), DEFAULT_TIMEOUT);
  }

  /** {@return this runner, also setting {@code variables} in gh's environment (over the inherited ones)}. */
  public GhRunner withEnvironment(Map<String, String> variables) {
    Map<String, String> merged = new HashMap<>(environment);
    merged.putAll(variables);
    return new GhRunner(executable, explicit, merged, timeout);
  }

  /** {@return this runner with each run limited to {@code timeout}}. */
  public GhRunner withTimeout(Duration timeout) {
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("gh timeout must be positive, was [" + timeout + "]");
    }
    return new GhRunner(executable, explicit, environment, timeout);
  }

  /** {@return the executable, if one was found}. */
  public Optional<Path> executable() {
    return Optional.ofNullable(executable);
  }

  /** {@return the timeout of one run}. */
  public Duration timeout() {
    return timeout;
  }

  /**
   * What a run printed and how it exited.
   *
   * @param exitCode gh's exit code
   * @param stdout its standard output
   * @param stderr its standard error (at most 16 K characters)
   */
  public record Result(int exitCode, String stdout, String stderr) {}

  /**
   * {@return the result of running gh with {@code args}}, whatever its exit code.
   *
   * @throws GitHubException {@link GitHubException.Kind#GH_MISSING} when gh cannot be started,
   *     {@link GitHubException.Kind#FAILED} when it does not finish within the timeout
   */
  public Result run(List<String> args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    GhCall call = call(args, in -> in.transferTo(out));
    switch (call.status()) {
      case NOT_STARTED:
        throw missing(null);
      case TIMED_OUT:
        throw GitHubException.of(GitHubException.Kind.FAILED, null, "gh: 'gh " + String.join(" ", args)
            + "' did not finish within " + describe(timeout) + " and was stopped; check the network and rerun,"
            + " or rerun with --skip-github");
      default:
        return new Result(call.exitCode(), out.toString(StandardCharsets.UTF_8), call.stderr());
    }
  }

  /** Runs gh, streaming its stdout to {@code reader}; package-private for the collector. */
  GhCall call(List<String> args, GhInvoker.StdoutReader reader) {
    if (executable == null) {
      return new GhCall(GhCall.Status.NOT_STARTED, -1, "no gh executable", null);
    }
    return GhProcess.run(executable, environment, timeout, args, reader);
  }

  /** {@return the exception saying gh is missing, naming {@code repo} when given}. */
  GitHubException missing(GitHubRepo repo) {
    String what;
    if (!explicit) {
      what = "gh is not installed or not on PATH";
    } else if (executable == null) {
      what = "$" + GH_PATH + " is not a usable path";
    } else {
      what = (repo == null ? "gh: " : "") + executable + ": not found or not executable";
    }
    String where = repo == null ? "" : "gh: " + repo.slug() + ": ";
    return GitHubException.of(GitHubException.Kind.GH_MISSING, repo, where + what
        + "; install GitHub CLI or rerun with --skip-github");
  }

  /** {@return whether the executable exists and may be run}. */
  boolean runnable() {
    return executable != null && Files.isRegularFile(executable) && Files.isExecutable(executable);
  }

  private static String describe(Duration d) {
    return d.toMillis() % 1000 == 0 ? d.toSeconds() + " s" : d.toMillis() + " ms";
  }

  @Override
  public String toString() {
    return "GhRunner[" + (executable == null ? "gh not found" : executable) + ", timeout " + timeout + "]";
  }
}
