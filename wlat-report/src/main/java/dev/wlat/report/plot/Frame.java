package dev.wlat.report.plot;

import java.time.ZoneOffset;

/**
 * What every plot page shares: its data, the entitlements, the run, and the page's opening (title,
 * window line) and closing (accounting caption, footer).
 *
 * @param data the facts of the window
 * @param entitlements the entitlements, or {@link Entitlements#NONE}
 * @param runId the run writing the page
 */
record Frame(PlotData data, Entitlements entitlements, String runId) {

  /** The caption every plot carries: which accounting view its numbers are. */
  static final String ACCOUNTING = "cumulative_delta_tokens: positive deltas of cumulative totals; re-emits,"
      + " replayed fork prefixes and archived duplicates add nothing.";

  /** The message in place of a chart when the window holds no usage. */
  static final String EMPTY = "no usage in this window";

  /** {@return a page titled {@code title}, with the window line under it}. */
  Html page(String title) {
    return Html.page(title).subtitle(windowLine());
  }

  /** {@return the page finished with the accounting caption, {@code notes} and the footer}. */
  String finish(Html page, String notes) {
    page.caption("Accounting view:", ACCOUNTING + (notes.isEmpty() ? "" : " " + notes));
    page.footer("wlat plot, run " + runId + ", as of " + data.window().asOf().atOffset(ZoneOffset.UTC)
        + "; self-contained: no script, nothing fetched.");
    return page.render();
  }

  /** {@return e.g. "window 30d: 2026-09-13 00:00 – 2026-10-13 00:00 UTC · 5.41M tokens (…) in 42 threads"}. */
  String windowLine() {
    PlotData d = data;
    String span = d.window().window().since() == null
        ? "from the first usage " + Fmt.minute(d.from(), d.zone()) + " to " + Fmt.minute(d.to(), d.zone())
        : Fmt.minute(d.from(), d.zone()) + " – " + Fmt.minute(d.to(), d.zone());
    String usage = d.isEmpty() ? EMPTY
        : Fmt.tokens(d.totalTokens()) + " tokens (" + Fmt.exact(d.totalTokens()) + ") in "
            + Fmt.count(d.threadCount(), "thread") + ", " + Fmt.count(d.tokenRows(), "token row") + " with usage";
    return "window " + d.window().label() + ": " + span + " " + zoneName() + " · " + usage;
  }

  /** {@return the zone's id, for axis titles: "UTC", "Europe/Berlin"}. */
  String zoneName() {
    String id = data.zone().getId();
    return id.equals("Z") || id.equals("Etc/UTC") ? "UTC" : id;
  }
}
