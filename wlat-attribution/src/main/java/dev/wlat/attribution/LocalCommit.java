package dev.wlat.attribution;

import dev.wlat.model.OutcomeType;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;

/**
 * One commit of a local repository. Its message is not kept: only its subject line (raw, for titles;
 * outputs pass it through the redactor) and what {@link dev.wlat.model.Mentions} finds in the whole
 * message.
 *
 * @param sha the full SHA, lower-case
 * @param committedAt the committer time
 * @param authorName the author's name
 * @param subject the subject line, raw
 * @param mentions {@code thread:<uuid>}, {@code ref:<n>}, {@code closes:<n>}, {@code plan:<path>}
 *     found in the message, sorted
 * @param closesIssues issue numbers the message closes ({@code fixes #12}), sorted
 * @param branches the branches (short names, as in {@link LocalRepo#branches()}) whose tips reach it
 *     within the walked history, sorted
 * @param outcome {@link dev.wlat.model.OutcomeTaxonomy#ofCommitMessage} of the message
 */
public record LocalCommit(
    String sha,
    Instant committedAt,
    String authorName,
    String subject,
    Set<String> mentions,
    List<Integer> closesIssues,
    List<String> branches,
    OutcomeType outcome) {

  public LocalCommit {
    Objects.requireNonNull(sha, "sha");
    Objects.requireNonNull(committedAt, "committedAt");
    Objects.requireNonNull(outcome, "outcome");
    mentions = mentions == null ? Set.of() : Collections.unmodifiableSet(new TreeSet<>(mentions));
    closesIssues = closesIssues == null ? List.of() : closesIssues.stream().sorted().distinct().toList();
    branches = branches == null ? List.of() : branches.stream().sorted().distinct().toList();
  }

  /** {@return the first seven characters of the SHA}. */
  public String shortSha() {
    return sha.length() <= 7 ? sha : sha.substring(0, 7);
  }
}
