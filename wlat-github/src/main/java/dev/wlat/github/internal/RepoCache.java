package dev.wlat.github.internal;

import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What is known about one repository: the collected artifacts by section, each with the watermark
 * saying how far it is complete. Mutable, owned by one collection at a time; {@link CacheFile} reads
 * and writes it.
 */
final class RepoCache {

  /**
   * How far a section is complete.
   *
   * <p>Commits: every default-branch commit dated in {@code [from, to)} is known ({@code from} null =
   * since the first). Issues: every issue updated at or after {@code from} is known as of {@code to}
   * (when they were asked for). Pull requests: every pull request updated at or after {@code from}
   * is known, {@code to} being the newest {@code updated_at} seen ({@code null} when there were none).
   */
  record Watermark(Instant from, Instant to) {}

  /** An issue with the {@code updated_at} it was seen with. */
  record IssueEntry(Instant updatedAt, GitHubArtifact issue) {
    IssueEntry {
      Objects.requireNonNull(issue, "issue");
    }
  }

  /**
   * A pull request as the list gave it (outcome, additions and deletions not yet known; commitShas
   * holding only the merge commit), with the {@code updated_at} it was seen with and, once fetched,
   * its files and commits.
   */
  record PullEntry(Instant updatedAt, GitHubArtifact pull, PullDetail detail) {
    PullEntry {
      Objects.requireNonNull(pull, "pull");
    }

    int number() {
      return Integer.parseInt(pull.id());
    }

    /** {@return whether the detail was fetched at or after this {@code updated_at}}. */
    boolean detailCurrent() {
      if (detail == null) {
        return false;
      }
      return updatedAt == null || detail.updatedAt() != null && !detail.updatedAt().isBefore(updatedAt);
    }

    PullEntry withDetail(PullDetail d) {
      return new PullEntry(updatedAt, pull, d);
    }
  }

  /**
   * A pull request's files and commits, fetched when it had {@code updatedAt}.
   *
   * @param truncated whether GitHub capped a list (3,000 files, 250 commits)
   */
  record PullDetail(Instant updatedAt, List<PullFile> files, List<String> commitShas, boolean truncated) {
    PullDetail {
      files = List.copyOf(files);
      commitShas = List.copyOf(commitShas);
    }
  }

  /** One changed file of a pull request. */
  record PullFile(String path, Long additions, Long deletions) {
    PullFile {
      Objects.requireNonNull(path, "path");
    }
  }

  final GitHubRepo repo;
  Watermark commits;
  final Map<String, GitHubArtifact> commitsBySha = new LinkedHashMap<>();
  Watermark issues;
  final Map<Integer, IssueEntry> issuesByNumber = new LinkedHashMap<>();
  Watermark pulls;
  final Map<Integer, PullEntry> pullsByNumber = new LinkedHashMap<>();

  RepoCache(GitHubRepo repo) {
    this.repo = Objects.requireNonNull(repo, "repo");
  }
}
