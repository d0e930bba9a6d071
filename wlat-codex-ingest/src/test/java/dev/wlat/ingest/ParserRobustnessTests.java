package dev.wlat.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.model.IssueKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of the parser on damaged input, over generated realistic files: it never throws, it
 * keeps every token row it was not robbed of, and it counts what it could not read, as kinds that
 * damage can give.
 */
class ParserRobustnessTests {

  private static final int EXAMPLES = 150;

  /** What damaged bytes can be reported as; never oversized lines or read errors. */
  private static final Set<IssueKind> DAMAGE_KINDS = EnumSet.of(IssueKind.MALFORMED_JSON,
      IssueKind.TRUNCATED_LAST_LINE, IssueKind.INVALID_ENCODING, IssueKind.INVALID_NUMBER,
      IssueKind.INVALID_TIMESTAMP, IssueKind.MISSING_FIELD, IssueKind.UNKNOWN_LINE_TYPE,
      IssueKind.UNKNOWN_EVENT_SHAPE, IssueKind.NO_SESSION_META, IssueKind.LEGACY_FORMAT);

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void randomByteCorruptionNeverThrowsAndKeepsEveryIntactTokenRow() {
    qt().withFixedSeed(7L).withExamples(EXAMPLES)
        .forAll(longs().all(), lists().of(longs().all()).ofSizeBetween(1, 4))
        .checkAssert((seed, corruptions) -> {
          GeneratedRollout g = GeneratedRollout.of(seed);
          byte[] bytes = g.bytes();
          boolean[] touched = new boolean[bytes.length];
          for (long c : corruptions) {
            int at = (int) Math.floorMod(c, (long) bytes.length);
            bytes[at] = (byte) (c >>> 40);
            touched[at] = true;
          }
          RolloutSegment s = parse(bytes);

          List<Long> intact = g.lines().stream()
              .filter(l -> l.token() && !touchedAround(touched, l))
              .map(GeneratedRollout.Line::total).toList();
          assertThat(totals(s)).containsAll(intact);
          byte[] original = g.bytes();
          long surelyBroken = g.lines().stream()
              .filter(l -> l.token() && surelyBroken(original, bytes, touched, l)).count();
          assertThat(s.diagnostics().total()).isGreaterThanOrEqualTo(surelyBroken);
          assertThat(s.diagnostics().counts().keySet()).isSubsetOf(DAMAGE_KINDS);
        });
  }

  @Test
  @Timeout(60)
  void invalidBytesInTokenRowsAreCountedOncePerRowAndDropOnlyThoseRows() {
    qt().withFixedSeed(23L).withExamples(EXAMPLES)
        .forAll(longs().all(), integers().between(1, 6))
        .checkAssert((seed, count) -> {
          GeneratedRollout g = GeneratedRollout.of(seed);
          byte[] bytes = g.bytes();
          Random r = new Random(seed * 31 + count);
          List<GeneratedRollout.Line> tokenLines = g.lines().stream()
              .filter(GeneratedRollout.Line::token).toList();
          Set<Integer> hit = r.ints(count, 0, tokenLines.size()).boxed()
              .collect(Collectors.toSet());
          for (int k : hit) {
            GeneratedRollout.Line l = tokenLines.get(k);
            int[] type = payloadTypeValue(bytes, l);
            int at;
            do {
              at = l.start() + r.nextInt(l.end() - l.start());
            } while (at >= type[0] && at < type[1]);
            // Never valid in UTF-8 amid ASCII: NUL, a lone continuation byte, or 0xF8..0xFF.
            int[] invalid = {0x00, 0x80 + r.nextInt(0x40), 0xF8 + r.nextInt(8)};
            bytes[at] = (byte) invalid[r.nextInt(invalid.length)];
          }
          RolloutSegment s = parse(bytes);

          List<Long> kept = new ArrayList<>();
          for (int k = 0; k < tokenLines.size(); k++) {
            if (!hit.contains(k)) {
              kept.add(tokenLines.get(k).total());
            }
          }
          assertThat(totals(s)).isEqualTo(kept);
          assertThat(s.diagnostics().total()).isEqualTo(hit.size());
          assertThat(s.diagnostics().counts().keySet()).isSubsetOf(EnumSet.of(
              IssueKind.INVALID_ENCODING, IssueKind.MALFORMED_JSON, IssueKind.UNKNOWN_LINE_TYPE));
          assertThat(s.segment().lineCount()).isEqualTo(g.lines().size());
        });
  }

  @Test
  @Timeout(30)
  void fileCutAtEveryByteOffsetKeepsTheCompleteRowsBeforeTheCut() {
    GeneratedRollout g = smallRollout();
    byte[] bytes = g.bytes();
    assertThat(bytes.length).isBetween(2_000, 8_000);
    assertThat(g.tokenTotals()).hasSizeGreaterThanOrEqualTo(3);
    Path file = Rollouts.write(dir.resolve(GeneratedRollout.FILE_NAME), bytes);
    RolloutParser parser = RolloutParser.create();
    long started = System.nanoTime();
    // From the end down, cutting the one file shorter each time.
    for (int cut = bytes.length; cut >= 0; cut--) {
      int at = cut;
      truncate(file, cut);
      RolloutSegment s = parser.parse(RolloutFile.of(file));

      List<Long> expected = g.lines().stream()
          .filter(l -> l.token() && l.end() <= at)
          .map(GeneratedRollout.Line::total).toList();
      boolean partial = g.lines().stream().anyMatch(l -> l.start() < at && at < l.end());
      long lines = g.lines().stream().filter(l -> l.start() < at).count();
      assertThat(totals(s)).as("cut at %d", cut).isEqualTo(expected);
      assertThat(s.diagnostics().counts()).as("cut at %d", cut)
          .isEqualTo(partial ? Map.of(IssueKind.TRUNCATED_LAST_LINE, 1L) : Map.of());
      assertThat(s.segment().lineCount()).as("cut at %d", cut).isEqualTo(lines);
    }
    System.out.printf("a rollout of %d bytes cut at each of its %d offsets in %d ms%n",
        bytes.length, bytes.length + 1, (System.nanoTime() - started) / 1_000_000);
  }

  @Test
  @Timeout(60)
  void fileCutAtAnyOffsetKeepsCompleteRowsAndReportsTheCutLine() {
    qt().withFixedSeed(11L).withExamples(EXAMPLES)
        .forAll(longs().all(), integers().allPositive())
        .checkAssert((seed, cutSeed) -> {
          GeneratedRollout g = GeneratedRollout.of(seed);
          byte[] bytes = g.bytes();
          int cut = cutSeed % (bytes.length + 1);
          RolloutSegment s = parse(Arrays.copyOf(bytes, cut));

          List<Long> expected = g.lines().stream()
              .filter(l -> l.token() && l.end() <= cut)
              .map(GeneratedRollout.Line::total).toList();
          boolean partial = g.lines().stream().anyMatch(l -> l.start() < cut && cut < l.end());
          assertThat(totals(s)).isEqualTo(expected);
          assertThat(s.diagnostics().counts()).isEqualTo(
              partial ? Map.of(IssueKind.TRUNCATED_LAST_LINE, 1L) : Map.of());
        });
  }

  @Test
  @Timeout(60)
  void insertedGarbageLinesAreEachCountedOnceAndChangeNoRow() {
    qt().withFixedSeed(13L).withExamples(EXAMPLES)
        .forAll(longs().all(), integers().between(1, 5))
        .checkAssert((seed, count) -> {
          GeneratedRollout g = GeneratedRollout.of(seed);
          byte[] bytes = g.bytes();
          Random r = new Random(seed ^ count);
          Set<Integer> after = r.ints(count, 0, g.lines().size()).boxed()
              .collect(Collectors.toSet());
          ByteArrayOutputStream out = new ByteArrayOutputStream();
          List<Long> garbageLines = new ArrayList<>();
          for (int i = 0; i < g.lines().size(); i++) {
            GeneratedRollout.Line l = g.lines().get(i);
            out.write(bytes, l.start(), l.end() - l.start() + 1);
            if (after.contains(i)) {
              garbageLines.add(i + 2L + garbageLines.size());
              out.write('x');
              for (int k = r.nextInt(200); k > 0; k--) {
                int b = r.nextInt(256);
                out.write(b == '\n' ? ' ' : b);
              }
              out.write('\n');
            }
          }
          RolloutSegment s = parse(out.toByteArray());

          assertThat(totals(s)).isEqualTo(g.tokenTotals());
          assertThat(s.diagnostics().total()).isEqualTo(after.size());
          assertThat(s.diagnostics().counts().keySet())
              .isSubsetOf(EnumSet.of(IssueKind.MALFORMED_JSON, IssueKind.INVALID_ENCODING));
          assertThat(s.diagnostics().sampleLines().values().stream().flatMap(List::stream))
              .allMatch(garbageLines::contains);
        });
  }

  @Test
  @Timeout(60)
  void intactGeneratedFileParsesCleanly() {
    qt().withFixedSeed(17L).withExamples(50).forAll(longs().all()).checkAssert(seed -> {
      GeneratedRollout g = GeneratedRollout.of(seed);
      RolloutSegment s = parse(g.bytes());

      assertThat(s.diagnostics().isEmpty()).isTrue();
      assertThat(totals(s)).isEqualTo(g.tokenTotals());
      assertThat(s.segment().lineCount()).isEqualTo(g.lines().size());
    });
  }

  private static boolean touchedAround(boolean[] touched, GeneratedRollout.Line l) {
    for (int i = Math.max(0, l.start() - 1); i <= l.end() && i < touched.length; i++) {
      if (touched[i]) {
        return true;
      }
    }
    return false;
  }

  /**
   * {@return true when line {@code l} (pure ASCII as generated) now holds a byte that no JSON
   * reader can accept, it is still a line of its own (its newline and the one before it are
   * intact), and its {@code payload.type} value, which the sniffer reads by bytes, is intact}.
   */
  private static boolean surelyBroken(byte[] original, byte[] bytes, boolean[] touched,
      GeneratedRollout.Line l) {
    if (l.start() > 0 && touched[l.start() - 1] || l.end() < touched.length && touched[l.end()]) {
      return false;
    }
    int[] type = payloadTypeValue(original, l);
    boolean broken = false;
    for (int i = l.start(); i < l.end(); i++) {
      if (!touched[i]) {
        continue;
      }
      if (i >= type[0] && i < type[1]) {
        return false;
      }
      int b = bytes[i] & 0xFF;
      if (b == 0 || b >= 0xF8
          || b >= 0x80 && b < 0xC0 && !touched[i - 1]
          || b >= 0xC0 && b < 0xF8 && !touched[i + 1]) {
        broken = true;
      }
    }
    return broken;
  }

  /** {@return [start, end) of the {@code token_count} value of a generated token line}. */
  private static int[] payloadTypeValue(byte[] bytes, GeneratedRollout.Line l) {
    String line = new String(bytes, l.start(), l.end() - l.start(), StandardCharsets.ISO_8859_1);
    int at = line.indexOf("\"payload\":{\"type\":\"");
    if (at < 0) {
      throw new IllegalStateException("not a generated token line: " + line);
    }
    int start = l.start() + at + "\"payload\":{\"type\":\"".length();
    return new int[] {start, start + "token_count".length()};
  }

  private static void truncate(Path file, long size) {
    try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
      ch.truncate(size);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The smallest generated rollout, of a few KB, among the first seeds. */
  private static GeneratedRollout smallRollout() {
    GeneratedRollout best = null;
    for (long seed = 0; seed < 200; seed++) {
      GeneratedRollout g = GeneratedRollout.of(seed);
      if (g.tokenTotals().size() >= 3 && g.bytes().length >= 2_000
          && (best == null || g.bytes().length < best.bytes().length)) {
        best = g;
      }
    }
    return best;
  }

  private static List<Long> totals(RolloutSegment s) {
    return s.events().stream().filter(e -> e.total() != null)
        .map(TokenEvent::total).map(u -> u.totalTokens()).toList();
  }

  private RolloutSegment parse(byte[] bytes) {
    try {
      Path file = dir.resolve(GeneratedRollout.FILE_NAME);
      Files.write(file, bytes);
      return RolloutParser.create().parse(RolloutFile.of(file));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
