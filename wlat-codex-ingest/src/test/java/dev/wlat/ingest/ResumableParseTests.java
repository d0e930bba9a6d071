package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.THREAD;
import static dev.wlat.ingest.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.lists;
import static org.quicktheories.generators.SourceDSL.longs;

import dev.wlat.ingest.ResumedParse.Mode;
import dev.wlat.model.EventFlag;
import dev.wlat.model.IssueKind;
import dev.wlat.model.TokenEvent;
import dev.wlat.testkit.CodexHomeGenerator;
import dev.wlat.testkit.HomeSpec;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@link RolloutParser#parseFrom}: a file parsed in steps, each continuing from the previous
 * step's checkpoint, gives at every step exactly what a whole-file parse gives.
 */
class ResumableParseTests {

  private static final int[] LINE_LIMITS = {RolloutParser.DEFAULT_MAX_LINE_BYTES, 150, 1000, 5000};

  @TempDir static Path shared;
  private static List<byte[]> homeRollouts;

  @TempDir Path dir;

  @BeforeAll
  static void generateHome() throws IOException {
    Path home = shared.resolve("codex");
    CodexHomeGenerator.generate(HomeSpec.builder().seed(23).days(6).build(), home);
    homeRollouts = new ArrayList<>();
    for (RolloutFile f : CodexHome.open(home).rollouts(null)) {
      if (!f.compressed()) {
        homeRollouts.add(Files.readAllBytes(f.path()));
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Properties: appended in steps, resumed at each, equal to the whole parse at each
  // ---------------------------------------------------------------------------------------------

  @Test
  void generatedRolloutAppendedInStepsResumesToTheWholeFileParseAtEveryStep() {
    qt().withFixedSeed(29L).withExamples(120)
        .forAll(longs().all(), lists().of(integers().allPositive()).ofSizeBetween(0, 4))
        .checkAssert((seed, cuts) -> appendInSteps(RolloutParser.create(),
            GeneratedRollout.of(seed).bytes(), cuts));
  }

  @Test
  void codexHomeRolloutsAppendedInStepsResumeToTheWholeFileParseAtEveryStep() {
    assertThat(homeRollouts).hasSizeGreaterThan(10);
    qt().withFixedSeed(31L).withExamples(150)
        .forAll(integers().between(0, homeRollouts.size() - 1),
            lists().of(integers().allPositive()).ofSizeBetween(0, 4))
        .checkAssert((file, cuts) -> appendInSteps(RolloutParser.create(),
            homeRollouts.get(file), cuts));
  }

  @Test
  void awkwardRolloutsAppendedInStepsResumeToTheWholeFileParseUnderAnyLineLimit() {
    qt().withFixedSeed(37L).withExamples(300)
        .forAll(longs().all(), integers().between(0, LINE_LIMITS.length - 1),
            lists().of(integers().allPositive()).ofSizeBetween(0, 4))
        .checkAssert((seed, limit, cuts) -> appendInSteps(
            RolloutParser.withMaxLineBytes(LINE_LIMITS[limit]), AwkwardRollout.of(seed), cuts));
  }

  @Test
  void byteByByteAppendsResumeToTheWholeFileParseAtEveryByte() {
    byte[] bytes = Rollouts.create()
        .sessionMeta(THREAD, ",\"forked_from_id\":\"" + AwkwardRollout.PARENT + "\"")
        .line("")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .responseMessage("user", "caf\u00e9 \u65e5\u672c \ud83d\ude00")
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .raw("{\"bad\u0000\"}\n")
        .bytes();
    RolloutParser parser = RolloutParser.withMaxLineBytes(400);
    Path file = dir.resolve(Rollouts.FILE_NAME);
    write(file, new byte[0]);
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();
    for (int i = 0; i < bytes.length; i++) {
      append(file, Arrays.copyOfRange(bytes, i, i + 1));
      RolloutFile f = RolloutFile.of(file);
      ResumedParse r = parser.parseFrom(f, RolloutCheckpoint.fromBytes(checkpoint.toBytes()));

      assertThat(r.mode()).as("byte %d", i).isEqualTo(Mode.RESUMED);
      assertThat(r.segment()).as("byte %d", i).isEqualTo(parser.parse(f));
      checkpoint = r.checkpoint();
    }
    assertThat(checkpoint.lineNumber()).isEqualTo(6);
  }

  /**
   * Writes {@code bytes} in steps cut at {@code cuts} (taken modulo the length), parsing after each
   * step from the previous checkpoint (round-tripped through its bytes), and checks every step
   * against a whole-file parse.
   */
  private void appendInSteps(RolloutParser parser, byte[] bytes, List<Integer> cuts) {
    TreeSet<Integer> ends = new TreeSet<>();
    for (int c : cuts) {
      ends.add(c % (bytes.length + 1));
    }
    ends.add(bytes.length);
    Path file = dir.resolve(Rollouts.FILE_NAME);
    delete(file);
    RolloutCheckpoint checkpoint = null;
    int written = 0;
    int step = 0;
    for (int end : ends) {
      if (step == 0) {
        write(file, Arrays.copyOf(bytes, end));
      } else {
        append(file, Arrays.copyOfRange(bytes, written, end));
      }
      written = end;
      RolloutFile f = RolloutFile.of(file);
      long previousOffset = checkpoint == null ? 0 : checkpoint.offset();

      ResumedParse r = parser.parseFrom(f, checkpoint);

      String at = "step " + step + " ending at byte " + end + " of " + bytes.length;
      assertThat(r.segment()).as(at).isEqualTo(parser.parse(f));
      assertThat(r.mode()).as(at).isEqualTo(step == 0 ? Mode.FULL : Mode.RESUMED);
      assertThat(r.bytesRead()).as(at).isEqualTo(end - previousOffset);
      int lastNewline = lastNewline(bytes, end);
      assertThat(r.checkpoint().offset()).as(at).isEqualTo(lastNewline + 1);
      assertThat(r.checkpoint().lineNumber()).as(at).isEqualTo(newlines(bytes, end));
      assertThat(r.checkpoint().fileSize()).as(at).isEqualTo(end);
      assertThat(r.checkpoint().resumable()).as(at).isTrue();
      byte[] encoded = r.checkpoint().toBytes();
      checkpoint = RolloutCheckpoint.fromBytes(encoded);
      assertThat(checkpoint).as(at).isEqualTo(r.checkpoint());
      assertThat(checkpoint.toBytes()).as(at).isEqualTo(encoded);
      step++;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Examples: what carries over the checkpoint
  // ---------------------------------------------------------------------------------------------

  @Test
  void unterminatedLastLineIsInTheSegmentButParsedAgainOnceComplete() {
    String row = "{\"timestamp\":\"2026-03-01T10:00:01Z\",\"type\":\"event_msg\",\"payload\":"
        + "{\"type\":\"token_count\",\"info\":{\"total_token_usage\":" + usage(5, 0, 1, 0, 6)
        + ",\"last_token_usage\":" + usage(5, 0, 1, 0, 6) + "}}}";
    byte[] head = Rollouts.create().sessionMeta(THREAD).bytes();
    Path file = write(dir.resolve(Rollouts.FILE_NAME), concat(head, utf8(row)));
    RolloutParser parser = RolloutParser.create();

    ResumedParse first = parser.parseFrom(RolloutFile.of(file), null);
    assertThat(first.segment().events()).hasSize(1);
    assertThat(first.checkpoint().offset()).isEqualTo(head.length);
    assertThat(first.checkpoint().lineNumber()).isEqualTo(1);

    append(file, utf8("\n"));
    RolloutFile f = RolloutFile.of(file);
    ResumedParse second = parser.parseFrom(f, first.checkpoint());

    assertThat(second.mode()).isEqualTo(Mode.RESUMED);
    assertThat(second.bytesRead()).isEqualTo(row.length() + 1);
    assertThat(second.segment().events()).extracting(TokenEvent::lineNumber).containsExactly(2L);
    assertThat(second.segment()).isEqualTo(parser.parse(f));
    assertThat(second.checkpoint().offset()).isEqualTo(f.sizeBytes());
  }

  @Test
  void cutLastLineIsTruncatedOnceAndCountsNothingAfterItIsComplete() {
    Rollouts full = Rollouts.create().sessionMeta(THREAD)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2));
    byte[] bytes = full.bytes();
    Path file = write(dir.resolve(Rollouts.FILE_NAME), Arrays.copyOf(bytes, bytes.length - 9));
    RolloutParser parser = RolloutParser.create();

    ResumedParse cut = parser.parseFrom(RolloutFile.of(file), null);
    assertThat(cut.segment().diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.TRUNCATED_LAST_LINE, List.of(2L)));

    append(file, Arrays.copyOfRange(bytes, bytes.length - 9, bytes.length));
    ResumedParse done = parser.parseFrom(RolloutFile.of(file), cut.checkpoint());

    assertThat(done.mode()).isEqualTo(Mode.RESUMED);
    assertThat(done.segment().diagnostics().isEmpty()).isTrue();
    assertThat(done.segment().events()).hasSize(1);
  }

  @Test
  void repeatedTotalAndReplayStateCarryOverTheCheckpoint() {
    String parentTurn = "019a0000-2000-7000-8000-000000000003";
    Rollouts before = Rollouts.create()
        .sessionMeta(AwkwardRollout.CHILD, ",\"forked_from_id\":\"" + AwkwardRollout.PARENT + "\"")
        .sessionMeta(AwkwardRollout.PARENT)
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110));
    Path file = write(dir.resolve(AwkwardRollout.FILE_NAME), before.bytes());
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();

    append(file, Rollouts.create()
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110))
        .taskStarted(parentTurn)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(101, 0, 11, 0, 112))
        .bytes());
    ResumedParse r = parser.parseFrom(RolloutFile.of(file), checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.RESUMED);
    assertThat(r.segment().events()).extracting(TokenEvent::flags).containsExactly(
        Set.of(EventFlag.REPLAYED),
        Set.of(EventFlag.REPLAYED, EventFlag.REPEATED_TOTAL),
        Set.of(EventFlag.REPLAYED));
    assertThat(r.segment().segment().threadId()).isEqualTo(AwkwardRollout.CHILD);
    assertThat(r.segment().segment().turnCount()).isEqualTo(1);
  }

  @Test
  void diagnosticsAfterTheCheckpointKeepCountingAndTheirLineNumbers() {
    Path file = write(dir.resolve(Rollouts.FILE_NAME), Rollouts.create().sessionMeta(THREAD)
        .line("not json").line("{\"oops\"").bytes());
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();

    append(file, Rollouts.create().line("still not json").line("").bytes());
    ResumedParse r = parser.parseFrom(RolloutFile.of(file), checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.RESUMED);
    assertThat(r.segment().diagnostics().sampleLines())
        .isEqualTo(Map.of(IssueKind.MALFORMED_JSON, List.of(2L, 3L, 4L)));
    assertThat(r.segment().segment().lineCount()).isEqualTo(5);
    assertThat(r.segment().segment().lineKinds())
        .containsEntry("malformed", 3L).containsEntry("blank", 1L);
  }

  @Test
  void resumedParseReadsOnlyTheBytesAfterTheCheckpoint() {
    byte[] bytes = GeneratedRollout.of(5).bytes();
    int cut = lastNewline(bytes, bytes.length / 2) + 1 + 10;
    Path file = write(dir.resolve(Rollouts.FILE_NAME), Arrays.copyOf(bytes, cut));
    RolloutParser parser = RolloutParser.create();
    ResumedParse first = parser.parseFrom(RolloutFile.of(file), null);
    assertThat(first.bytesRead()).isEqualTo(cut);

    append(file, Arrays.copyOfRange(bytes, cut, bytes.length));
    ResumedParse second = parser.parseFrom(RolloutFile.of(file), first.checkpoint());

    assertThat(second.mode()).isEqualTo(Mode.RESUMED);
    assertThat(second.bytesRead()).isEqualTo(bytes.length - cut + 10);
    assertThat(second.segment().segment().byteCount()).isEqualTo(bytes.length);
  }

  @Test
  void unchangedFileIsResumedReadingOnlyItsUnterminatedTail() {
    Path file = write(dir.resolve(Rollouts.FILE_NAME),
        Rollouts.create().sessionMeta(THREAD).raw("{\"timestamp\"").bytes());
    RolloutParser parser = RolloutParser.create();
    ResumedParse first = parser.parseFrom(RolloutFile.of(file), null);

    ResumedParse again = parser.parseFrom(RolloutFile.of(file), first.checkpoint());

    assertThat(again.mode()).isEqualTo(Mode.RESUMED);
    assertThat(again.bytesRead()).isEqualTo(12);
    assertThat(again.segment()).isEqualTo(first.segment());
    assertThat(again.checkpoint()).isEqualTo(first.checkpoint());
  }

  // ---------------------------------------------------------------------------------------------
  // When the checkpoint no longer holds
  // ---------------------------------------------------------------------------------------------

  @Test
  void fileRewrittenWithOtherBytesOfTheSameSizeIsParsedInFull() {
    byte[] bytes = GeneratedRollout.of(41).bytes();
    Path file = write(dir.resolve(Rollouts.FILE_NAME), bytes);
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();

    byte[] other = bytes.clone();
    int at = indexOf(other, GeneratedRollout.THREAD) + GeneratedRollout.THREAD.length() - 1;
    other[at] = 'd';
    write(file, other);
    RolloutFile f = RolloutFile.of(file);
    ResumedParse r = parser.parseFrom(f, checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.FULL);
    assertThat(r.segment()).isEqualTo(parser.parse(f));
    assertThat(r.bytesRead()).isEqualTo(bytes.length);
  }

  @Test
  void changeInTheBytesJustBeforeTheOffsetGivesAFullParse() {
    byte[] bytes = GeneratedRollout.of(43).bytes();
    Path file = write(dir.resolve(Rollouts.FILE_NAME), bytes);
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();

    byte[] other = concat(bytes, Rollouts.create().sessionMeta(THREAD).bytes());
    int at = bytes.length - 30;
    other[at] = (byte) (other[at] == 'a' ? 'b' : 'a');
    write(file, other);
    RolloutFile f = RolloutFile.of(file);
    ResumedParse r = parser.parseFrom(f, checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.FULL);
    assertThat(r.segment()).isEqualTo(parser.parse(f));
  }

  @Test
  void fileRewrittenLargerWithAnotherHeadIsParsedInFull() {
    Path file = write(dir.resolve(Rollouts.FILE_NAME), GeneratedRollout.of(47).bytes());
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();

    byte[] other = GeneratedRollout.of(48).bytes();
    write(file, concat(other, other));
    RolloutFile f = RolloutFile.of(file);
    assertThat(f.sizeBytes()).isGreaterThan(checkpoint.offset());
    ResumedParse r = parser.parseFrom(f, checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.FULL);
    assertThat(r.segment()).isEqualTo(parser.parse(f));
  }

  @Test
  void fileTruncatedBelowTheOffsetIsParsedInFull() {
    byte[] bytes = GeneratedRollout.of(53).bytes();
    Path file = write(dir.resolve(Rollouts.FILE_NAME), bytes);
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();

    write(file, Arrays.copyOf(bytes, (int) checkpoint.offset() - 1));
    RolloutFile f = RolloutFile.of(file);
    ResumedParse r = parser.parseFrom(f, checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.FULL);
    assertThat(r.segment()).isEqualTo(parser.parse(f));
    assertThat(r.checkpoint().offset()).isLessThan(checkpoint.offset());
  }

  @Test
  void fileReplacedByAnotherIsParsedInFull() throws IOException {
    Path file = write(dir.resolve(Rollouts.FILE_NAME), GeneratedRollout.of(59).bytes());
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(file), null).checkpoint();

    Path replacement = write(dir.resolve("next.tmp"), concat(AwkwardRollout.of(60),
        GeneratedRollout.of(61).bytes()));
    Files.move(replacement, file, StandardCopyOption.REPLACE_EXISTING);
    RolloutFile f = RolloutFile.of(file);
    ResumedParse r = parser.parseFrom(f, checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.FULL);
    assertThat(r.segment()).isEqualTo(parser.parse(f));
  }

  @Test
  void checkpointOfAnotherFileIsNotResumedFrom() {
    byte[] bytes = GeneratedRollout.of(67).bytes();
    Path a = write(dir.resolve("a").resolve(Rollouts.FILE_NAME), bytes);
    Path b = write(dir.resolve("b").resolve(GeneratedRollout.FILE_NAME), concat(bytes, bytes));
    RolloutParser parser = RolloutParser.create();
    RolloutCheckpoint checkpoint = parser.parseFrom(RolloutFile.of(a), null).checkpoint();

    RolloutFile f = RolloutFile.of(b);
    ResumedParse r = parser.parseFrom(f, checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.FULL);
    assertThat(r.segment()).isEqualTo(parser.parse(f));
  }

  @Test
  void checkpointOfAParserWithAnotherLineLimitIsNotResumedFrom() {
    byte[] bytes = AwkwardRollout.of(71);
    Path file = write(dir.resolve(AwkwardRollout.FILE_NAME), bytes);
    RolloutCheckpoint checkpoint = RolloutParser.withMaxLineBytes(200)
        .parseFrom(RolloutFile.of(file), null).checkpoint();
    append(file, AwkwardRollout.of(72));

    RolloutFile f = RolloutFile.of(file);
    ResumedParse r = RolloutParser.create().parseFrom(f, checkpoint);

    assertThat(r.mode()).isEqualTo(Mode.FULL);
    assertThat(r.segment()).isEqualTo(RolloutParser.create().parse(f));
  }

  @Test
  void compressedFileIsAlwaysParsedInFull() throws IOException {
    byte[] plain = GeneratedRollout.of(73).bytes();
    Path zst = write(dir.resolve(Rollouts.FILE_NAME + ".zst"), DiagnosticsTests.zstd(plain));
    RolloutParser parser = RolloutParser.create();
    RolloutFile f = RolloutFile.of(zst);

    ResumedParse first = parser.parseFrom(f, null);
    ResumedParse second = parser.parseFrom(f,
        RolloutCheckpoint.fromBytes(first.checkpoint().toBytes()));

    assertThat(first.mode()).isEqualTo(Mode.FULL);
    assertThat(second.mode()).isEqualTo(Mode.FULL);
    assertThat(second.segment()).isEqualTo(parser.parse(f));
    assertThat(second.bytesRead()).isEqualTo(plain.length);
    RolloutCheckpoint c = second.checkpoint();
    assertThat(c.compressed()).isTrue();
    assertThat(c.resumable()).isFalse();
    assertThat(c.fileSize()).isEqualTo(f.sizeBytes());
    assertThat(c.lastModified()).isEqualTo(f.lastModified());
    assertThat(c.unchanged(f)).isTrue();
  }

  @Test
  void readErrorGivesTheParseSegmentAndACheckpointThatIsNotResumable() throws IOException {
    Path zst = write(dir.resolve(Rollouts.FILE_NAME + ".zst"),
        Arrays.copyOf(DiagnosticsTests.zstd(GeneratedRollout.of(79).bytes()), 300));
    RolloutFile compressed = RolloutFile.of(zst);
    Path plain = write(dir.resolve(Rollouts.FILE_NAME), GeneratedRollout.of(79).bytes());
    RolloutFile vanished = RolloutFile.of(plain);
    Files.delete(plain);
    RolloutParser parser = RolloutParser.create();

    for (RolloutFile f : List.of(compressed, vanished)) {
      ResumedParse r = parser.parseFrom(f, null);

      assertThat(r.segment().diagnostics().count(IssueKind.READ_ERROR)).isEqualTo(1);
      assertThat(r.segment()).isEqualTo(parser.parse(f));
      assertThat(r.checkpoint().resumable()).isFalse();
      assertThat(r.checkpoint().offset()).isZero();
      assertThat(r.checkpoint().lineNumber()).isZero();
    }
    RolloutCheckpoint afterError = parser.parseFrom(vanished, null).checkpoint();
    write(plain, GeneratedRollout.of(79).bytes());
    ResumedParse back = parser.parseFrom(RolloutFile.of(plain), afterError);
    assertThat(back.mode()).isEqualTo(Mode.FULL);
    assertThat(back.segment().diagnostics().isEmpty()).isTrue();
  }

  @Test
  void unchangedComparesTheRecordedSizeAndModificationTime() throws IOException {
    Path file = write(dir.resolve(Rollouts.FILE_NAME), GeneratedRollout.of(83).bytes());
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-03-01T10:00:00.123456Z")));
    RolloutFile f = RolloutFile.of(file);
    RolloutCheckpoint checkpoint = RolloutCheckpoint.fromBytes(
        RolloutParser.create().parseFrom(f, null).checkpoint().toBytes());

    assertThat(checkpoint.lastModified()).isEqualTo(Instant.parse("2026-03-01T10:00:00.123456Z"));
    assertThat(checkpoint.unchanged(f)).isTrue();
    assertThat(checkpoint.unchanged(RolloutFile.of(file))).isTrue();
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-03-01T10:00:01Z")));
    assertThat(checkpoint.unchanged(RolloutFile.of(file))).isFalse();
    append(file, utf8("\n"));
    Files.setLastModifiedTime(file, FileTime.from(Instant.parse("2026-03-01T10:00:00.123456Z")));
    assertThat(checkpoint.unchanged(RolloutFile.of(file))).isFalse();
  }

  // ---------------------------------------------------------------------------------------------
  // Size
  // ---------------------------------------------------------------------------------------------

  @Test
  void checkpointTakesUnderFortyBytesPerEventBeyondItsFixedPart() {
    long total = 0;
    long fixed = 0;
    long events = 0;
    for (byte[] rollout : homeRollouts) {
      Path file = write(dir.resolve(Rollouts.FILE_NAME), rollout);
      ResumedParse r = RolloutParser.create().parseFrom(RolloutFile.of(file), null);
      if (r.segment().events().isEmpty()) {
        continue;
      }
      // The fixed part: the checkpoint just before the first token row (file identity, session).
      long firstRow = r.segment().events().get(0).lineNumber();
      int offset = 0;
      for (long line = 1; line < firstRow; line++) {
        offset = nextLine(rollout, offset);
      }
      write(file, Arrays.copyOf(rollout, offset));
      long before = RolloutParser.create().parseFrom(RolloutFile.of(file), null).checkpoint()
          .toBytes().length;
      total += r.checkpoint().toBytes().length;
      fixed += before;
      events += r.segment().events().size();
    }
    double perEvent = (double) (total - fixed) / events;
    System.out.printf("checkpoint size over %d generated rollouts: %d events, %d bytes in all"
        + " (%.1f per event), %d fixed (%.0f per file), %.1f bytes per event beyond%n",
        homeRollouts.size(), events, total, (double) total / events, fixed,
        (double) fixed / homeRollouts.size(), perEvent);

    assertThat(perEvent).isLessThan(40);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  static int lastNewline(byte[] b, int end) {
    for (int i = end - 1; i >= 0; i--) {
      if (b[i] == '\n') {
        return i;
      }
    }
    return -1;
  }

  /** {@return the offset just after the line starting at {@code from}}. */
  static int nextLine(byte[] b, int from) {
    int i = from;
    while (b[i] != '\n') {
      i++;
    }
    return i + 1;
  }

  static long newlines(byte[] b, int end) {
    long n = 0;
    for (int i = 0; i < end; i++) {
      if (b[i] == '\n') {
        n++;
      }
    }
    return n;
  }

  private static int indexOf(byte[] b, String s) {
    return new String(b, StandardCharsets.ISO_8859_1).indexOf(s);
  }

  static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] r = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, r, a.length, b.length);
    return r;
  }

  static Path write(Path file, byte[] bytes) {
    return Rollouts.write(file, bytes);
  }

  static void append(Path file, byte[] bytes) {
    try {
      Files.write(file, bytes, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
