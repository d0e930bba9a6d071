package dev.wlat.github.internal;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Runs the {@code gh} executable once: arguments as given (never a token: gh reads its own
 * credentials), stdin closed, stdout streamed to a reader, stderr captured, killed with its children
 * after a timeout. Public for {@code dev.wlat.github}; not part of wlat's API.
 *
 * <p>Every run sets {@code GH_PROMPT_DISABLED}, {@code GH_NO_UPDATE_NOTIFIER}, {@code GH_SPINNER_DISABLED}
 * and {@code NO_COLOR}, so gh never waits for input, checks for updates or prints escape codes.
 */
public final class GhProcess {

  /** The most of a run's stderr kept. */
  public static final int MAX_STDERR_CHARS = 16 * 1024;

  private static final long STDERR_GRACE_MILLIS = 5_000;

  private static final Map<String, String> QUIET = Map.of(
      "GH_PROMPT_DISABLED", "1",
      "GH_NO_UPDATE_NOTIFIER", "1",
      "GH_SPINNER_DISABLED", "1",
      "NO_COLOR", "1",
      "CLICOLOR", "0");

  private GhProcess() {}

  /**
   * {@return how running {@code executable} with {@code args} ended}; {@code reader} reads its
   * stdout while it runs, and whatever it leaves unread is drained.
   *
   * @throws IllegalStateException if the calling thread is interrupted (the process is killed)
   */
  public static GhCall run(Path executable, Map<String, String> environment, Duration timeout, List<String> args,
      GhInvoker.StdoutReader reader) {
    List<String> command = new ArrayList<>(args.size() + 1);
    command.add(executable.toString());
    command.addAll(args);
    ProcessBuilder pb = new ProcessBuilder(command);
    pb.environment().putAll(QUIET);
    pb.environment().putAll(environment);
    Process process;
    try {
      process = pb.start();
    } catch (IOException | UnsupportedOperationException e) {
      return new GhCall(GhCall.Status.NOT_STARTED, -1, String.valueOf(e.getMessage()), null);
    }
    AtomicBoolean timedOut = new AtomicBoolean();
    Thread watchdog = new Thread(() -> {
      try {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
          timedOut.set(true);
          kill(process);
        }
      } catch (InterruptedException e) {
        // the run ended first
      }
    }, "gh-watchdog");
    watchdog.setDaemon(true);
    StderrCollector stderr = new StderrCollector(process.getErrorStream());
    boolean finished = false;
    try {
      closeQuietly(process.getOutputStream());
      watchdog.start();
      stderr.start();
      IOException readFailure = null;
      try (InputStream out = process.getInputStream()) {
        try {
          reader.read(out);
        } catch (IOException e) {
          readFailure = e;
        }
        out.transferTo(OutputStream.nullOutputStream());
      } catch (IOException e) {
        readFailure = readFailure == null ? e : readFailure;
      }
      int code = process.waitFor();
      stderr.join(STDERR_GRACE_MILLIS);
      finished = true;
      return new GhCall(timedOut.get() ? GhCall.Status.TIMED_OUT : GhCall.Status.EXITED, code, stderr.text(),
          readFailure);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while gh was running", e);
    } finally {
      if (!finished) {
        kill(process);
      }
      watchdog.interrupt();
    }
  }

  private static void closeQuietly(OutputStream stdin) {
    try {
      stdin.close();
    } catch (IOException e) {
      // gh may already have exited; it reads nothing anyway
    }
  }

  private static void kill(Process process) {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly();
  }

  /** Reads stderr on its own thread so a chatty gh never blocks on a full pipe. */
  private static final class StderrCollector extends Thread {
    private final InputStream in;
    private final ByteArrayOutputStream kept = new ByteArrayOutputStream();

    StderrCollector(InputStream in) {
      super("gh-stderr");
      setDaemon(true);
      this.in = in;
    }

    @Override
    public void run() {
      byte[] buf = new byte[4096];
      try (in) {
        int n;
        while ((n = in.read(buf)) >= 0) {
          int room = MAX_STDERR_CHARS * 4 - kept.size();
          if (room > 0) {
            kept.write(buf, 0, Math.min(n, room));
          }
        }
      } catch (IOException e) {
        // the process went away; keep what was read
      }
    }

    String text() {
      String s = kept.toString(StandardCharsets.UTF_8);
      return s.length() > MAX_STDERR_CHARS ? s.substring(0, MAX_STDERR_CHARS) : s;
    }
  }
}
