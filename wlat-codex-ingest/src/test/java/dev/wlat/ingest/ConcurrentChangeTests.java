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
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * A rollout that shrinks or vanishes while {@link RolloutParser#parseFrom} reads it (another
 * thread truncates or deletes it 20 ms into the read of a file of about 110 MB): no
 * exception escapes, the rows read are a prefix of the file's, the cut is counted, and the next
 * {@code parseFrom} from the racing read's checkpoint equals a whole parse of what is left.
 */
class ConcurrentChangeTests {

  /** Pairs of a 4 KB response_item and a token row: about 110 MB. */
  private static final int PAIRS = 25_000;
  private static final String ITEM = "{\"timestamp\":\"2026-03-01T10:00:05.000Z\",\"type\":"
      + "\"response_item\",\"payload\":{\"type\":\"message\",\"role\":\"assistant\",\"content\":"
      + "[{\"type\":\"output_text\",\"text\":\"" + "lorem ipsum ".repeat(340) + "\"}]}}\n";

  @TempDir Path dir;

  private ExecutorService other;
  private Path file;
  private List<Long> lineEnds;

  @BeforeEach
  void writeLargeRollout() throws IOException {
    other = Executors.newSingleThreadExecutor();
    file = dir.resolve(Rollouts.FILE_NAME);
    lineEnds = new ArrayList<>();
    long at = 0;
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
      byte[] meta = Rollouts.create().sessionMeta(THREAD).bytes();
      out.write(meta);
      at += meta.length;
      byte[] item = ITEM.getBytes(StandardCharsets.US_ASCII);
      for (int i = 1; i <= PAIRS; i++) {
        out.write(item);
        at += item.length;
        byte[] row = tokenRow(i).getBytes(StandardCharsets.US_ASCII);
        out.write(row);
        at += row.length;
        lineEnds.add(at);
      }
    }
  }

  @AfterEach
  void stopOtherThread() {
    other.shutdownNow();
  }

  @Test
  @Timeout(60)
  void fileTruncatedMidLineWhileReadKeepsARowPrefixCountsTheCutAndResumesToTheWholeParse()
      throws Exception {
    // Cut inside the response_item that follows token row PAIRS * 3 / 5, some 69 MB in: the
    // reader, at a few hundred MB/s, is far from it 20 ms after it started.
    long cut = lineEnds.get(PAIRS * 3 / 5 - 1) + 100;
    RolloutFile rollout = RolloutFile.of(file);
    assertThat(rollout.sizeBytes()).isGreaterThan(cut + 40_000_000L);

    ResumedParse raced = race(() -> {
      try (FileChannel ch = FileChannel.open(file, StandardOpenOption.WRITE)) {
        ch.truncate(cut);
      }
    }, rollout);

    assertThat(Files.size(file)).isEqualTo(cut);
    List<Long> totals = totals(raced.segment());
    assertThat(totals).hasSizeLessThan(PAIRS);
    assertThat(totals).isEqualTo(expectedTotals(totals.size()));
    assertThat(raced.segment().diagnostics().total()).isEqualTo(1);
    assertThat(raced.segment().diagnostics().counts().keySet())
        .isSubsetOf(Set.of(IssueKind.TRUNCATED_LAST_LINE, IssueKind.READ_ERROR));

    RolloutFile now = RolloutFile.of(file);
    RolloutSegment whole = RolloutParser.create().parse(now);
    assertThat(totals(whole)).isEqualTo(expectedTotals(PAIRS * 3 / 5));
    assertThat(whole.diagnostics().counts()).containsOnlyKeys(IssueKind.TRUNCATED_LAST_LINE);
    ResumedParse later = RolloutParser.create().parseFrom(now, raced.checkpoint());
    assertThat(later.segment()).isEqualTo(whole);
  }

  @Test
  @Timeout(60)
  void fileDeletedWhileReadGivesWhatWasOpenedOrAReadErrorAndThenAReadError() throws Exception {
    RolloutFile rollout = RolloutFile.of(file);
    RolloutSegment before = RolloutParser.create().parse(rollout);

    ResumedParse raced = race(() -> Files.delete(file), rollout);

    assertThat(Files.exists(file)).isFalse();
    RolloutSegment s = raced.segment();
    if (s.diagnostics().isEmpty()) {
      // POSIX: a file deleted after it was opened is still read to its end.
      assertThat(s).isEqualTo(before);
    } else {
      assertThat(s.diagnostics().counts()).containsOnlyKeys(IssueKind.READ_ERROR);
      assertThat(totals(s)).isEqualTo(expectedTotals(totals(s).size()));
    }
    ResumedParse later = RolloutParser.create().parseFrom(rollout, raced.checkpoint());
    RolloutSegment gone = RolloutParser.create().parse(rollout);
    assertThat(gone.diagnostics().counts()).containsOnlyKeys(IssueKind.READ_ERROR);
    assertThat(later.segment()).isEqualTo(gone);
  }

  /** A change to the file, made on another thread. */
  private interface Change {
    void run() throws IOException;
  }

  /** {@return the parse of {@code rollout}}, while {@code change} runs 20 ms after it started. */
  private ResumedParse race(Change change, RolloutFile rollout) throws Exception {
    CountDownLatch started = new CountDownLatch(1);
    Future<?> changed = other.submit(() -> {
      try {
        started.await();
        Thread.sleep(20);
        change.run();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      return null;
    });
    started.countDown();
    ResumedParse raced = RolloutParser.create().parseFrom(rollout, null);
    changed.get(30, TimeUnit.SECONDS);
    return raced;
  }

  private static String tokenRow(long i) {
    return "{\"timestamp\":\"2026-03-01T10:00:09.000Z\",\"type\":\"event_msg\",\"payload\":"
        + "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":"
        + usage(1000 * i - 1, 0, 1, 0, 1000 * i) + ",\"last_token_usage\":"
        + usage(999, 0, 1, 0, 1000) + "},\"rate_limits\":null}}\n";
  }

  private static List<Long> expectedTotals(int rows) {
    List<Long> totals = new ArrayList<>(rows);
    for (long i = 1; i <= rows; i++) {
      totals.add(1000 * i);
    }
    return totals;
  }

  private static List<Long> totals(RolloutSegment s) {
    return s.events().stream().map(TokenEvent::total).map(u -> u.totalTokens()).toList();
  }
}
