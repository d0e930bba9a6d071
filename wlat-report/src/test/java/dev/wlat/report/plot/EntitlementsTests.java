package dev.wlat.report.plot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertAll;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

/** An entitlements file is read as allocate-value reads it, and every problem is named by file, line and column. */
class EntitlementsTests {

  private static final Path FILE = Path.of("ent.tsv");
  private static final String HEADER = String.join("\t", Entitlements.COLUMNS) + "\n";

  @Test
  void readsDatesInstantsAndEmptyPurchasesSkippingCommentsAndBlankLines() {
    Entitlements e = parse(HEADER
        + "# September\n"
        + "2026-09-01\t2026-10-01\t200\t6000000\t40\t2000000\tplan page\testimated\tdocs/plan.png\n"
        + "\n"
        + "2026-10-01T00:00:00+02:00\t2026-11-01T00:00:00Z\t200\t6000000\t\t\tplan page\tassumed\t\n", ZoneId.of("Europe/Berlin"));

    assertThat(e.given()).isTrue();
    assertThat(e.periods()).hasSize(2);
    Entitlements.Period sep = e.periods().get(0);
    assertThat(sep.start()).isEqualTo(Instant.parse("2026-08-31T22:00:00Z"));
    assertThat(sep.totalTokens()).isEqualTo(8_000_000L);
    assertThat(sep.line()).isEqualTo(3);
    Entitlements.Period oct = e.periods().get(1);
    assertThat(oct.start()).isEqualTo(Instant.parse("2026-09-30T22:00:00Z"));
    assertThat(oct.purchasedTokens()).isZero();
    assertThat(oct.line()).isEqualTo(5);
  }

  @Test
  void malformedFilesAreNamedByLineAndColumnAsAllocateValueNamesThem() {
    String good = "2026-09-01\t2026-10-01\t200\t6000000\t40\t2000000\tplan\testimated\t\n";
    assertAll(
        nope(HEADER + good + "2026-10-01\t2026-11-01\t200\t6000000\t40\t12x\tplan\testimated\t\n",
            "ent.tsv:3: column purchased_tokens: [12x]"),
        nope(HEADER + "2026-09-01\t2026-10-01\t200\t-5\t\t\tplan\testimated\t\n",
            "ent.tsv:2: column base_subscription_tokens: [-5]"),
        nope(HEADER + "yesterday\t2026-10-01\t200\t5\t\t\tplan\testimated\t\n", "ent.tsv:2: column window_start: [yesterday]"),
        nope(HEADER + "2026-10-01\t2026-09-01\t200\t5\t\t\tplan\testimated\t\n", "ent.tsv:2: column window_end"),
        nope("window_start\twindow_end\tbase_subscription_tokens\n" + good, "ent.tsv:1: header"),
        nope("# nothing\n\n", "ent.tsv"));
  }

  @Test
  void aMissingFileIsNamed() {
    assertThatThrownBy(() -> Entitlements.parse(Path.of("no-such-ent.tsv"), ZoneOffset.UTC))
        .isInstanceOf(PlotException.class).hasMessage("--entitlements: not a file: no-such-ent.tsv");
  }

  private static Entitlements parse(String text, ZoneId zone) {
    return Entitlements.parse(FILE, text.getBytes(StandardCharsets.UTF_8), zone);
  }

  private static Executable nope(String text, String message) {
    return () -> assertThatThrownBy(() -> parse(text, ZoneOffset.UTC)).isInstanceOf(PlotException.class)
        .hasMessageStartingWith(message).hasMessageNotContaining("\n");
  }
}
