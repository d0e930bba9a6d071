package dev.wlat.github;

import dev.wlat.model.ArtifactKind;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import java.util.List;
import java.util.Objects;

/**
 * What {@link GitHubCollector#collect} found for one repository in a window.
 *
 * @param repo the repository
 * @param artifacts its commits, pull requests, pull request files, issues, releases and tags in the
 *     window, sorted by kind, then time, then id
 * @param requests the {@code gh api} calls made (one per {@code --paginate} call, however many
 *     pages it read; one per page of the pull request list)
 * @param cachedPages the result sets served from the cache instead of asked again: the commits, pull
 *     request list and issues already known (one each), and each unchanged pull request's files and
 *     commits (one each)
 * @param complete false when GitHub capped a list, so some joins may be missing (a pull request's
 *     files beyond 3,000 or commits beyond 250); a failed request never gives a collection, it throws
 */
public record RepoCollection(GitHubRepo repo, List<GitHubArtifact> artifacts, int requests, int cachedPages,
    boolean complete) {

  public RepoCollection {
    Objects.requireNonNull(repo, "repo");
    artifacts = List.copyOf(artifacts);
    if (requests < 0 || cachedPages < 0) {
      throw new IllegalArgumentException("requests [" + requests + "] and cached pages [" + cachedPages
          + "] must not be negative");
    }
  }

  /** {@return the artifacts of {@code kind}, in order}. */
  public List<GitHubArtifact> ofKind(ArtifactKind kind) {
    return artifacts.stream().filter(a -> a.kind() == kind).toList();
  }
}
