package dev.wlat.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard in real headless Chromium (Debian's {@code chromium} and {@code chromium-driver};
 * {@code .ci/run} installs them): served by a running {@code wlat serve}, and as {@code wlat
 * dashboard}'s static file. The totals it shows must equal the backfill's TSV facts; every view is
 * clicked through and saved as a screenshot under {@code target/screenshots/}.
 */
class DashboardBrowserTests {

  private static final Path EXAMPLE = ExampleFacts.HOME;
  private static final Path CLAUDE = Path.of("..", "examples", "claude-home");
  private static final Path SHOTS = Path.of("target", "screenshots");

  @TempDir static Path temp;

  @BeforeAll
  static void needsChromium() {
    Assumptions.assumeTrue(Chromium.available(), "needs /usr/bin/chromium and /usr/bin/chromedriver (Debian packages"
        + " chromium and chromium-driver; .ci/run installs them)");
  }

  private static String count(Object testId) {
    return "document.querySelectorAll('[data-testid=\"" + testId + "\"]').length";
  }

  private static boolean visible(Chromium c, String testId) throws Exception {
    return Boolean.TRUE.equals(c.js("var e = document.querySelector('[data-testid=\"" + testId + "\"]');"
        + " return !!e && e.offsetParent !== null;"));
  }

  @Test
  void theServedPageShowsTheFactsAndEveryViewWorks() throws Exception {
    try (ServeProcess s = ServeProcess.start("--codex-home", EXAMPLE.toString(), "--claude-home", CLAUDE.toString(),
        "--since", "all");
        Chromium c = Chromium.start(temp.resolve("profile-serve"))) {
      Map<String, Object> data = Json.object(s.get("/api/dashboard").body());
      int provider = Json.column(data, "provider");
      int tokens = Json.column(data, "tokens");
      long claudeTokens = Json.calls(data).stream().filter(r -> "claude".equals(r.get(provider)))
          .mapToLong(r -> (Long) r.get(tokens)).sum();
      assertThat(claudeTokens).isPositive();

      c.open(s.link("range=all&view=overview"));
      c.await("document.body.dataset.ready === 'true'");
      assertThat(c.url()).doesNotContain("token=").contains("view=overview");
      assertThat(c.js("return document.querySelector('[data-testid=\"card-total-tokens\"]').dataset.value"))
          .isEqualTo(Long.toString(ExampleFacts.get().tokens() + claudeTokens));
      c.screenshot(SHOTS.resolve("overview-combined.png"));
      c.click("[data-testid=\"filter-provider-claude\"]");
      c.await("document.querySelector('[data-testid=\"card-total-tokens\"]').dataset.value === '" + claudeTokens + "'");
      assertThat(c.url()).contains("provider=claude");
      // Codex alone: the backfill's accounted rows, to the token
      c.click("[data-testid=\"filter-provider-codex\"]");
      c.await("document.querySelector('[data-testid=\"card-total-tokens\"]').dataset.value === '"
          + ExampleFacts.get().tokens() + "'");
      List<List<Object>> calls = Json.calls(data).stream().filter(r -> "codex".equals(r.get(provider))).toList();
      assertThat(c.js("return document.querySelector('[data-testid=\"card-calls\"]').dataset.value"))
          .isEqualTo(Integer.toString(calls.size()));
      c.screenshot(SHOTS.resolve("overview.png"));

      c.click("[data-testid=\"tab-threads\"]");
      c.await(count("thread-row") + " > 0");
      assertThat(visible(c, "view-threads")).isTrue();
      assertThat(visible(c, "view-overview")).isFalse();
      c.screenshot(SHOTS.resolve("threads.png"));

      c.click("[data-testid=\"tab-calls\"]");
      c.await(count("call-row") + " > 0");
      assertThat(c.url()).contains("view=calls");
      assertThat(((Number) c.js("return " + count("call-row"))).intValue()).isEqualTo(Math.min(100, calls.size()));
      assertThat((String) c.js("return document.querySelector('[data-testid=\"calls-range\"]').textContent"))
          .contains(String.format(java.util.Locale.US, "%,d", calls.size()));
      c.screenshot(SHOTS.resolve("calls.png"));

      // the context of one call: counts by kind, no text until asked for
      c.click("[data-testid=\"context-button\"]");
      c.await("document.getElementById('ctx-body').textContent.indexOf('est. tokens') >= 0");
      assertThat((String) c.js("return document.getElementById('ctx-body').textContent")).contains("total");
      c.screenshot(SHOTS.resolve("context.png"));
      c.js("document.getElementById('ctx-close').click();");

      // one model only: the page's count must be that model's calls in the data
      int model = Json.column(data, "model");
      String chosen = (String) calls.get(0).get(model);
      long ofModel = calls.stream().filter(r -> chosen.equals(r.get(model))).count();
      c.js("var m = document.querySelector('[data-testid=\"filter-model\"]'); m.value = " + Chromium.quote(chosen)
          + "; m.dispatchEvent(new Event('change', {bubbles: true}));");
      c.await("document.querySelector('[data-testid=\"calls-range\"]').textContent.indexOf("
          + Chromium.quote(String.format(java.util.Locale.US, "of %,d", ofModel)) + ") >= 0");
      assertThat(c.url()).contains("model=");

      // the export holds every filtered call (all pages), one line each after the header
      c.js("window.__blobs = []; URL.createObjectURL = function (b) { window.__blobs.push(b); return '#'; };"
          + " HTMLAnchorElement.prototype.click = function () {};"); // keep the blob, skip the download itself
      c.click("[data-testid=\"export-tsv\"]");
      Object tsv = c.jsAsync("var done = arguments[0]; var t = setInterval(function () { if (window.__blobs.length) {"
          + " clearInterval(t); window.__blobs[0].text().then(done); } }, 50);");
      List<String> lines = ((String) tsv).lines().toList();
      assertThat(lines.get(0).split("\t")).contains("event_id", "tokens", "model");
      assertThat(lines).hasSize((int) ofModel + 1);

      c.click("[data-testid=\"filter-provider-all\"]");
      c.click("[data-testid=\"tab-insights\"]");
      c.await("document.querySelector('[data-testid=\"view-insights\"]').offsetParent !== null");
      c.js("var m = document.querySelector('[data-testid=\"filter-model\"]'); m.value = '';"
          + " m.dispatchEvent(new Event('change', {bubbles: true}));");
      c.await("document.body.dataset.ready === 'true'");
      assertThat(((Number) c.js("return " + count("insight"))).intValue())
          .isEqualTo(((List<?>) data.get("insights")).size());
      c.screenshot(SHOTS.resolve("insights.png"));

      // the URL keeps the view: a reload (the token kept for this tab) comes back to it
      c.open(c.url());
      c.await("document.body.dataset.ready === 'true'");
      assertThat(visible(c, "view-insights")).isTrue();
    }
  }

  @Test
  void theStaticSnapshotShowsTheSameTotalsWithoutAServer() throws Exception {
    Path page = temp.resolve("dashboard.html");
    Cli.Result r = Cli.run("dashboard", "--codex-home", EXAMPLE.toString(), "--since", "all", "--output",
        page.toString());
    assertThat(r.exitCode()).as(r.describe()).isZero();
    try (Chromium c = Chromium.start(temp.resolve("profile-static"))) {
      c.open(page.toUri() + "?range=all");
      c.await("document.body.dataset.ready === 'true'");
      assertThat(c.js("return document.querySelector('[data-testid=\"card-total-tokens\"]').dataset.value"))
          .isEqualTo(Long.toString(ExampleFacts.get().tokens()));
      assertThat(c.js("return document.body.dataset.error || ''")).isEqualTo("");
    }
  }
}
