package dev.wlat.ingest.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.ingest.AwkwardRollout;
import dev.wlat.ingest.GeneratedRollout;
import dev.wlat.model.IssueKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.SegmentLocation;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link SegmentReader#readFrom} with small read buffers, so that resumed reads meet long lines
 * held whole, grown buffers, lines streamed past and long unterminated last lines.
 */
class ResumableReadTests {

  private static final int[] LINE_LIMITS = {SegmentReader.DEFAULT_MAX_LINE_BYTES, 100, 700, 3000};
  private static final String SEGMENT = "0123456789abcdef";

  @TempDir Path dir;

  @Test
  void anyBufferAndLineLimitResumesToTheWholeFileReadAtEveryStep() {
    qt().withFixedSeed(43L).withExamples(400)
        .forAll(longs().all(), integers().between(16, 4096),
            integers().between(0, LINE_LIMITS.length - 1),
            lists().of(integers().allPositive()).ofSizeBetween(0, 4))
        .checkAssert((seed, buffer, limit, cuts) -> {
          // Even seeds draw an awkward file, odd ones a generated realistic one.
          byte[] bytes = (seed & 1) == 0 ? AwkwardRollout.of(seed) : GeneratedRollout.of(seed).bytes();
          appendInSteps(SegmentReader.of(LINE_LIMITS[limit], buffer), bytes, cuts);
        });
  }

  @Test
  void longUnterminatedLastLineStreamedPastIsReadAgainFromItsFirstByte() {
    byte[] first = utf8(meta() + "\n");
    String item = "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"response_item\","
        + "\"payload\":{\"text\":\"" + "z".repeat(5000) + "\"}}";
    Path file = write(concat(first, utf8(item.substring(0, 3000))));
    SegmentReader reader = SegmentReader.of(SegmentReader.DEFAULT_MAX_LINE_BYTES, 64);

    SegmentReader.Resumed cut = readFrom(reader, file, null);
    assertThat(cut.segment().diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.TRUNCATED_LAST_LINE, List.of(2L)));
    assertThat(cut.cursor().offset()).isEqualTo(first.length);
    assertThat(cut.cursor().lineNumber()).isEqualTo(1);

    append(file, utf8(item.substring(3000) + "\n"));
    SegmentReader.Resumed done = readFrom(reader, file, roundTrip(cut.cursor()));

    assertThat(done.resumed()).isTrue();
    assertThat(done.bytesRead()).isEqualTo(item.length() + 1);
    assertThat(done.segment()).isEqualTo(read(reader, file));
    assertThat(done.segment().diagnostics().isEmpty()).isTrue();
    assertThat(done.segment().segment().lineKinds()).containsEntry("response_item", 1L);
  }

  @Test
  void bufferGrownBeforeTheCheckpointKeepsLaterLongLinesOnTheWholeFilePath() {
    // A long token row makes a whole-file read grow its 64-byte buffer to 4096 bytes; a later
    // unterminated 2000-byte item that ends in '}' then fits and is checked as JSON (truncated),
    // where a 64-byte buffer would stream past it and only look at its last byte.
    String longRow = "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"event_msg\",\"payload\":"
        + "{\"type\":\"token_count\",\"pad\":\"" + "p".repeat(3000) + "\",\"info\":null}}\n";
    Path file = write(utf8(meta() + "\n" + longRow));
    SegmentReader reader = SegmentReader.of(SegmentReader.DEFAULT_MAX_LINE_BYTES, 64);
    SegmentReader.Resumed first = readFrom(reader, file, null);

    append(file, utf8("{\"timestamp\":\"2026-03-01T10:00:01Z\",\"type\":\"response_item\","
        + "\"payload\":{\"content\":[{\"text\":\"" + "q".repeat(2000) + "\"}"));
    SegmentReader.Resumed r = readFrom(reader, file, roundTrip(first.cursor()));

    assertThat(r.resumed()).isTrue();
    assertThat(r.segment()).isEqualTo(read(reader, file));
    assertThat(r.segment().diagnostics().count(IssueKind.TRUNCATED_LAST_LINE)).isEqualTo(1);
  }

  @Test
  void cursorOfAReadWhoseBufferGrewFromAStaleSizeIsNotResumedOnceTheFileIsLarge() {
    String longRow = "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"event_msg\",\"payload\":"
        + "{\"type\":\"token_count\",\"pad\":\"" + "p".repeat(3000) + "\",\"info\":null}}\n";
    Path file = write(utf8(meta() + "\n" + longRow));
    SegmentReader reader = SegmentReader.of(SegmentReader.DEFAULT_MAX_LINE_BYTES, 1024);
    SegmentReader.Resumed stale = readFrom(reader, file, 10, null);

    append(file, utf8(meta() + "\n"));
    SegmentReader.Resumed r = readFrom(reader, file, roundTrip(stale.cursor()));

    assertThat(stale.cursor().resumable()).isTrue();
    assertThat(r.resumed()).isFalse();
    assertThat(r.segment()).isEqualTo(read(reader, file));
  }

  @Test
  void cursorFromAReaderWithAnotherBufferSizeIsNotResumed() {
    Path file = write(GeneratedRollout.of(3).bytes());
    SegmentReader.Resumed first = readFrom(SegmentReader.of(1 << 20, 64), file, null);
    append(file, GeneratedRollout.of(4).bytes());
    SegmentReader other = SegmentReader.of(1 << 20, 128);

    SegmentReader.Resumed r = readFrom(other, file, first.cursor());

    assertThat(r.resumed()).isFalse();
    assertThat(r.segment()).isEqualTo(read(other, file));
  }

  @Test
  void cursorBytesCutAnywhereAreRefusedWithAMessage() {
    Path file = write(AwkwardRollout.of(9));
    StateEncoder out = StateEncoder.create();
    readFrom(SegmentReader.of(1 << 20, 64), file, null).cursor().writeTo(out);
    byte[] bytes = out.toByteArray();

    for (int n = 0; n < bytes.length; n++) {
      byte[] cut = Arrays.copyOf(bytes, n);
      try {
        StateDecoder in = StateDecoder.of(cut);
        Cursor.readFrom(in);
        in.expectEnd("cursor");
        throw new AssertionError("a cursor cut to " + n + " of " + bytes.length + " bytes was read");
      } catch (IllegalArgumentException e) {
        assertThat(e.getMessage()).isNotBlank();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  private void appendInSteps(SegmentReader reader, byte[] bytes, List<Integer> cuts) {
    TreeSet<Integer> ends = new TreeSet<>();
    for (int c : cuts) {
      ends.add(c % (bytes.length + 1));
    }
    ends.add(bytes.length);
    Path file = dir.resolve(GeneratedRollout.FILE_NAME);
    Cursor cursor = null;
    int written = 0;
    int step = 0;
    for (int end : ends) {
      if (step == 0) {
        write(Arrays.copyOf(bytes, end));
      } else {
        append(file, Arrays.copyOfRange(bytes, written, end));
      }
      written = end;
      long previousOffset = cursor == null ? 0 : cursor.offset();

      SegmentReader.Resumed r = readFrom(reader, file, cursor);

      String at = "step " + step + " ending at byte " + end + " of " + bytes.length;
      assertThat(r.segment()).as(at).isEqualTo(read(reader, file));
      assertThat(r.resumed()).as(at).isEqualTo(step > 0);
      assertThat(r.bytesRead()).as(at).isEqualTo(end - previousOffset);
      assertThat(r.cursor().offset()).as(at).isEqualTo(lastNewline(bytes, end) + 1);
      cursor = roundTrip(r.cursor());
      assertThat(cursor).as(at).isEqualTo(r.cursor());
      step++;
    }
  }

  private static Cursor roundTrip(Cursor c) {
    StateEncoder out = StateEncoder.create();
    c.writeTo(out);
    StateDecoder in = StateDecoder.of(out.toByteArray());
    Cursor back = Cursor.readFrom(in);
    in.expectEnd("cursor");
    return back;
  }

  private static int lastNewline(byte[] b, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  private static String meta() {
    return "{\"timestamp\":\"2026-03-01T10:00:00Z\",\"type\":\"session_meta\",\"payload\":{\"id\":\""
        + GeneratedRollout.THREAD + "\",\"timestamp\":\"2026-03-01T10:00:00Z\",\"cwd\":\"/w\"}}";
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  private Path write(byte[] bytes) {
    try {
      return Files.write(dir.resolve(GeneratedRollout.FILE_NAME), bytes);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void append(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static RolloutSegment read(SegmentReader reader, Path file) {
    return reader.read(file, GeneratedRollout.FILE_NAME, SegmentLocation.OTHER, false, size(file),
        GeneratedRollout.THREAD, SEGMENT);
  }

  private static SegmentReader.Resumed readFrom(SegmentReader reader, Path file, Cursor from) {
    return readFrom(reader, file, size(file), from);
  }

  private static SegmentReader.Resumed readFrom(SegmentReader reader, Path file, long sizeHint,
      Cursor from) {
    return reader.readFrom(file, GeneratedRollout.FILE_NAME, SegmentLocation.OTHER, false, sizeHint,
        GeneratedRollout.THREAD, SEGMENT, from);
  }
}
