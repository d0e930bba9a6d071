package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.wlat.report.TsvReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The TSV facts of the example home that the dashboard tests compare with: a real backfill's
 * accounted rows (accounting_included = 1), summed here, once per test JVM.
 *
 * @param tokens Σ cumulative_delta_tokens
 * @param usd Σ cost_usd of the priced rows
 * @param outputRoot the backfill's output root
 */
record ExampleFacts(long tokens, BigDecimal usd, Path outputRoot) {

  static final Path HOME = Path.of("..", "examples", "codex-home");
  private static ExampleFacts facts;

  static synchronized ExampleFacts get() {
    if (facts == null) {
      Path out;
      try {
        out = Files.createTempDirectory("wlat-example-facts");
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      Cli.Result r = Cli.run("backfill", "--since", "all", "--codex-home", HOME.toString(), "--output-root",
          out.toString(), "--skip-github", "--no-reports", "--no-plots");
      assertThat(r.exitCode()).as(r.describe()).isZero();
      long tokens = 0;
      BigDecimal usd = BigDecimal.ZERO;
      for (Map<String, String> row : TsvReader.readAll(out.resolve("data/token_event_accounting.tsv"))) {
        if (row.get("accounting_included").equals("1")) {
          tokens += Long.parseLong(row.get("cumulative_delta_tokens"));
          if (!row.get("cost_usd").isEmpty()) {
            usd = usd.add(new BigDecimal(row.get("cost_usd")));
          }
        }
      }
      assertThat(tokens).isPositive();
      facts = new ExampleFacts(tokens, usd, out);
    }
    return facts;
  }
}
