/**
 * Plots of the data facts: five self-contained HTML pages per window (inline SVG and CSS, hover
 * values in SVG titles, no script, nothing fetched), every number in them cumulative-delta
 * accounting.
 *
 * <p>{@link dev.wlat.report.plot.PlotData#load} reads a backfill's {@code data/} for a window,
 * {@link dev.wlat.report.plot.Entitlements#parse} an optional entitlements file,
 * {@link dev.wlat.report.plot.Plots#render} draws the pages and {@link dev.wlat.report.plot.Plots#write}
 * puts them under {@code plots/}. Problems with the inputs are
 * {@link dev.wlat.report.plot.PlotException}s with one-line messages naming the file.
 */
package dev.wlat.report.plot;
