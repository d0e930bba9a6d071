package dev.wlat.testkit;

/**
 * Token usage as Codex counts it: {@code input} includes {@code cached}, {@code output} includes
 * {@code reasoning}, and {@code total == input + output}.
 *
 * <p>The constructor checks these invariants and that no field is negative, so a ground-truth
 * figure can never be internally inconsistent.
 *
 * @param input input tokens, cached ones included
 * @param cached cached input tokens, at most {@code input}
 * @param output output tokens, reasoning ones included
 * @param reasoning reasoning output tokens, at most {@code output}
 * @param total {@code input + output}
 */
public record Usage(long input, long cached, long output, long reasoning, long total) {

  /** No usage. */
  public static final Usage ZERO = new Usage(0, 0, 0, 0, 0);

  public Usage {
    if (input < 0 || cached < 0 || output < 0 || reasoning < 0) {
      throw new IllegalArgumentException(
          "Usage fields must be non-negative: [%d,%d,%d,%d]".formatted(input, cached, output, reasoning));
    }
    if (cached > input || reasoning > output) {
      throw new IllegalArgumentException(
          "cached [%d] must be <= input [%d] and reasoning [%d] <= output [%d]"
              .formatted(cached, input, reasoning, output));
    }
    if (total != Math.addExact(input, output)) {
      throw new IllegalArgumentException("total [%d] must equal input + output [%d]".formatted(total, input + output));
    }
  }

  /** {@return the usage with the given parts; the total is derived}. */
  public static Usage of(long input, long cached, long output, long reasoning) {
    return new Usage(input, cached, output, reasoning, Math.addExact(input, output));
  }

  /** {@return the field-wise sum, exact (throws on overflow)}. */
  public Usage plus(Usage o) {
    return of(
        Math.addExact(input, o.input),
        Math.addExact(cached, o.cached),
        Math.addExact(output, o.output),
        Math.addExact(reasoning, o.reasoning));
  }

  /** {@return the field-wise difference; throws if any field would become negative}. */
  public Usage minus(Usage o) {
    return of(input - o.input, cached - o.cached, output - o.output, reasoning - o.reasoning);
  }

  /** {@return input tokens that were not served from cache}. */
  public long uncachedInput() {
    return input - cached;
  }
}
