package dev.wlat.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.doubles;

import java.util.Locale;
import org.junit.jupiter.api.Test;

class CellsTests {

  @Test
  void ratiosHaveTheDigitsOfFormatWithFourDecimals() {
    qt().withExamples(20_000).forAll(doubles().between(0, 1e6)).checkAssert(r ->
        assertThat(Cells.ratio(r)).isEqualTo(String.format(Locale.ROOT, "%.4f", r)));
    qt().withExamples(5_000).forAll(doubles().between(0, 10)).checkAssert(r -> {
      double halfway = Math.floor(r * 1e4) / 1e4 + 0.00005; // ties are where rounding modes differ
      assertThat(Cells.ratio(halfway)).isEqualTo(String.format(Locale.ROOT, "%.4f", halfway));
    });
  }

  @Test
  void instantsAreWrittenAsTheIsoFormatterWritesThem() {
    java.time.format.DateTimeFormatter iso = java.time.format.DateTimeFormatter
        .ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'", Locale.ROOT).withZone(java.time.ZoneOffset.UTC);
    qt().withExamples(50_000).forAll(org.quicktheories.generators.SourceDSL.longs()
        .between(-62_135_596_800_000L, 253_402_300_799_999L)).checkAssert(ms -> {
          java.time.Instant t = java.time.Instant.ofEpochMilli(ms).plusNanos(Math.floorMod(ms * 7919, 1_000_000));
          assertThat(Cells.instant(t)).isEqualTo(iso.format(t));
        });
    java.time.Instant far = java.time.Instant.parse("+12026-01-01T00:00:00Z");
    assertThat(Cells.instant(far)).isEqualTo(iso.format(far));
    assertThat(Cells.instant(java.time.Instant.parse("2024-02-29T23:59:59.999999999Z"))).isEqualTo("2024-02-29T23:59:59.999Z");
    assertThat(Cells.instant(null)).isNull();
  }

  @Test
  void aRatioThatIsNoNumberIsEmpty() {
    assertThat(Cells.ratio(null)).isNull();
    assertThat(Cells.ratio(Double.NaN)).isNull();
    assertThat(Cells.ratio(Double.POSITIVE_INFINITY)).isNull();
    assertThat(Cells.ratio(1.0)).isEqualTo("1.0000");
    assertThat(Cells.ratio(1.70004999)).isEqualTo("1.7000");
  }
}
