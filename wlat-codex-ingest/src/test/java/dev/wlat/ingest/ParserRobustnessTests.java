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
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Properties of the parser on damaged input, over generated realistic files: it never throws, it
 * keeps every token row it was not robbed of, and it counts what it could not read.
 */
class ParserRobustnessTests {

  private static final int EXAMPLES = 150;

  @TempDir Path dir;

  @Test
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
        });
  }

  @Test
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
          for (int i = 0; i < g.lines().size(); i++) {
            GeneratedRollout.Line l = g.lines().get(i);
            out.write(bytes, l.start(), l.end() - l.start() + 1);
            if (after.contains(i)) {
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
        });
  }

  @Test
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
