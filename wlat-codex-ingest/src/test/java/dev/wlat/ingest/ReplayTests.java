package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.EventFlag;
import dev.wlat.model.RolloutSegment;
import dev.wlat.model.TokenEvent;
import java.nio.file.Path;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Forks and subagents replay their parent's history; those rows must be flagged, not counted. */
class ReplayTests {

  // UUIDv7 ids: the first 48 bits are unix milliseconds, so these sort by creation time.
  private static final String PARENT = "019a0000-1000-7000-8000-000000000001";
  private static final String PARENT_TURN_1 = "019a0000-2000-7000-8000-000000000003";
  private static final String PARENT_TURN_2 = "019a0000-3000-7000-8000-000000000004";
  private static final String CHILD = "019a0000-5000-7000-8000-000000000002";
  private static final String OWN_TURN = "019a0000-6000-7000-8000-000000000005";

  @TempDir Path dir;

  @Test
  void forkChildShapedLikeCodex0144FlagsOnlyTheParentsRows() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(CHILD, ",\"forked_from_id\":\"" + PARENT + "\"")
        .sessionMeta(PARENT)
        .taskStarted(PARENT_TURN_1)
        .turnContext(PARENT_TURN_1, "gpt-5", "low")
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110))
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110))
        .taskComplete(PARENT_TURN_1)
        .taskStarted(OWN_TURN)
        .turnContext(OWN_TURN, "gpt-5", "low")
        .tokenCount(usage(40, 0, 10, 0, 50), usage(140, 0, 20, 0, 160))
        .parse(dir);

    assertThat(s.segment().threadId()).isEqualTo(CHILD);
    assertThat(s.segment().forkedFromId()).isEqualTo(PARENT);
    assertThat(s.segment().sessionMetaCount()).isEqualTo(2);
    assertThat(s.events()).extracting(TokenEvent::lineNumber).containsExactly(5L, 6L, 10L);
    assertThat(s.events()).extracting(e -> e.has(EventFlag.REPLAYED))
        .containsExactly(true, true, false);
    assertThat(s.events()).extracting(TokenEvent::threadId).containsOnly(CHILD);
    assertThat(s.events().get(2).flags()).isEmpty();
  }

  @Test
  void forkWithOldTurnIdsFlagsRowsAfterForeignSessionMetaUntilNextTurn() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(CHILD, ",\"forked_from_id\":\"" + PARENT + "\"")
        .sessionMeta(PARENT)
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110))
        .taskStarted("1")
        .tokenCount(usage(40, 0, 10, 0, 50), usage(140, 0, 20, 0, 160))
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::flags)
        .containsExactly(Set.of(EventFlag.REPLAYED), Set.of());
  }

  @Test
  void childRowsBeforeAnyTurnWithoutReplayEvidenceAreUnverified() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(CHILD, ",\"forked_from_id\":\"" + PARENT + "\"")
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110))
        .taskStarted("1")
        .tokenCount(usage(40, 0, 10, 0, 50), usage(140, 0, 20, 0, 160))
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::flags)
        .containsExactly(Set.of(EventFlag.REPLAY_UNVERIFIED), Set.of());
  }

  @Test
  void subagentRowsUnderTurnsOlderThanTheChildAreReplayed() {
    RolloutSegment s = Rollouts.create()
        .envelope(Rollouts.T0, "session_meta", "{\"id\":\"" + CHILD + "\",\"source\":{\"subagent\":"
            + "{\"thread_spawn\":{\"parent_thread_id\":\"" + PARENT + "\",\"depth\":1}}}}")
        .taskStarted(PARENT_TURN_1)
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110))
        .taskStarted(PARENT_TURN_2)
        .tokenCount(usage(100, 0, 10, 0, 110), usage(200, 0, 20, 0, 220))
        .taskStarted(OWN_TURN)
        .tokenCount(usage(100, 0, 10, 0, 110), usage(200, 0, 20, 0, 220))
        .parse(dir);

    assertThat(s.segment().parentThreadId()).isEqualTo(PARENT);
    assertThat(s.events()).extracting(TokenEvent::flags).containsExactly(
        Set.of(EventFlag.REPLAYED), Set.of(EventFlag.REPLAYED), Set.of(EventFlag.REPEATED_TOTAL));
  }

  @Test
  void parentThreadIdAloneMakesAChild() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(CHILD, ",\"parent_thread_id\":\"" + PARENT + "\"")
        .taskStarted(PARENT_TURN_1)
        .tokenCount(usage(100, 0, 10, 0, 110), usage(100, 0, 10, 0, 110))
        .parse(dir);

    assertThat(s.segment().parentThreadId()).isEqualTo(PARENT);
    assertThat(s.events().get(0).has(EventFlag.REPLAYED)).isTrue();
  }

  @Test
  void twoLineChildWithoutReplayHasNoFlaggedRows() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(CHILD, ",\"forked_from_id\":\"" + PARENT + "\",\"forked_from_ordinal_exclusive\":42")
        .taskStarted(OWN_TURN)
        .tokenCount(usage(40, 0, 10, 0, 50), usage(40, 0, 10, 0, 50))
        .parse(dir);

    assertThat(s.events()).singleElement().satisfies(e -> assertThat(e.flags()).isEmpty());
  }

  @Test
  void usageRecordUnderAParentTurnIsReplayed() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(CHILD, ",\"forked_from_id\":\"" + PARENT + "\"")
        .taskStarted(OWN_TURN)
        .envelope(Rollouts.T0, "token_usage_record", "{\"turn_id\":\"" + PARENT_TURN_1
            + "\",\"response_id\":\"resp_p\",\"usage\":" + usage(5, 0, 1, 0, 6) + "}")
        .envelope(Rollouts.T0, "token_usage_record", "{\"turn_id\":\"" + OWN_TURN
            + "\",\"response_id\":\"resp_c\",\"usage\":" + usage(5, 0, 1, 0, 6) + "}")
        .parse(dir);

    assertThat(s.events()).extracting(e -> e.has(EventFlag.REPLAYED)).containsExactly(true, false);
  }

  @Test
  void rowsOfAFileThatIsNotAChildAreNeverFlaggedReplayed() {
    RolloutSegment s = Rollouts.create()
        .sessionMeta(CHILD)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(1, 0, 1, 0, 2))
        .sessionMeta(PARENT)
        .taskStarted(PARENT_TURN_1)
        .tokenCount(usage(1, 0, 1, 0, 2), usage(2, 0, 2, 0, 4))
        .parse(dir);

    assertThat(s.events()).extracting(TokenEvent::flags).containsOnly(Set.of());
  }
}
