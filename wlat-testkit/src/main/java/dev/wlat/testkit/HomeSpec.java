package dev.wlat.testkit;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What {@link CodexHomeGenerator} should generate: everything is derived from these values, so the
 * same spec always yields the same rollout bytes.
 *
 * <p>Build one with {@link #builder()}; {@link #defaults()} is a small, feature-complete home.
 *
 * <p>Sessions work either in a git {@link Repo} or in a {@link PlainDir}, a directory that is in no
 * git repository at all (such as {@code ~/Downloads}). Regular sessions pick a repo; the few
 * sessions of each plain directory come from a random stream of their own, so adding or removing
 * plain directories leaves every other session's bytes as they were.
 *
 * @param seed the seed every random choice derives from
 * @param start the first UTC day with sessions
 * @param days how many consecutive UTC days get sessions (features may spill a few days past)
 * @param repos the git repositories sessions work in; at least one
 * @param plainDirs the directories outside every git repository that some sessions work in; may
 *     be empty
 * @param sessionsPerDay regular sessions per day, ignored when {@code targetBytes > 0}
 * @param turnsPerSession turns per regular session
 * @param callsPerTurn model calls per turn; all but the last call a tool
 * @param payloadBytes the approximate size of one tool output, where most bytes go
 * @param targetBytes when positive, the approximate size of the whole home: sessions are added day
 *     by day until it is reached, and {@code sessionsPerDay} is ignored
 * @param features the awkward cases to include
 * @param codexHomePath the absolute home path written into {@code state_5.sqlite}'s
 *     {@code rollout_path}, as if the home had been copied from that machine
 */
public record HomeSpec(
    long seed,
    LocalDate start,
    int days,
    List<Repo> repos,
    List<PlainDir> plainDirs,
    Range sessionsPerDay,
    Range turnsPerSession,
    Range callsPerTurn,
    int payloadBytes,
    long targetBytes,
    Set<Feature> features,
    String codexHomePath) {

  public HomeSpec {
    Objects.requireNonNull(start, "start");
    if (days < 1 || days > 3660) {
      throw new IllegalArgumentException("days [%d] must be in 1..3660".formatted(days));
    }
    repos = List.copyOf(repos);
    if (repos.isEmpty()) {
      throw new IllegalArgumentException("repos must not be empty");
    }
    plainDirs = List.copyOf(plainDirs);
    Set<String> plainCwds = new HashSet<>();
    for (PlainDir p : plainDirs) {
      if (!plainCwds.add(p.cwd())) {
        throw new IllegalArgumentException("plain directory [%s] is listed twice".formatted(p.cwd()));
      }
      for (Repo r : repos) {
        if (isWithin(p.cwd(), r.cwd())) {
          throw new IllegalArgumentException(
              "plain directory [%s] must not lie in repo [%s] at [%s]".formatted(p.cwd(), r.name(), r.cwd()));
        }
      }
    }
    Objects.requireNonNull(sessionsPerDay, "sessionsPerDay");
    Objects.requireNonNull(turnsPerSession, "turnsPerSession");
    Objects.requireNonNull(callsPerTurn, "callsPerTurn");
    if (turnsPerSession.min() < 1 || callsPerTurn.min() < 1) {
      throw new IllegalArgumentException(
          "turnsPerSession [%s] and callsPerTurn [%s] must start at 1 or more".formatted(turnsPerSession, callsPerTurn));
    }
    if (payloadBytes < 16 || payloadBytes > 4_000_000) {
      throw new IllegalArgumentException("payloadBytes [%d] must be in 16..4000000".formatted(payloadBytes));
    }
    if (targetBytes < 0) {
      throw new IllegalArgumentException("targetBytes [%d] must be >= 0".formatted(targetBytes));
    }
    features = features.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(features));
    Objects.requireNonNull(codexHomePath, "codexHomePath");
  }

  /** {@return whether {@code path} is {@code dir} or below it, compared component by component}. */
  private static boolean isWithin(String path, String dir) {
    String d = dir.replaceAll("/+$", "");
    String p = path.replaceAll("/+$", "");
    return p.equals(d) || p.startsWith(d + "/");
  }

  /** {@return whether {@code feature} is on}. */
  public boolean has(Feature feature) {
    return features.contains(feature);
  }

  /**
   * {@return a small home: seed 7, six weeks from 2026-09-01, four repos, two plain directories,
   * all features}.
   */
  public static HomeSpec defaults() {
    return builder().build();
  }

  /** {@return a builder holding the {@link #defaults()}}. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@return a builder holding this spec's values}. */
  public Builder toBuilder() {
    Builder b = new Builder();
    b.seed = seed;
    b.start = start;
    b.days = days;
    b.repos = new ArrayList<>(repos);
    b.plainDirs = new ArrayList<>(plainDirs);
    b.sessionsPerDay = sessionsPerDay;
    b.turnsPerSession = turnsPerSession;
    b.callsPerTurn = callsPerTurn;
    b.payloadBytes = payloadBytes;
    b.targetBytes = targetBytes;
    b.features = features.isEmpty() ? EnumSet.noneOf(Feature.class) : EnumSet.copyOf(features);
    b.codexHomePath = codexHomePath;
    return b;
  }

  /** The default repositories: three on GitHub (two URL styles) and one with no remote. */
  public static List<Repo> defaultRepos() {
    return List.of(
        Repo.github("acme/payments-api", "/home/dev/src/payments-api", "https://github.com/acme/payments-api.git"),
        Repo.github("acme/web-console", "/home/dev/src/web-console", "git@github.com:acme/web-console.git"),
        Repo.github("widgets-inc/ledger-core", "/home/dev/work/ledger-core", "https://github.com/widgets-inc/ledger-core"),
        Repo.local("scratch-notes", "/home/dev/scratch/notes"));
  }

  /**
   * The default plain directories, two to four sessions each: {@code /home/dev/Downloads} and
   * {@code /home/dev/experiments/llm-eval}.
   */
  public static List<PlainDir> defaultPlainDirs() {
    return List.of(
        PlainDir.of("/home/dev/Downloads", 2, 4),
        PlainDir.of("/home/dev/experiments/llm-eval", 2, 4));
  }

  // ------------------------------------------------------------------------------------------
  // Parts
  // ------------------------------------------------------------------------------------------

  /**
   * A git repository sessions work in (see {@link PlainDir} for a directory that is in none).
   *
   * @param name {@code owner/name} for a GitHub repo, a local name otherwise
   * @param cwd the local working directory Codex records
   * @param remoteUrl the {@code origin} URL, or {@code null} when the repo has no remote
   */
  public record Repo(String name, String cwd, String remoteUrl) {
    public Repo {
      Objects.requireNonNull(name, "name");
      if (cwd == null || !cwd.startsWith("/")) {
        throw new IllegalArgumentException("cwd [%s] must be absolute".formatted(cwd));
      }
    }

    /** {@return a repo with a GitHub remote}. */
    public static Repo github(String slug, String cwd, String remoteUrl) {
      if (!slug.matches("[A-Za-z0-9_.-]+/[A-Za-z0-9_.-]+")) {
        throw new IllegalArgumentException("GitHub slug [%s] must be owner/name".formatted(slug));
      }
      return new Repo(slug, cwd, Objects.requireNonNull(remoteUrl, "remoteUrl"));
    }

    /** {@return a repo with no remote}. */
    public static Repo local(String name, String cwd) {
      return new Repo(name, cwd, null);
    }

    /** {@return whether the repo has an {@code origin} remote}. */
    public boolean hasRemote() {
      return remoteUrl != null;
    }
  }

  /**
   * A working directory in no git repository: its sessions record a {@code cwd} but no {@code git}
   * object, their state-DB rows have null git columns, their {@link ThreadTruth#repo()} is
   * {@code null}, and {@link ExampleRepos} writes no repository for it.
   *
   * <p>Its sessions are ordinary regular sessions (turns, re-emits and all), on days and at times
   * drawn from a random stream of their own; how many does not depend on {@code days},
   * {@code sessionsPerDay} or {@code targetBytes}.
   *
   * @param cwd the absolute working directory Codex records; not inside any {@link Repo#cwd()}
   * @param sessions how many sessions work there over the whole home
   */
  public record PlainDir(String cwd, Range sessions) {
    public PlainDir {
      if (cwd == null || !cwd.startsWith("/")) {
        throw new IllegalArgumentException("cwd [%s] must be absolute".formatted(cwd));
      }
      Objects.requireNonNull(sessions, "sessions");
    }

    /** {@return a plain directory with {@code minSessions..maxSessions} sessions}. */
    public static PlainDir of(String cwd, int minSessions, int maxSessions) {
      return new PlainDir(cwd, Range.of(minSessions, maxSessions));
    }
  }

  /**
   * An inclusive range of counts.
   *
   * @param min the smallest value, at least 0
   * @param max the largest value, at least {@code min}
   */
  public record Range(int min, int max) {
    public Range {
      if (min < 0 || max < min) {
        throw new IllegalArgumentException("Range [%d..%d] must have 0 <= min <= max".formatted(min, max));
      }
    }

    /** {@return the range {@code min..max}}. */
    public static Range of(int min, int max) {
      return new Range(min, max);
    }

    @Override
    public String toString() {
      return min + ".." + max;
    }
  }

  /** Builds a {@link HomeSpec}; starts from the {@link #defaults()}. */
  public static final class Builder {
    private long seed = 7;
    private LocalDate start = LocalDate.of(2026, 9, 1);
    private int days = 42;
    private List<Repo> repos = new ArrayList<>(defaultRepos());
    private List<PlainDir> plainDirs = new ArrayList<>(defaultPlainDirs());
    private Range sessionsPerDay = Range.of(0, 2);
    private Range turnsPerSession = Range.of(1, 6);
    private Range callsPerTurn = Range.of(1, 5);
    private int payloadBytes = 1536;
    private long targetBytes = 0;
    private EnumSet<Feature> features = EnumSet.allOf(Feature.class);
    private String codexHomePath = "/home/dev/.codex";

    private Builder() {}

    public Builder seed(long seed) {
      this.seed = seed;
      return this;
    }

    public Builder start(LocalDate start) {
      this.start = start;
      return this;
    }

    public Builder days(int days) {
      this.days = days;
      return this;
    }

    public Builder repos(Collection<Repo> repos) {
      this.repos = new ArrayList<>(repos);
      return this;
    }

    /** Replaces the plain directories; an empty collection means every session works in a repo. */
    public Builder plainDirs(Collection<PlainDir> plainDirs) {
      this.plainDirs = new ArrayList<>(plainDirs);
      return this;
    }

    public Builder sessionsPerDay(int min, int max) {
      this.sessionsPerDay = Range.of(min, max);
      return this;
    }

    public Builder turnsPerSession(int min, int max) {
      this.turnsPerSession = Range.of(min, max);
      return this;
    }

    public Builder callsPerTurn(int min, int max) {
      this.callsPerTurn = Range.of(min, max);
      return this;
    }

    public Builder payloadBytes(int payloadBytes) {
      this.payloadBytes = payloadBytes;
      return this;
    }

    public Builder targetBytes(long targetBytes) {
      this.targetBytes = targetBytes;
      return this;
    }

    /** Replaces the feature set; an empty array turns every feature off. */
    public Builder features(Feature... features) {
      this.features = EnumSet.noneOf(Feature.class);
      this.features.addAll(List.of(features));
      return this;
    }

    public Builder with(Feature feature) {
      features.add(feature);
      return this;
    }

    public Builder without(Feature feature) {
      features.remove(feature);
      return this;
    }

    public Builder codexHomePath(String codexHomePath) {
      this.codexHomePath = codexHomePath;
      return this;
    }

    public HomeSpec build() {
      return new HomeSpec(seed, start, days, repos, plainDirs, sessionsPerDay, turnsPerSession, callsPerTurn,
          payloadBytes, targetBytes, features, codexHomePath);
    }
  }
}
