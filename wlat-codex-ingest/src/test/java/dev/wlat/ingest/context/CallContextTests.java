package dev.wlat.ingest.context;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.wlat.ingest.IngestException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the lines before one token_count row hold: counted by kind, estimated, text only when asked and redacted. */
class CallContextTests {

  private static final String SECRET = "sk-" + "proj-Ab12Cd34Ef56Gh78Ij90Kl12Mn34Op56";

  @TempDir Path temp;

  private static String line(String type, String payload) {
    return "{\"timestamp\":\"2026-05-01T10:00:00.000Z\",\"type\":\"" + type + "\",\"payload\":" + payload + "}\n";
  }

  private static final String TOKEN_COUNT = line("event_msg", "{\"type\":\"token_count\",\"info\":null}");

  private Path rollout() throws IOException {
    Path f = temp.resolve("rollout.jsonl");
    Files.writeString(f, line("session_meta", "{\"id\":\"t\"}") // 1
        + line("response_item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"first\"}]}") // 2
        + TOKEN_COUNT // 3
        + line("response_item", "{\"type\":\"message\",\"role\":\"user\",\"content\":[{\"type\":\"input_text\","
            + "\"text\":\"use the key " + SECRET + " to deploy the service\"}]}") // 4
        + "not json at all\n" // 5
        + line("response_item", "{\"type\":\"function_call_output\",\"call_id\":\"c1\",\"output\":\"ok\"}") // 6
        + line("response_item", "{\"type\":\"function_call_output\",\"call_id\":\"c2\",\"output\":\"done\"}") // 7
        + TOKEN_COUNT); // 8
    return f;
  }

  @Test
  void countsTheLinesSinceThePreviousTokenCountByKind() throws IOException {
    CallContext.Context c = CallContext.of(rollout(), 8, false);

    assertThat(c.fromLine()).isEqualTo(4);
    assertThat(c.malformed()).isEqualTo(1);
    assertThat(c.kinds()).extracting(CallContext.Kind::kind)
        .containsExactly("response_item:message:user", "response_item:function_call_output");
    assertThat(c.kinds()).extracting(CallContext.Kind::count).containsExactly(1L, 2L);
    assertThat(c.kinds().get(0).estimatedTokens()).isBetween(10L, 40L);
    assertThat(c.kinds()).allSatisfy(k -> assertThat(k.text()).isNull());
    // the first call's context starts at line 1 and holds the session's first lines
    assertThat(CallContext.of(rollout(), 3, false).kinds()).extracting(CallContext.Kind::kind)
        .containsExactly("session_meta", "response_item:message:user");
  }

  @Test
  void textComesOnlyWhenAskedAndRedacted() throws IOException {
    CallContext.Context c = CallContext.of(rollout(), 8, true);

    String text = c.kinds().get(0).text();
    assertThat(text).contains("to deploy the service").doesNotContain(SECRET);
    assertThat(c.kinds().get(1).text()).isEqualTo("ok\n---\ndone");
  }

  @Test
  void aLineThatIsNoTokenCountIsAClearError() throws IOException {
    Path f = rollout();
    assertThatThrownBy(() -> CallContext.of(f, 4, false)).isInstanceOf(IngestException.class)
        .hasMessageContaining(f + ":4: not a token_count row");
    assertThatThrownBy(() -> CallContext.of(f, 99, false)).isInstanceOf(IngestException.class)
        .hasMessageContaining(":99: no token_count row");
  }

  @Test
  void aLineTooLongToHoldIsCountedNotRead() throws IOException {
    Path f = temp.resolve("long.jsonl");
    try (var out = Files.newOutputStream(f)) {
      out.write(line("session_meta", "{\"id\":\"t\"}").getBytes());
      out.write("{\"timestamp\":\"2026-05-01T10:00:00.000Z\",\"type\":\"response_item\",\"payload\":{\"type\":\"message\",\"text\":\"".getBytes());
      byte[] chunk = new byte[1 << 20];
      java.util.Arrays.fill(chunk, (byte) 'a');
      for (int i = 0; i < 9; i++) { // 9 MiB: over the 8 MiB a line may hold
        out.write(chunk);
      }
      out.write("\"}}\n".getBytes());
      out.write(TOKEN_COUNT.getBytes());
    }
    CallContext.Context c = CallContext.of(f, 3, true);

    assertThat(c.kinds()).extracting(CallContext.Kind::kind).containsExactly("session_meta", CallContext.OVERSIZED);
    CallContext.Kind big = c.kinds().get(1);
    assertThat(big.count()).isEqualTo(1);
    assertThat(big.bytes()).isGreaterThan(9L << 20);
    assertThat(big.estimatedTokens()).isEqualTo(-1);
    assertThat(big.text()).isEmpty();
  }
}
