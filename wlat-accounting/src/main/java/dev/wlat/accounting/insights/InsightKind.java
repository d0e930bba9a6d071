package dev.wlat.accounting.insights;

/** The kinds of insight, each with the label used in outputs and one suggested action. */
public enum InsightKind {
  /** Calls that filled much of the model's context window. */
  CONTEXT_BLOAT("context_bloat",
      "Start a fresh thread or compact sooner, and keep large files and logs out of the context."),
  /** A thread whose input was mostly not served from the cache. */
  CACHE_MISSES("cache_misses",
      "Keep the start of the prompt stable (instructions, AGENTS.md, tools) and resume threads instead of"
          + " restarting them, so input is served from the cache."),
  /** A thread that used very many tokens in all. */
  RUNAWAY_THREAD("runaway_thread",
      "Split the work into smaller threads and check for loops of repeated tool calls."),
  /** Calls whose output was almost all reasoning. */
  REASONING_SPIKE("reasoning_spike",
      "Use a lower reasoning effort for routine steps."),
  /** Calls that cost much but wrote little. */
  EXPENSIVE_LOW_OUTPUT("expensive_low_output",
      "The cost was the input: trim the context before asking small questions.");

  private final String label;
  private final String action;

  InsightKind(String label, String action) {
    this.label = label;
    this.action = action;
  }

  /** {@return the name used in outputs}. */
  public String label() {
    return label;
  }

  /** {@return the suggested action, one sentence}. */
  public String action() {
    return action;
  }
}
