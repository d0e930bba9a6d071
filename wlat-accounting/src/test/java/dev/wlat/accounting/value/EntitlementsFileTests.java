package dev.wlat.accounting.value;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import dev.wlat.model.Entitlement;
import dev.wlat.model.EntitlementConfidence;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class EntitlementsFileTests {

  private static final String HEADER = "window_start\twindow_end\tbase_subscription_usd\tbase_subscription_tokens"
      + "\tpurchased_usd\tpurchased_tokens\tsource\tconfidence\tevidence_path\n";

  private static List<Entitlement> parse(String text) {
    return EntitlementsFile.parse("entitlements.tsv", text.getBytes(StandardCharsets.UTF_8), ZoneOffset.UTC);
  }

  @Test
  void readsWindowsSkippingCommentsAndBlankLinesWithEmptyPurchasedAsZero() {
    List<Entitlement> rows = parse("# plans\n\n" + HEADER
        + "2026-09-01\t2026-10-01\t20\t40000000\t\t\tbilling page\testimated\n"
        + "# October bought extra\n"
        + "2026-10-01T00:00:00Z\t2026-11-01T00:00:00+00:00\t20.00\t40000000\t10.5\t5000000\tinvoice\texact\tinvoices/oct.pdf\n");

    assertThat(rows).hasSize(2);
    Entitlement sep = rows.get(0);
    assertThat(sep.windowStart()).isEqualTo(Instant.parse("2026-09-01T00:00:00Z"));
    assertThat(sep.windowEnd()).isEqualTo(Instant.parse("2026-10-01T00:00:00Z"));
    assertThat(sep.purchasedUsd()).isEqualByComparingTo(BigDecimal.ZERO);
    assertThat(sep.purchasedTokens()).isZero();
    assertThat(sep.evidencePath()).isNull();
    assertThat(sep.line()).isEqualTo(4);
    Entitlement oct = rows.get(1);
    assertThat(oct.purchasedUsd()).isEqualByComparingTo("10.5");
    assertThat(oct.confidence()).isEqualTo(EntitlementConfidence.EXACT);
    assertThat(oct.evidencePath()).isEqualTo("invoices/oct.pdf");
    assertThat(oct.line()).isEqualTo(6);
  }

  @Test
  void aBareDateStartsItsDayInTheGivenZone() {
    List<Entitlement> rows = EntitlementsFile.parse("e.tsv",
        (HEADER + "2026-09-01\t2026-10-01\t20\t1000\t\t\tx\tassumed\n").getBytes(StandardCharsets.UTF_8),
        ZoneId.of("Europe/Berlin"));

    assertThat(rows.get(0).windowStart()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
  }

  @Test
  void aHeaderWithoutTheLastColumnAndAHeaderOnlyFileAreFine() {
    String shortHeader = HEADER.replace("\tevidence_path", "");

    assertThat(parse(shortHeader)).isEmpty();
    assertThat(parse(shortHeader + "2026-09-01\t2026-10-01\t0\t1000\t\t\tfree tier\tassumed\n")).hasSize(1);
  }

  @Test
  void malformedFilesNameTheFileLineAndColumn() {
    String ok = "2026-09-01\t2026-10-01\t20\t1000\t\t\tx\texact";
    assertAll(
        nope(HEADER + "2026-09-01\t2026-10-01\t20\t12k\t\t\tx\texact\n",
            "entitlements.tsv:2: column base_subscription_tokens: [12k] is not a whole number"),
        nope(HEADER + "\n2026-09-01\t2026-10-01\t$20\t1000\t\t\tx\texact\n",
            "entitlements.tsv:3: column base_subscription_usd: [$20] is not a decimal amount"),
        nope(HEADER + "2026-09-31\t2026-10-01\t20\t1000\t\t\tx\texact\n",
            "entitlements.tsv:2: column window_start: [2026-09-31] is not a date"),
        nope(HEADER + "2026-10-01\t2026-09-01\t20\t1000\t\t\tx\texact\n",
            "entitlements.tsv:2: column window_end: [2026-09-01] must be after window_start [2026-10-01]"),
        nope(HEADER + "2026-09-01\t2026-10-01\t20\t0\t\t\tx\texact\n",
            "entitlements.tsv:2: column base_subscription_tokens: [0] must be more than 0 when base_subscription_usd is [20]"),
        nope(HEADER + "2026-09-01\t2026-10-01\t20\t1000\t5\t\tx\texact\n",
            "entitlements.tsv:2: column purchased_tokens: [] must be more than 0 when purchased_usd is [5]"),
        nope(HEADER + "2026-09-01\t2026-10-01\t20\t\t\t\tx\texact\n",
            "entitlements.tsv:2: column base_subscription_tokens: must not be empty"),
        nope(HEADER + "2026-09-01\t2026-10-01\t20\t1000\t\t\t\texact\n",
            "entitlements.tsv:2: column source: must not be empty"),
        nope(HEADER + "2026-09-01\t2026-10-01\t20\t1000\t\t\tx\tsure\n",
            "entitlements.tsv:2: column confidence: [sure] must be exact, estimated or assumed"),
        nope(HEADER + ok + "\tp\textra\n",
            "entitlements.tsv:2: column 10: unexpected"),
        nope(HEADER + ok + "\n2026-09-30\t2026-11-01\t20\t1000\t\t\tx\texact\n",
            "entitlements.tsv:3: column window_start: [2026-09-30] overlaps the window on line 2"),
        nope("start\tend\n", "entitlements.tsv:1: header: expected the tab-separated columns window_start, window_end"),
        nope("# only a comment\n", "entitlements.tsv: no header line"),
        nope(HEADER + "2026-09-01\t2026-10-01\t20\t99999999999999999999\t\t\tx\texact\n",
            "entitlements.tsv:2: column base_subscription_tokens: [99999999999999999999] is too large"));
  }

  @Test
  void aSecretTypedIntoACellIsNotEchoed() {
    String secret = "ghp_" + "a".repeat(36);

    assertThatThrownBy(() -> parse(HEADER + "2026-09-01\t2026-10-01\t20\t" + secret + "\t\t\tx\texact\n"))
        .isInstanceOf(EntitlementException.class)
        .hasMessageContaining("[redacted:github_token]")
        .hasMessageNotContaining(secret);
  }

  @Test
  void textThatIsNotUtf8IsRejected() {
    assertThatThrownBy(() -> EntitlementsFile.parse("e.tsv", new byte[] {(byte) 0xff, (byte) 0xfe, 'x'}, ZoneOffset.UTC))
        .isInstanceOf(EntitlementException.class).hasMessage("e.tsv: not UTF-8 text");
  }

  private static Executable nope(String text, String messageStart) {
    return () -> assertThatThrownBy(() -> parse(text)).as(messageStart)
        .isInstanceOf(EntitlementException.class)
        .hasMessageStartingWith(messageStart)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }
}
