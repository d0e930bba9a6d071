package dev.wlat.model;

import java.util.List;

/**
 * The outcome taxonomy: which {@link OutcomeType} a commit, branch, pull request or set of changed
 * paths belongs to. STUB: being written; every method answers {@link OutcomeType#UNKNOWN}.
 */
public final class OutcomeTaxonomy {

  private OutcomeTaxonomy() {}

  /** {@return the outcome of a commit message (its subject line decides first)}. */
  public static OutcomeType ofCommitMessage(String message) {
    return OutcomeType.UNKNOWN;
  }

  /** {@return the outcome a branch name suggests ({@code fix/retry} is a bugfix)}. */
  public static OutcomeType ofBranch(String branch) {
    return OutcomeType.UNKNOWN;
  }

  /** {@return the outcome of changed paths alone ({@code docs/**}, {@code *Test.java}, ...)}. */
  public static OutcomeType ofPaths(List<String> paths) {
    return OutcomeType.UNKNOWN;
  }

  /** {@return the outcome of a pull request or issue: labels first, then title, branch, paths}. */
  public static OutcomeType ofPullRequest(String title, List<String> labels, String branch, List<String> paths) {
    return OutcomeType.UNKNOWN;
  }
}
