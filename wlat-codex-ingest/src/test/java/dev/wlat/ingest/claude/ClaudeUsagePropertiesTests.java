package dev.wlat.ingest.claude;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.TokenUsage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Over random sets of messages, each repeated in up to {@code k} lines with their own counts (as
 * content blocks and resumed sessions repeat them; some all zero), shuffled and split over random
 * files: the result is each message's largest repeat, once, whatever the order and the split.
 */
class ClaudeUsagePropertiesTests {

  private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");

  @TempDir Path dir;
  private final AtomicInteger homes = new AtomicInteger();

  /** One line of a message: its counts and its own timestamp. */
  private record Repeat(String msg, String req, Instant at, long input, long write, long read, long output) {

    long total() {
      return input + write + read + output;
    }

    String line() {
      return ClaudeLines.assistant(msg, req, at.toString(), "claude-opus-4-5-20251101", input, write, read, output);
    }
  }

  private static List<List<Repeat>> messages(Random r, int count, int maxRepeats) {
    List<List<Repeat>> messages = new ArrayList<>();
    for (int m = 0; m < count; m++) {
      List<Repeat> repeats = new ArrayList<>();
      int k = 1 + r.nextInt(maxRepeats);
      for (int i = 0; i < k; i++) {
        // few distinct values, so that equal totals with different fields come up too
        repeats.add(new Repeat("msg_" + m, "req_" + (m % 3), T0.plusSeconds(10L * m).plusMillis(i),
            r.nextInt(4), 1_000L * r.nextInt(3), 1_000L * r.nextInt(3), r.nextInt(5) * 100L));
      }
      messages.add(repeats);
    }
    return messages;
  }

  /** The repeat kept: most tokens; of equal ones, the earliest (each repeat has its own time). */
  private static Repeat largest(List<Repeat> repeats) {
    return repeats.stream()
        .min(Comparator.comparingLong(Repeat::total).reversed().thenComparing(Repeat::at)).orElseThrow();
  }

  /** Writes every repeat, shuffled, into {@code files} files of a new home, and reads it. */
  private ClaudeLog layOutAndRead(List<List<Repeat>> messages, Random r, int files, int threads) {
    List<Repeat> all = new ArrayList<>();
    messages.forEach(all::addAll);
    Collections.shuffle(all, r);
    List<List<String>> contents = new ArrayList<>();
    for (int i = 0; i < files; i++) {
      contents.add(new ArrayList<>());
    }
    for (Repeat rep : all) {
      contents.get(r.nextInt(files)).add(rep.line());
    }
    Path home = dir.resolve("home-" + homes.incrementAndGet());
    try {
      Files.createDirectories(home.resolve("projects"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    for (int i = 0; i < files; i++) {
      ClaudeLines.write(home.resolve("projects"), "-home-u-proj/session-" + i + ".jsonl",
          contents.get(i).toArray(new String[0]));
    }
    return ClaudeUsage.read(ClaudeHome.open(home), null, threads);
  }

  @Test
  void theTotalIsTheSumOfEachMessagesLargestRepeatWhateverTheOrderAndTheSplitOverFiles() {
    qt().withFixedSeed(41L).withExamples(60)
        .forAll(longs().all(), integers().between(1, 12), integers().between(1, 5), integers().between(1, 4))
        .checkAssert((seed, count, maxRepeats, files) -> {
          Random r = new Random(seed);
          List<List<Repeat>> messages = messages(r, count, maxRepeats);
          TokenUsage expected = TokenUsage.ZERO;
          long lines = 0;
          long zeros = 0;
          long calls = 0;
          for (List<Repeat> m : messages) {
            Repeat max = largest(m);
            expected = expected.plus(ClaudeCall.tokenUsage(max.input(), max.write(), max.read(), max.output()));
            lines += m.size();
            zeros += m.stream().filter(rep -> rep.total() == 0).count();
            calls += max.total() > 0 ? 1 : 0; // a message of zero lines only is no call
          }

          ClaudeLog one = layOutAndRead(messages, r, files, 1);
          ClaudeLog other = layOutAndRead(messages, r, 1 + r.nextInt(4), 3);

          for (ClaudeLog log : List.of(one, other)) {
            assertThat(log.total()).isEqualTo(expected);
            assertThat(log.calls()).hasSize((int) calls);
            assertThat(log.usageLines()).isEqualTo(lines);
            assertThat(log.zeroUsageLines()).isEqualTo(zeros);
            assertThat(log.duplicatesMerged()).isEqualTo(lines - zeros - calls);
            assertThat(log.malformedLines()).isZero();
          }
          // the same calls, repeat for repeat, from either layout (only file and line differ)
          assertThat(other.calls()).extracting(ClaudeCall::id, ClaudeCall::at, ClaudeCall::usage)
              .containsExactlyElementsOf(one.calls().stream()
                  .map(c -> org.assertj.core.groups.Tuple.tuple(c.id(), c.at(), c.usage())).toList());
        });
  }
}
