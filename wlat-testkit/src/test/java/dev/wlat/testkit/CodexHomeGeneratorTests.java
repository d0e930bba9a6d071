package dev.wlat.testkit;

import static dev.wlat.testkit.Rollouts.obj;
import static dev.wlat.testkit.Rollouts.tokenCount;
import static dev.wlat.testkit.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.testkit.Rollouts.Line;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CodexHomeGeneratorTests {
  @TempDir static Path tmp;
  static Path home;
  static GroundTruth truth;

  @BeforeAll
  static void generate() throws IOException {
    home = tmp.resolve("codex");
    truth = CodexHomeGenerator.generate(HomeSpec.defaults(), home);
  }

  // ------------------------------------------------------------------------------------------
  // Determinism
  // ------------------------------------------------------------------------------------------

  @Test
  void sameSeedGivesByteIdenticalFiles() throws IOException {
    Path again = tmp.resolve("again");
    GroundTruth t2 = CodexHomeGenerator.generate(HomeSpec.defaults(), again);
    List<Path> a = allFiles(home);
    List<Path> b = allFiles(again);
    assertThat(b.stream().map(p -> Rollouts.rel(again, p)).toList())
        .isEqualTo(a.stream().map(p -> Rollouts.rel(home, p)).toList());
    for (Path p : a) {
      String rel = Rollouts.rel(home, p);
      if (!rel.endsWith(".sqlite")) {
        assertThat(Files.readAllBytes(again.resolve(rel))).as(rel).isEqualTo(Files.readAllBytes(p));
      }
    }
    assertThat(t2.toJson()).isEqualTo(truth.toJson().replace(home.toString(), again.toString()));
  }

  @Test
  void differentSeedGivesDifferentHome() throws IOException {
    GroundTruth other = CodexHomeGenerator.generate(HomeSpec.builder().seed(8).days(5).build(), tmp.resolve("s8"));
    GroundTruth same = CodexHomeGenerator.generate(HomeSpec.builder().seed(7).days(5).build(), tmp.resolve("s7"));
    assertThat(other.total()).isNotEqualTo(same.total());
  }

  @Test
  void refusesNonEmptyHome() {
    assertThatThrownBy(() -> CodexHomeGenerator.generate(HomeSpec.defaults(), home))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("must be empty");
  }

  // ------------------------------------------------------------------------------------------
  // Line shapes
  // ------------------------------------------------------------------------------------------

  @Test
  void everyLineIsValidJsonExceptThePlantedOnes() throws IOException {
    int malformed = 0;
    int truncated = 0;
    for (Path p : Rollouts.rolloutFiles(home)) {
      FileTruth f = truth.file(Rollouts.rel(home, p)).orElseThrow();
      int bad = 0;
      int partial = 0;
      for (Line l : Rollouts.lines(p)) {
        if (!l.complete()) {
          partial++;
        } else if (!l.valid()) {
          bad++;
        }
      }
      assertThat(bad).as(f.path()).isEqualTo(f.malformedLines());
      assertThat(partial).as(f.path()).isEqualTo(f.truncatedLines());
      malformed += bad;
      truncated += partial;
    }
    assertThat(malformed).isEqualTo(1);
    assertThat(truncated).isEqualTo(1);
  }

  @Test
  void envelopesAreCompactAndOrdered() throws IOException {
    for (Path p : Rollouts.rolloutFiles(home)) {
      FileTruth f = truth.file(Rollouts.rel(home, p)).orElseThrow();
      if (f.role() == FileTruth.Role.LEGACY) {
        continue;
      }
      for (Line l : Rollouts.lines(p)) {
        if (l.valid()) {
          assertThat(l.text()).matches("\\{\"timestamp\":\"\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z\","
              + "\"type\":\"[a-z_]+\",\"payload\":\\{\"[a-z_]+\":.*\\}\\}");
          assertThat(new ArrayList<>(l.map().keySet())).containsExactly("timestamp", "type", "payload");
        }
      }
    }
  }

  @Test
  void fileNamesCarryUtcTimeAndUuidV7OfTheThread() throws IOException {
    for (ThreadTruth t : truth.threads()) {
      if (t.kind() == ThreadTruth.Kind.LEGACY) {
        continue;
      }
      String first = t.files().get(0);
      String name = first.substring(first.lastIndexOf('/') + 1);
      String stamp = name.substring("rollout-".length(), "rollout-".length() + 19);
      Instant fromName = Instant.parse(stamp.substring(0, 13) + ":" + stamp.substring(14, 16) + ":"
          + stamp.substring(17, 19) + "Z");
      assertThat(fromName).isEqualTo(t.createdAt().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
      assertThat(name).contains(t.threadId());
      long ms = Long.parseLong(t.threadId().replace("-", "").substring(0, 12), 16);
      assertThat(ms).isEqualTo(t.createdAt().toEpochMilli());
      assertThat(t.threadId().charAt(14)).isEqualTo('7');
      LocalDate d = LocalDate.ofInstant(t.createdAt(), ZoneOffset.UTC);
      if (first.startsWith("sessions/")) {
        assertThat(first).startsWith(String.format("sessions/%04d/%02d/%02d/", d.getYear(), d.getMonthValue(),
            d.getDayOfMonth()));
      }
    }
  }

  // ------------------------------------------------------------------------------------------
  // Token consistency
  // ------------------------------------------------------------------------------------------

  @Test
  void totalsAreConsistentMonotoneExceptPlantedResetsAndLastIsTheDifference() throws IOException {
    for (Path p : Rollouts.rolloutFiles(home)) {
      FileTruth f = truth.file(Rollouts.rel(home, p)).orElseThrow();
      long[] prev = null;
      int drops = 0;
      for (Line l : Rollouts.lines(p)) {
        Map<String, Object> tc = tokenCount(l);
        if (tc == null || tc.get("info") == null) {
          continue;
        }
        long[] total = usage(obj(tc.get("info"), "total_token_usage"));
        long[] last = usage(obj(tc.get("info"), "last_token_usage"));
        assertThat(total[4]).as(f.path()).isEqualTo(total[0] + total[2]);
        assertThat(total[1]).isLessThanOrEqualTo(total[0]);
        assertThat(total[3]).isLessThanOrEqualTo(total[2]);
        boolean compaction = last[0] == 0 && last[2] == 0 && last[4] > 0;
        if (!compaction) {
          assertThat(last[4]).isEqualTo(last[0] + last[2]);
        }
        if (prev != null) {
          if (total[4] < prev[4]) {
            drops++;
            assertThat(last).as("a drop restarts counting: " + f.path()).isEqualTo(total);
          } else if (total[4] > prev[4]) {
            for (int i = 0; i < 5; i++) {
              assertThat(last[i]).as(f.path()).isEqualTo(total[i] - prev[i]);
            }
          }
        }
        prev = total;
      }
      if (f.tokenUsageRecords() == 0) {
        assertThat(drops).as(f.path()).isEqualTo(f.cumulativeResets());
      } else {
        assertThat(drops).as("per-turn totals restart each turn").isPositive();
      }
    }
  }

  @Test
  void rowClassesMatchTheFiles() throws IOException {
    for (Path p : Rollouts.rolloutFiles(home)) {
      FileTruth f = truth.file(Rollouts.rel(home, p)).orElseThrow();
      int rows = 0;
      int nulls = 0;
      int records = 0;
      long naive = 0;
      for (Line l : Rollouts.lines(p)) {
        Map<String, Object> tc = tokenCount(l);
        if (tc != null) {
          rows++;
          if (tc.get("info") == null) {
            nulls++;
          } else {
            naive += usage(obj(tc.get("info"), "last_token_usage"))[4];
          }
        }
        if (l.valid() && "token_usage_record".equals(l.map().get("type"))) {
          records++;
        }
      }
      assertThat(rows).as(f.path()).isEqualTo(f.tokenCountRows());
      assertThat(records).as(f.path()).isEqualTo(f.tokenUsageRecords());
      assertThat(naive).as(f.path()).isEqualTo(f.naiveLastUsageSum().total());
      if (f.replayedRows() == 0) {
        assertThat(nulls).as(f.path()).isEqualTo(f.infoNullRows());
      }
    }
  }

  @Test
  void naiveSumIsTheSumOfLastUsageOverPlainRollouts() throws IOException {
    long naive = 0;
    for (Path p : Rollouts.rolloutFiles(home)) {
      if (p.toString().endsWith(".zst")) {
        continue;
      }
      for (Line l : Rollouts.lines(p)) {
        Map<String, Object> tc = tokenCount(l);
        if (tc != null && tc.get("info") != null) {
          naive += usage(obj(tc.get("info"), "last_token_usage"))[4];
        }
      }
    }
    assertThat(truth.naiveSum().total()).isEqualTo(naive);
    assertThat(naive).isGreaterThan(truth.total().total() * 3 / 2);
  }

  // ------------------------------------------------------------------------------------------
  // Ground truth, recomputed independently
  // ------------------------------------------------------------------------------------------

  @Test
  void groundTruthEqualsAnIndependentRecomputation() throws IOException {
    Map<String, SortedMap<LocalDate, Usage>> recomputed = Recompute.perThreadPerUtcDay(home);
    Map<String, SortedMap<LocalDate, Usage>> expected = new TreeMap<>();
    for (ThreadTruth t : truth.threads()) {
      if (!t.usage().equals(Usage.ZERO)) {
        expected.put(t.threadId(), t.usageByUtcDay());
      }
    }
    recomputed.values().removeIf(SortedMap::isEmpty);
    assertThat(recomputed).isEqualTo(expected);
  }

  @Test
  void incrementsSumToTheTotalAndDaysToo() {
    Usage sum = Usage.ZERO;
    for (UsageIncrement i : truth.increments()) {
      sum = sum.plus(i.usage());
    }
    assertThat(sum).isEqualTo(truth.total());
    Usage days = truth.byUtcDay().values().stream().reduce(Usage.ZERO, Usage::plus);
    assertThat(days).isEqualTo(truth.total());
    Usage tokyo = truth.byDay(java.time.ZoneId.of("Asia/Tokyo")).values().stream().reduce(Usage.ZERO, Usage::plus);
    assertThat(tokyo).isEqualTo(truth.total());
  }

  @Test
  void everyFeatureIsPresent() {
    List<FileTruth> files = truth.files();
    assertThat(files).extracting(FileTruth::role).contains(FileTruth.Role.values());
    assertThat(truth.threads()).extracting(ThreadTruth::kind).contains(ThreadTruth.Kind.values());
    assertThat(files.stream().mapToInt(FileTruth::compactionRows).sum()).isEqualTo(1);
    assertThat(files.stream().mapToInt(FileTruth::cumulativeResets).sum()).isEqualTo(1);
    assertThat(files.stream().mapToInt(FileTruth::duplicateTokenUsageRecords).sum()).isEqualTo(1);
    assertThat(files.stream().mapToInt(FileTruth::replayedRows).sum()).isPositive();
    assertThat(truth.byModel()).containsKeys("gpt-5-codex", "gpt-5.1-codex-max", "gpt-5.2");
    assertThat(truth.threads()).anyMatch(t -> t.gitOriginUrl() == null && t.kind() != ThreadTruth.Kind.LEGACY);
    assertThat(truth.threads()).anyMatch(t -> !LocalDate.ofInstant(t.createdAt(), ZoneOffset.UTC)
        .equals(LocalDate.ofInstant(t.updatedAt(), ZoneOffset.UTC)));
    assertThat(truth.threads().size()).isBetween(40, 80);
    assertThat(truth.homeBytes()).isBetween(1L << 20, 5L << 20);
  }

  @Test
  void forkChildReplaysItsParentAndContinuesItsTotal() {
    ThreadTruth child = truth.threads().stream().filter(t -> t.kind() == ThreadTruth.Kind.FORK).findFirst()
        .orElseThrow();
    ThreadTruth parent = truth.thread(child.parentThreadId()).orElseThrow();
    assertThat(child.replayedUsage()).isEqualTo(parent.finalCumulativeTotal());
    assertThat(child.finalCumulativeTotal()).isEqualTo(parent.finalCumulativeTotal().plus(child.usage()));
  }

  // ------------------------------------------------------------------------------------------
  // Side files and secrets
  // ------------------------------------------------------------------------------------------

  @Test
  void stateDbListsThreadsWithTheirLastTotals() throws Exception {
    Map<String, Long> tokens = new HashMap<>();
    Set<String> titles = new HashSet<>();
    int edges;
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("state_5.sqlite"));
        Statement s = c.createStatement()) {
      try (ResultSet r = s.executeQuery("SELECT id, tokens_used, title, rollout_path FROM threads")) {
        while (r.next()) {
          tokens.put(r.getString(1), r.getLong(2));
          titles.add(r.getString(3));
          assertThat(r.getString(4)).startsWith("/home/dev/.codex/");
        }
      }
      try (ResultSet r = s.executeQuery("SELECT count(*) FROM thread_spawn_edges")) {
        edges = r.getInt(1);
      }
    }
    assertThat(edges).isEqualTo(1);
    for (ThreadTruth t : truth.threads()) {
      if (t.kind() != ThreadTruth.Kind.LEGACY) {
        assertThat(tokens.get(t.threadId())).as(t.threadId()).isEqualTo(t.finalCumulativeTotal().total());
      }
    }
    assertThat(titles).anyMatch(title -> title.contains(truth.plantedSecrets().get(0).value()));
  }

  @Test
  void plantedSecretsAreInTheHomeButNotInCwdsOrBranches() throws IOException {
    assertThat(truth.plantedSecrets()).hasSizeGreaterThanOrEqualTo(7);
    StringBuilder all = new StringBuilder();
    for (Path p : allFiles(home)) {
      if (!p.toString().endsWith(".sqlite")) {
        all.append(new String(Rollouts.bytes(p), StandardCharsets.UTF_8));
      }
    }
    for (String s : truth.plantedSecretValues()) {
      assertThat(all).as(s).contains(s);
      for (ThreadTruth t : truth.threads()) {
        assertThat(t.cwd() + " " + t.gitBranch() + " " + t.repo() + " " + t.threadName()).doesNotContain(s);
      }
    }
    assertThat(all).contains("-----BEGIN RSA PRIVATE KEY-----");
  }

  @Test
  void sessionIndexAndHistoryAgreeWithTruth() throws IOException {
    Map<String, String> names = new LinkedHashMap<>();
    for (String line : Files.readAllLines(home.resolve("session_index.jsonl"))) {
      Map<?, ?> m = (Map<?, ?>) Rollouts.parseOrNull(line);
      names.put((String) m.get("id"), (String) m.get("thread_name"));
    }
    Map<String, Integer> history = new HashMap<>();
    for (String line : Files.readAllLines(home.resolve("history.jsonl"))) {
      Map<?, ?> m = (Map<?, ?>) Rollouts.parseOrNull(line);
      history.merge((String) m.get("session_id"), 1, Integer::sum);
    }
    for (ThreadTruth t : truth.threads()) {
      assertThat(names.get(t.threadId())).isEqualTo(t.threadName());
      assertThat(history.getOrDefault(t.threadId(), 0)).isEqualTo(t.historyLines());
    }
    assertThat(Rollouts.parseOrNull(Files.readString(home.resolve("process_manager/chat_processes.json"))))
        .isInstanceOf(List.class);
  }

  @Test
  void truthJsonIsValidJson(@TempDir Path dir) throws IOException {
    Path f = dir.resolve("truth.json");
    truth.writeJson(f);
    @SuppressWarnings("unchecked")
    Map<String, Object> m = (Map<String, Object>) Rollouts.parseOrNull(Files.readString(f));
    assertThat(m).containsKeys("total", "by_utc_day", "files", "threads", "planted_secrets",
        "naive_sum_of_last_token_usage");
    assertThat(((Map<?, ?>) m.get("total")).get("total_tokens")).isEqualTo(truth.total().total());
  }

  // ------------------------------------------------------------------------------------------
  // Plain directories (no git)
  // ------------------------------------------------------------------------------------------

  @Test
  void eachPlainDirectoryGetsItsRangeOfRegularSessions() {
    assertThat(truth.spec().plainDirs()).extracting(HomeSpec.PlainDir::cwd)
        .containsExactly("/home/dev/Downloads", "/home/dev/experiments/llm-eval");
    for (HomeSpec.PlainDir d : truth.spec().plainDirs()) {
      List<ThreadTruth> in = truth.threads().stream().filter(t -> t.cwd().equals(d.cwd())).toList();
      assertThat(in).as(d.cwd()).hasSizeBetween(d.sessions().min(), d.sessions().max());
      assertThat(in).as(d.cwd()).allSatisfy(t -> {
        assertThat(t.kind()).isEqualTo(ThreadTruth.Kind.ROOT);
        assertThat(t.repo()).isNull();
        assertThat(t.turns()).isPositive();
        assertThat(t.usage().total()).isPositive();
        assertThat(t.files()).singleElement().matches(f -> f.startsWith("sessions/"));
      });
    }
    assertThat(truth.threads()).filteredOn(t -> t.repo() == null)
        .hasSize(truth.threads().stream().filter(t -> isPlain(t.cwd())).toList().size());
  }

  @Test
  void plainDirectorySessionsRecordACwdButNoGit() throws Exception {
    List<ThreadTruth> plain = truth.threads().stream().filter(t -> t.repo() == null).toList();
    assertThat(plain).isNotEmpty();
    for (ThreadTruth t : plain) {
      assertThat(t.gitBranch()).isNull();
      assertThat(t.gitOriginUrl()).isNull();
      Line first = Rollouts.lines(home.resolve(t.files().get(0))).get(0);
      Map<String, Object> meta = obj(first.value(), "payload");
      assertThat(first.map().get("type")).isEqualTo("session_meta");
      assertThat(meta.get("cwd")).isEqualTo(t.cwd());
      assertThat(meta).doesNotContainKey("git");
    }
    try (Connection c = DriverManager.getConnection("jdbc:sqlite:" + home.resolve("state_5.sqlite"));
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT id, cwd, git_sha, git_branch, git_origin_url FROM threads")) {
      int rows = 0;
      while (r.next()) {
        if (isPlain(r.getString(2))) {
          rows++;
          assertThat(truth.thread(r.getString(1)).orElseThrow().repo()).isNull();
          assertThat(new Object[] {r.getString(3), r.getString(4), r.getString(5)}).containsOnlyNulls();
        }
      }
      assertThat(rows).isEqualTo(plain.size());
    }
    assertThat(truth.threads()).filteredOn(t -> t.repo() != null).allMatch(t -> !isPlain(t.cwd()));
  }

  @Test
  void plainDirectoriesLeaveEveryOtherRolloutAsItWas() throws IOException {
    Path without = tmp.resolve("no-plain");
    Path with = tmp.resolve("with-plain");
    GroundTruth a = CodexHomeGenerator.generate(HomeSpec.builder().days(10).plainDirs(List.of()).build(), without);
    GroundTruth b = CodexHomeGenerator.generate(HomeSpec.builder().days(10).build(), with);
    assertThat(a.threads()).noneMatch(t -> t.repo() == null);
    List<ThreadTruth> added = b.threads().stream().filter(t -> t.repo() == null).toList();
    assertThat(added).isNotEmpty();
    assertThat(b.threads()).hasSize(a.threads().size() + added.size());
    for (ThreadTruth t : a.threads()) {
      assertThat(b.thread(t.threadId())).as(t.threadId()).contains(t);
    }
    Set<String> addedFiles = new HashSet<>();
    added.forEach(t -> addedFiles.addAll(t.files()));
    List<Path> bFiles = allFiles(with);
    List<String> aNames = allFiles(without).stream().map(p -> Rollouts.rel(without, p)).toList();
    assertThat(bFiles.stream().map(p -> Rollouts.rel(with, p)).filter(f -> !addedFiles.contains(f)))
        .containsExactlyElementsOf(aNames);
    Set<String> addedIds = new HashSet<>();
    added.forEach(t -> addedIds.add(t.threadId()));
    for (String rel : aNames) {
      if (rel.endsWith(".sqlite") || rel.equals("process_manager/chat_processes.json")) {
        continue; // the process manager lists the newest threads, which may now be plain ones
      }
      byte[] mine = Files.readAllBytes(with.resolve(rel));
      if (rel.equals("session_index.jsonl") || rel.equals("history.jsonl")) {
        // the added threads' lines are interleaved by time; every other line is as it was
        List<String> kept = new ArrayList<>();
        for (String line : new String(mine, StandardCharsets.UTF_8).split("\n")) {
          if (addedIds.stream().noneMatch(line::contains)) {
            kept.add(line);
          }
        }
        assertThat(String.join("\n", kept) + "\n").as(rel).isEqualTo(Files.readString(without.resolve(rel)));
      } else {
        assertThat(mine).as(rel).isEqualTo(Files.readAllBytes(without.resolve(rel)));
      }
    }
  }

  private static boolean isPlain(String cwd) {
    return truth.spec().plainDirs().stream().anyMatch(d -> d.cwd().equals(cwd));
  }

  // ------------------------------------------------------------------------------------------
  // Toggles, size and speed
  // ------------------------------------------------------------------------------------------

  @Test
  void featuresCanBeTurnedOff() throws IOException {
    Path h = tmp.resolve("plain");
    GroundTruth t = CodexHomeGenerator.generate(HomeSpec.builder().days(10).features().build(), h);
    assertThat(h.resolve("archived_sessions")).doesNotExist();
    assertThat(h.resolve("state_5.sqlite")).doesNotExist();
    assertThat(t.files()).allMatch(f -> f.role() == FileTruth.Role.LIVE && f.reEmittedRows() == 0
        && f.replayedRows() == 0 && f.malformedLines() == 0 && f.truncatedLines() == 0);
    assertThat(t.naiveSum().total()).isEqualTo(t.total().total());
    Map<String, SortedMap<LocalDate, Usage>> recomputed = Recompute.perThreadPerUtcDay(h);
    for (ThreadTruth th : t.threads()) {
      assertThat(recomputed.get(th.threadId())).isEqualTo(th.usageByUtcDay());
    }
  }

  @Test
  void targetBytesIsReachedWithinFifteenPercent() throws IOException {
    long target = 5L << 20;
    Path h = tmp.resolve("five");
    GroundTruth t = CodexHomeGenerator.generate(HomeSpec.builder().seed(3).targetBytes(target).build(), h);
    long onDisk = 0;
    for (Path p : allFiles(h)) {
      onDisk += Files.size(p);
    }
    assertThat(onDisk).isEqualTo(t.homeBytes());
    assertThat((double) onDisk).isBetween(target * 0.85, target * 1.15);
  }

  @Test
  void fiftyMegabytesTakeLessThanTenSeconds() throws IOException {
    long target = 50L << 20;
    long t0 = System.nanoTime();
    GroundTruth t = CodexHomeGenerator.generate(
        HomeSpec.builder().seed(11).payloadBytes(8192).targetBytes(target).build(), tmp.resolve("fifty"));
    double secs = (System.nanoTime() - t0) / 1e9;
    System.out.printf("[wlat-testkit] generated %,d bytes (%d threads) in %.2f s%n", t.homeBytes(),
        t.threads().size(), secs);
    assertThat(secs).isLessThan(10);
    assertThat((double) t.homeBytes()).isBetween(target * 0.85, target * 1.15);
  }

  private static List<Path> allFiles(Path root) throws IOException {
    try (Stream<Path> s = Files.walk(root)) {
      return s.filter(Files::isRegularFile).sorted().toList();
    }
  }
}
