package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.THREAD;
import static dev.wlat.ingest.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.IssueKind;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A single line of 200 MB, far over the 64 MiB line limit, shaped like a {@code token_count} row
 * (which the parser must hold whole to parse): it is counted as oversized and streamed past, the
 * row after it is kept, and the parse never holds the line.
 */
class OversizedLineTests {

  private static final long MB = 1L << 20;
  private static final long LINE_BYTES = 200 * MB;

  @TempDir Path dir;

  @Test
  @Timeout(60)
  void twoHundredMegabyteTokenLineIsOversizedAndTheNextRowKeptInBoundedMemory()
      throws IOException {
    Path file = dir.resolve(Rollouts.FILE_NAME);
    String good = "{\"timestamp\":\"2026-03-01T10:00:09Z\",\"type\":\"event_msg\",\"payload\":"
        + "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":" + usage(90, 0, 10, 0, 100)
        + ",\"last_token_usage\":" + usage(90, 0, 10, 0, 100) + "}}}\n";
    byte[] head = ("{\"timestamp\":\"2026-03-01T10:00:01Z\",\"type\":\"event_msg\",\"payload\":"
        + "{\"type\":\"token_count\",\"pad\":\"").getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\",\"info\":{\"total_token_usage\":" + usage(9, 0, 1, 0, 10)
        + ",\"last_token_usage\":" + usage(9, 0, 1, 0, 10) + "}}}").getBytes(StandardCharsets.US_ASCII);
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      out.write(Rollouts.create().sessionMeta(THREAD).bytes());
      out.write(head);
      byte[] chunk = new byte[1 << 20];
      Arrays.fill(chunk, (byte) 'a');
      long padding = LINE_BYTES - head.length - tail.length;
      for (long left = padding; left > 0; left -= chunk.length) {
        out.write(chunk, 0, (int) Math.min(chunk.length, left));
      }
      out.write(tail);
      out.write('\n');
      out.write(good.getBytes(StandardCharsets.US_ASCII));
    }
    RolloutFile rollout = RolloutFile.of(file);
    assertThat(rollout.sizeBytes()).isGreaterThan(LINE_BYTES);

    long before = usedHeapAfterGc();
    long directBefore = directBuffers();
    resetPeaks();
    long started = System.nanoTime();
    RolloutSegment s = RolloutParser.create().parse(rollout);
    long millis = (System.nanoTime() - started) / 1_000_000;
    long peak = sumOfHeapPeaks();
    long after = usedHeapAfterGc();
    long directAfter = directBuffers();
    System.out.printf("200 MB line: parsed in %d ms; heap before %d MB, peak (upper bound, with"
        + " garbage) %d MB, after GC %d MB; direct buffers before %d KB, after %d KB%n", millis,
        before / MB, peak / MB, after / MB, directBefore >> 10, directAfter >> 10);

    assertThat(s.diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.OVERSIZED_LINE, List.of(2L)));
    assertThat(s.events()).extracting(TokenEvent::lineNumber).containsExactly(3L);
    assertThat(s.events().get(0).total().totalTokens()).isEqualTo(100);
    assertThat(s.segment().threadId()).isEqualTo(THREAD);
    assertThat(s.segment().lineCount()).isEqualTo(3);
    assertThat(s.segment().byteCount()).isEqualTo(rollout.sizeBytes());
    // The parse keeps nothing of the line once done ...
    assertThat(after - before).isLessThan(16 * MB);
    // ... never held it whole: the buffer stops growing at the 64 MiB limit (its doublings,
    // garbage included, stay under 300 MB, where holding 200 MB would need 256 MiB + 255 MiB) ...
    assertThat(peak - before).isLessThan(300 * MB);
    // ... and leaves no large temporary direct buffer cached for the reading thread.
    assertThat(directAfter - directBefore).isLessThan(4 * MB);
  }

  private static long directBuffers() {
    long sum = 0;
    for (java.lang.management.BufferPoolMXBean b
        : ManagementFactory.getPlatformMXBeans(java.lang.management.BufferPoolMXBean.class)) {
      sum += b.getMemoryUsed();
    }
    return sum;
  }

  private static long usedHeapAfterGc() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }

  private static void resetPeaks() {
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        pool.resetPeakUsage();
      }
    }
  }

  /** The sum of each heap pool's peak: at least the heap's peak use, garbage included. */
  private static long sumOfHeapPeaks() {
    long sum = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        sum += pool.getPeakUsage().getUsed();
      }
    }
    return sum;
  }
}
