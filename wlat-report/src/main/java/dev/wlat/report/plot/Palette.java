package dev.wlat.report.plot;

import java.util.Locale;

/*
 * Colours that survive colour-blindness and grey-scale printing: the token mix uses four of the
 * Okabe-Ito colours; magnitudes use one sequential blue ramp, light for little and dark for much,
 * so size and darkness agree.
 */

/** The plots' colours. */
final class Palette {

  /** Uncached input. */
  static final String UNCACHED_INPUT = "#0072B2";
  /** Cached input. */
  static final String CACHED_INPUT = "#56B4E9";
  /** Output that is not reasoning. */
  static final String OUTPUT = "#E69F00";
  /** Reasoning output. */
  static final String REASONING = "#D55E00";
  /** A part of the total the field deltas do not split (only with inconsistent inputs). */
  static final String UNSPLIT = "#999999";
  /** The cumulative line. */
  static final String LINE = "#0B5CAD";
  /** Cumulative usage since an entitlement period's start. */
  static final String SINCE = "#57606a";
  /** Entitlement lines: base, then base plus purchased. */
  static final String BASE = "#009E73";
  static final String PURCHASED = "#CC79A7";

  private static final int[][] RAMP = {
      {0xd6, 0xe6, 0xf4}, {0x9e, 0xca, 0xe1}, {0x4a, 0x98, 0xc9}, {0x21, 0x71, 0xb5}, {0x08, 0x30, 0x6b}};

  private Palette() {}

  /** {@return the ramp colour at {@code t} in {@code [0, 1]}: light blue to dark blue}. */
  static String ramp(double t) {
    double c = Math.max(0, Math.min(1, t)) * (RAMP.length - 1);
    int i = Math.min(RAMP.length - 2, (int) Math.floor(c));
    double f = c - i;
    int[] a = RAMP[i];
    int[] b = RAMP[i + 1];
    return String.format(Locale.ROOT, "#%02x%02x%02x", mix(a[0], b[0], f), mix(a[1], b[1], f), mix(a[2], b[2], f));
  }

  /** {@return whether text on {@code ramp(t)} should be white}. */
  static boolean darkAt(double t) {
    return t > 0.55;
  }

  /**
   * {@return where {@code v} sits below {@code max} on a logarithmic scale of three decades}: 1 at
   * {@code max}, 0.5 at a thirtieth of it, 0 (floored at 0.04 for any usage) at a thousandth, so that
   * a cell of 10k next to one of 5M is still visible yet clearly lighter; 0 for {@code v <= 0}.
   */
  static double logShare(double v, double max) {
    if (v <= 0 || max <= 0) {
      return 0;
    }
    double t = 1 + Math.log10(v / max) / 3;
    return Math.max(0.04, Math.min(1, t));
  }

  private static int mix(int a, int b, double f) {
    return (int) Math.round(a + (b - a) * f);
  }
}
