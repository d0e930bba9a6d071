/**
 * Insights: a small, pure engine that reads accounted model calls and points at the threads and
 * calls that spent tokens in avoidable ways (bloated context, cache misses, runaway threads,
 * reasoning spikes, expensive calls that wrote little), ranked by the tokens at stake.
 *
 * <p>Insights carry only numbers, ids and model names: never prompt text, paths or model output.
 */
package dev.wlat.accounting.insights;
