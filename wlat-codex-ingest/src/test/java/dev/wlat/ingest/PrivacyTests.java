package dev.wlat.ingest;

import static dev.wlat.ingest.Rollouts.THREAD;
import static dev.wlat.ingest.Rollouts.usage;
import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.model.RolloutSegment;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** No text from prompts, messages, instructions or tool output may reach any record. */
class PrivacyTests {

  private static final List<String> SECRETS = List.of(
      "sk-proj-PLANTEDuserMESSAGE0001", "ghp_PLANTEDinstructions00000000002",
      "sk-proj-PLANTEDtoolOUTPUT0003", "ghp_PLANTEDfunctionARGS000000000004",
      "sk-proj-PLANTEDdeveloperINSTR0005", "ghp_PLANTEDcompacted0000000000006",
      "sk-proj-PLANTEDreasoning0007", "ghp_PLANTEDmalformed00000000000008",
      "sk-proj-PLANTEDunknownType0009");

  @TempDir Path dir;

  @Test
  void plantedSecretsAppearInNoRecord() {
    String turn = "019a1111-0001-7000-8000-000000000001";
    RolloutSegment s = Rollouts.create()
        .envelope(Rollouts.T0, "session_meta", "{\"id\":\"" + THREAD + "\",\"cwd\":\"/w\","
            + "\"instructions\":\"" + SECRETS.get(1) + "\",\"base_instructions\":{\"text\":\""
            + SECRETS.get(1) + "\"},\"source\":\"cli\"}")
        .taskStarted(turn)
        .envelope(Rollouts.T0, "turn_context", "{\"turn_id\":\"" + turn + "\",\"model\":\"gpt-5\","
            + "\"user_instructions\":\"" + SECRETS.get(1) + "\",\"developer_instructions\":\""
            + SECRETS.get(4) + "\",\"collaboration_mode\":{\"settings\":{\"developer_instructions\":\""
            + SECRETS.get(4) + "\"}},\"sandbox_policy\":{\"writable_roots\":[\"" + SECRETS.get(4)
            + "\"]}}")
        .userMessage("my key is " + SECRETS.get(0))
        .responseMessage("user", SECRETS.get(0))
        .functionCall("{\\\"cmd\\\":\\\"export T=" + SECRETS.get(3) + "\\\"}", SECRETS.get(2))
        .envelope(Rollouts.T0, "event_msg", "{\"type\":\"exec_command_end\",\"stdout\":\""
            + SECRETS.get(2) + "\"}")
        .envelope(Rollouts.T0, "event_msg", "{\"type\":\"agent_reasoning\",\"text\":\""
            + SECRETS.get(6) + "\"}")
        .agentMessage(SECRETS.get(0))
        .tokenCount(usage(10, 0, 2, 0, 12), usage(10, 0, 2, 0, 12))
        .compacted(SECRETS.get(5))
        .line("{\"timestamp\":\"" + Rollouts.T0 + "\",\"type\":\"event_msg\",\"payload\":{\"type\":"
            + "\"user_message\",\"message\":\"" + SECRETS.get(7) + "\"")
        .envelope(Rollouts.T0, "mystery", "{\"note\":\"" + SECRETS.get(8) + "\"}")
        .line("{\"payload\":{\"type\":\"user_message\",\"message\":\"" + SECRETS.get(0)
            + "\"},\"type\":\"event_msg\",\"timestamp\":\"" + Rollouts.T0 + "\"}")
        .parse(dir);

    String everything = s.toString();
    assertThat(s.events()).hasSize(1);
    assertThat(s.diagnostics().isEmpty()).isFalse();
    for (String secret : SECRETS) {
      assertThat(everything).doesNotContain(secret);
    }
  }
}
