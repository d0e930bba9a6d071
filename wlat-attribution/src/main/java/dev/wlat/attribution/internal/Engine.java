package dev.wlat.attribution.internal;

import dev.wlat.attribution.AttributionOverride;
import dev.wlat.attribution.AttributionOverrides;
import dev.wlat.attribution.LocalCommit;
import dev.wlat.attribution.LocalRepo;
import dev.wlat.attribution.RepoIndex;
import dev.wlat.attribution.ThreadAttribution;
import dev.wlat.attribution.ThreadEvidence;
import dev.wlat.model.ArtifactKind;
import dev.wlat.model.Attribution;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitFacts;
import dev.wlat.model.GitHubArtifact;
import dev.wlat.model.GitHubRepo;
import dev.wlat.model.Mentions;
import dev.wlat.model.OutcomeLink;
import dev.wlat.model.OutcomeTaxonomy;
import dev.wlat.model.OutcomeType;
import dev.wlat.model.Redaction;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** Attributes threads; the rules are documented on {@link dev.wlat.attribution.Attributor}. */
public final class Engine {

  /** Commits this long after a thread's last event still count as made in its session. */
  public static final Duration SESSION_GRACE = Duration.ofHours(2);
  /** A release published this long after a linked pull request was merged is linked to it. */
  public static final Duration RELEASE_WINDOW = Duration.ofDays(14);
  /** Local commits this long before a thread's first event are searched for its id (clock skew). */
  static final Duration MENTION_SLACK = Duration.ofDays(1);

  private final RepoIndex index;
  private final AttributionOverrides overrides;
  private final ArtifactIndex artifacts;

  private Engine(RepoIndex index, AttributionOverrides overrides, ArtifactIndex artifacts) {
    this.index = index;
    this.overrides = overrides;
    this.artifacts = artifacts;
  }

  /** {@return an engine over an index, overrides and collected artifacts}. */
  public static Engine create(RepoIndex index, AttributionOverrides overrides, List<GitHubArtifact> artifacts) {
    return new Engine(Objects.requireNonNull(index, "index"), Objects.requireNonNull(overrides, "overrides"),
        ArtifactIndex.of(Objects.requireNonNull(artifacts, "artifacts")));
  }

  /** {@return the attribution of one thread and its links}. */
  public ThreadAttribution attribute(ThreadEvidence e) {
    String threadId = e.threadId();
    Optional<Path> cwd = e.cwd().flatMap(PathMatch::parse);
    GitFacts git = e.git();
    String branch = blankToNull(git.branch());
    Optional<AttributionOverride> override = overrides.match(threadId, e.cwd().orElse(null));
    RepoMatcher.Match match = RepoMatcher.match(index, artifacts, e, cwd, git);

    GitHubRepo github = match.github();
    LocalRepo local = match.local();
    List<String> facts = new ArrayList<>(match.facts());
    GitHubRepo overrideRepo = override.map(AttributionOverride::githubRepo).orElse(null);
    if (overrideRepo != null && !overrideRepo.equals(github)) {
      if (local != null && local.githubRepo() != null) {
        local = index.byGitHubRepo(overrideRepo).stream().findFirst().orElse(null);
      }
      github = overrideRepo;
    }
    override.ifPresent(o -> facts.add("override " + o.matchKind().label() + " on line " + o.line()));

    LinkSet links = new LinkSet(threadId);
    mentionLinks(links, threadId, github, local, e);
    if (github == null && links.hasExact()) {
      github = links.entries().stream().map(x -> x.link()).filter(l -> l.confidence() == Confidence.EXACT)
          .sorted(LinkSet.ORDER).findFirst().orElseThrow().repo();
      facts.add("repo from a link that mentions the thread");
    }
    if (github != null) {
      sessionLinks(links, github, local, branch, e);
      branchLinks(links, github, branch, e);
    }
    closedIssueLinks(links);
    releaseLinks(links);

    Confidence evidenceConfidence = match.confidence();
    List<String> method = new ArrayList<>(match.signals());
    GitHubRepo repo = github;
    List<String> exactMethods = links.entries().stream().map(LinkSet.Entry::link)
        .filter(l -> l.confidence() == Confidence.EXACT && l.repo().equals(repo)
            && !l.method().equals(LinkSet.CLOSED_BY_LINKED_WORK))
        .sorted(Comparator.comparing(l -> LinkSet.METHODS.indexOf(l.method()))).map(OutcomeLink::method)
        .distinct().toList();
    if (exactMethods.isEmpty() && repo == null && local != null && mentionedInLocalCommit(local, threadId, e)) {
      // A repo without a GitHub remote cannot carry links, but a commit naming the thread still
      // proves which repo the thread worked in.
      exactMethods = List.of(LinkSet.THREAD_ID_IN_COMMIT);
    }
    if (!exactMethods.isEmpty() && Confidences.stronger(Confidence.EXACT, evidenceConfidence)) {
      evidenceConfidence = Confidence.EXACT;
      method.addAll(exactMethods);
      facts.add("exact link (" + String.join(", ", exactMethods) + ")");
    }
    Confidence confidence = override.isPresent() ? Confidence.MANUAL : evidenceConfidence;
    Confidence cap = overrideRepo != null ? Confidence.MANUAL : evidenceConfidence;
    override.ifPresent(o -> method.add(0, "override_" + o.matchKind().label()));
    List<OutcomeLink> finished = links.finish(cap);

    if (override.isEmpty() && match.confidence() == Confidence.NONE && finished.isEmpty() && cwd.isEmpty()
        && git.isEmpty() && e.processCwd() == null) {
      return new ThreadAttribution(Attribution.none(threadId, "unknown"), List.of());
    }

    LocalRepo tree = local;
    // Labels and evidence hold branch names and paths, where people sometimes paste secrets: they
    // are redacted once here, so no writer has to redact them per row.
    String workstream = Redaction.redact(override.map(AttributionOverride::workstreamLabel)
        .orElseGet(() -> Workstreams.label(repo, tree, branch, cwd)));
    OutcomeType outcome = override.map(AttributionOverride::outcome).orElseGet(() -> outcomeOf(finished, branch));
    String evidence = Redaction.redact(clean(asOfSession(e, git) + "; current: " + String.join(", ", facts)));
    Attribution a = new Attribution(threadId, local == null ? null : Redaction.path(local.root().toString()), repo, branch,
        blankToNull(git.commitHash()), workstream, outcome, confidence,
        method.isEmpty() ? "none" : String.join("+", method), evidence);
    return new ThreadAttribution(a, finished);
  }

  // ---------------------------------------------------------------------------------------------
  // Links
  // ---------------------------------------------------------------------------------------------

  private void mentionLinks(LinkSet links, String threadId, GitHubRepo github, LocalRepo local, ThreadEvidence e) {
    for (GitHubArtifact a : artifacts.mentioning(threadId)) {
      boolean commit = a.kind() == ArtifactKind.COMMIT;
      links.add(a.repo(), a.kind(), a.id(), a.url(), a.outcome(), mergedFlag(a),
          commit ? LinkSet.THREAD_ID_IN_COMMIT : LinkSet.THREAD_ID_IN_PULL_REQUEST, Confidence.EXACT,
          (commit ? "commit " + shortSha(ArtifactIndex.shaOf(a)) + " message" : "pull request #" + a.id()
              + " title or body") + " mentions the thread id", a.closesIssues(), mergedAt(a));
    }
    if (local == null || github == null || e.firstEventAt() == null) {
      return;
    }
    String mention = "thread:" + threadId.toLowerCase(Locale.ROOT);
    for (LocalCommit c : index.commits(local, e.firstEventAt().minus(MENTION_SLACK), Instant.MAX)) {
      if (c.mentions().contains(mention)) {
        GitHubArtifact known = artifacts.commit(github, c.sha());
        links.add(github, ArtifactKind.COMMIT, known == null ? c.sha() : known.id(), known == null ? null : known.url(),
            known == null ? c.outcome() : known.outcome(), null, LinkSet.THREAD_ID_IN_COMMIT, Confidence.EXACT,
            "commit " + c.shortSha() + " message mentions the thread id", c.closesIssues(), null);
      }
    }
  }

  private boolean mentionedInLocalCommit(LocalRepo local, String threadId, ThreadEvidence e) {
    if (e.firstEventAt() == null) {
      return false;
    }
    String mention = "thread:" + threadId.toLowerCase(Locale.ROOT);
    return index.commits(local, e.firstEventAt().minus(MENTION_SLACK), Instant.MAX).stream()
        .anyMatch(c -> c.mentions().contains(mention));
  }

  /** A commit made during the session: local (with its branches) or collected from GitHub. */
  private record SessionCommit(String id, String sha, Instant at, boolean onBranch, boolean branchKnown, String url,
      OutcomeType outcome, List<Integer> closes) {}

  private void sessionLinks(LinkSet links, GitHubRepo github, LocalRepo local, String branch, ThreadEvidence e) {
    if (e.firstEventAt() == null) {
      return;
    }
    Instant from = e.firstEventAt();
    Instant to = (e.lastEventAt() == null ? from : e.lastEventAt()).plus(SESSION_GRACE);
    List<SessionCommit> commits = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    if (local != null) {
      for (LocalCommit c : index.commits(local, from, to)) {
        boolean on = branch != null && c.branches().stream().anyMatch(b -> local.isBranch(b, branch));
        GitHubArtifact known = artifacts.commit(github, c.sha());
        commits.add(new SessionCommit(known == null ? c.sha() : known.id(), c.sha(), c.committedAt(), on, true,
            known == null ? null : known.url(),
            known == null ? c.outcome() : known.outcome(), c.closesIssues()));
        seen.add(c.sha());
      }
    }
    for (GitHubArtifact a : artifacts.commitsBetween(github, from, to)) {
      String sha = ArtifactIndex.shaOf(a);
      if (seen.add(sha)) {
        commits.add(new SessionCommit(a.id(), sha, a.timestamp(), false, false, a.url(), a.outcome(),
            a.closesIssues()));
      }
    }
    String window = "in session " + seconds(from) + ".." + seconds(e.lastEventAt() == null ? from : e.lastEventAt())
        + " (+" + SESSION_GRACE.toHours() + "h grace)";
    for (SessionCommit c : commits) {
      List<GitHubArtifact> prs = new ArrayList<>();
      // A PR holding a commit of the session ties it to the thread only when the commit is on the
      // session's branch (or its branch is unknown): a commit the local repo shows on another branch
      // is another session's work that happened to land in the same hours.
      boolean mayBeOurs = c.onBranch() || !c.branchKnown();
      for (GitHubArtifact pr : artifacts.pullRequests(github)) {
        if ((mayBeOurs && artifacts.pullRequestHas(pr, c.sha())) || (c.onBranch() && branch.equals(pr.branch()))) {
          prs.add(pr);
        }
      }
      String what = "commit " + shortSha(c.sha()) + " at " + seconds(c.at()) + " " + window;
      if (!prs.isEmpty()) {
        links.add(github, ArtifactKind.COMMIT, c.id(), c.url(), c.outcome(), null,
            LinkSet.COMMIT_IN_SESSION_IN_PULL_REQUEST, Confidence.EXACT,
            what + "; in pull request #" + prs.get(0).id(), c.closes(), null);
        for (GitHubArtifact pr : prs) {
          links.add(github, ArtifactKind.PULL_REQUEST, pr.id(), pr.url(), pr.outcome(), pr.merged(),
              LinkSet.COMMIT_IN_SESSION_IN_PULL_REQUEST, Confidence.EXACT,
              "pull request #" + pr.id() + " holds commit " + shortSha(c.sha()) + " made " + window,
              pr.closesIssues(), mergedAt(pr));
        }
      } else if (c.onBranch()) {
        links.add(github, ArtifactKind.COMMIT, c.id(), c.url(), c.outcome(), null,
            LinkSet.COMMIT_ON_SESSION_BRANCH, Confidence.STRONG, what + " on session branch " + branch,
            c.closes(), null);
      } else {
        links.add(github, ArtifactKind.COMMIT, c.id(), c.url(), c.outcome(), null, LinkSet.COMMIT_DURING_SESSION,
            Confidence.DERIVED, what + (c.branchKnown() ? ", not on the session branch" : ", branch unknown"),
            c.closes(), null);
      }
    }
  }

  private void branchLinks(LinkSet links, GitHubRepo github, String branch, ThreadEvidence e) {
    if (branch == null) {
      return;
    }
    Integer n = Mentions.branchNumber(branch);
    if (n != null) {
      GitHubArtifact pr = artifacts.pullRequest(github, n);
      GitHubArtifact issue = artifacts.issue(github, n);
      for (GitHubArtifact a : new GitHubArtifact[] {pr, issue}) {
        if (a != null) {
          links.add(github, a.kind(), a.id(), a.url(), a.outcome(), mergedFlag(a),
              LinkSet.BRANCH_NUMBER, Confidence.EXACT, "session branch " + branch + " names "
                  + (a.kind() == ArtifactKind.PULL_REQUEST ? "pull request" : "issue") + " #" + a.id(),
              a.closesIssues(), mergedAt(a));
        }
      }
    }
    if (Workstreams.isDefaultBranch(branch) || e.firstEventAt() == null) {
      return;
    }
    Instant from = e.firstEventAt();
    Instant to = (e.lastEventAt() == null ? from : e.lastEventAt()).plus(SESSION_GRACE);
    for (GitHubArtifact pr : artifacts.pullRequests(github)) {
      boolean opened = pr.timestamp() == null || pr.timestamp().isBefore(to);
      boolean notClosed = pr.closedAt() == null || !pr.closedAt().isBefore(from);
      if (branch.equals(pr.branch()) && opened && notClosed) {
        links.add(github, ArtifactKind.PULL_REQUEST, pr.id(), pr.url(), pr.outcome(), pr.merged(),
            LinkSet.BRANCH_MATCHES_PULL_REQUEST, Confidence.STRONG,
            "pull request #" + pr.id() + " from session branch " + branch + " was open during the session",
            pr.closesIssues(), mergedAt(pr));
      }
    }
  }

  private void closedIssueLinks(LinkSet links) {
    for (LinkSet.Entry x : links.entries()) {
      OutcomeLink l = x.link();
      if (l.artifactKind() != ArtifactKind.COMMIT && l.artifactKind() != ArtifactKind.PULL_REQUEST) {
        continue;
      }
      String by = l.artifactKind() == ArtifactKind.COMMIT ? "commit " + shortSha(l.artifactId())
          : "pull request #" + l.artifactId();
      for (int n : x.closes()) {
        GitHubArtifact issue = artifacts.issue(l.repo(), n);
        if (issue != null) {
          links.add(l.repo(), ArtifactKind.ISSUE, issue.id(), issue.url(), issue.outcome(), null,
              LinkSet.CLOSED_BY_LINKED_WORK, l.confidence(), "issue #" + issue.id() + " closed by linked " + by
                  + " (" + l.method() + ")", List.of(), null);
        }
      }
    }
  }

  private void releaseLinks(LinkSet links) {
    Set<GitHubRepo> repos = new LinkedHashSet<>();
    links.entries().forEach(x -> repos.add(x.link().repo()));
    for (GitHubRepo repo : repos) {
      List<GitHubArtifact> releases = artifacts.releasesAndTags(repo);
      if (releases.isEmpty()) {
        continue;
      }
      // A release and its own tag are one thing: link the release, not the tag beside it.
      Set<String> releaseNames = new HashSet<>();
      for (GitHubArtifact r : releases) {
        if (r.kind() == ArtifactKind.RELEASE) {
          releaseNames.add(r.id());
        }
      }
      for (LinkSet.Entry x : links.entries()) {
        OutcomeLink l = x.link();
        if (!l.repo().equals(repo)) {
          continue;
        }
        if (l.artifactKind() == ArtifactKind.COMMIT) {
          for (GitHubArtifact r : releases) {
            boolean tagOfARelease = r.kind() == ArtifactKind.TAG && releaseNames.contains(r.id());
            if (!tagOfARelease && r.sha() != null && r.sha().equalsIgnoreCase(l.artifactId())) {
              addRelease(links, r, (r.kind() == ArtifactKind.RELEASE ? "release " : "tag ") + r.id()
                  + " targets linked commit " + shortSha(l.artifactId()));
            }
          }
        } else if (l.artifactKind() == ArtifactKind.PULL_REQUEST && x.mergedAt() != null) {
          Instant merged = x.mergedAt();
          for (GitHubArtifact r : releases) {
            if (r.kind() == ArtifactKind.RELEASE && r.timestamp() != null && r.timestamp().isAfter(merged)
                && !r.timestamp().isAfter(merged.plus(RELEASE_WINDOW))) {
              long days = Duration.between(merged, r.timestamp()).toDays();
              addRelease(links, r, "release " + r.id() + " published " + (days == 0 ? "the same day as"
                  : days + (days == 1 ? " day after" : " days after")) + " linked pull request #"
                  + l.artifactId() + " was merged");
              break;
            }
          }
        }
      }
    }
  }

  private static void addRelease(LinkSet links, GitHubArtifact r, String evidence) {
    links.add(r.repo(), r.kind(), r.id(), r.url(), r.outcome(), null, LinkSet.RELEASE_AFTER_LINKED_WORK,
        Confidence.DERIVED, evidence, List.of(), null);
  }

  // ---------------------------------------------------------------------------------------------
  // Outcome, evidence
  // ---------------------------------------------------------------------------------------------

  /** The strongest link's outcome, merged pull requests first, then pull requests; else the branch's. */
  private static OutcomeType outcomeOf(List<OutcomeLink> links, String branch) {
    Comparator<OutcomeLink> preference = Comparator.comparing(OutcomeLink::confidence)
        .thenComparing(l -> l.artifactKind() == ArtifactKind.PULL_REQUEST && Boolean.TRUE.equals(l.merged()) ? 0
            : l.artifactKind() == ArtifactKind.PULL_REQUEST ? 1 : 2);
    Optional<OutcomeType> fromLinks = links.stream().filter(l -> l.outcome() != OutcomeType.UNKNOWN)
        .sorted(preference).map(OutcomeLink::outcome).findFirst();
    if (fromLinks.isPresent()) {
      return fromLinks.get();
    }
    return branch == null ? OutcomeType.UNKNOWN : OutcomeTaxonomy.ofBranch(branch);
  }

  private static String asOfSession(ThreadEvidence e, GitFacts git) {
    List<String> parts = new ArrayList<>();
    if (git.repositoryUrl() != null) {
      parts.add("origin=" + RemoteUrls.parseGitHub(git.repositoryUrl()).map(GitHubRepo::slug)
          .orElseGet(() -> RemoteUrls.withoutCredentials(git.repositoryUrl())));
    }
    if (git.branch() != null) {
      parts.add("branch=" + git.branch());
    }
    if (git.commitHash() != null) {
      parts.add("commit=" + shortSha(git.commitHash()));
    }
    String tag = e.recordedGit().isEmpty() && !e.stateDbGit().isEmpty() ? "as-of-session (state db): "
        : "as-of-session: ";
    return tag + (parts.isEmpty() ? "no git facts" : String.join(" ", parts));
  }

  private static Boolean mergedFlag(GitHubArtifact a) {
    return a.kind() == ArtifactKind.PULL_REQUEST ? a.merged() : null;
  }

  private static Instant mergedAt(GitHubArtifact a) {
    return a.isMergedPullRequest() ? a.closedAt() : null;
  }

  private static String shortSha(String sha) {
    return sha.length() <= 7 ? sha : sha.substring(0, 7);
  }

  private static String seconds(Instant t) {
    return t.truncatedTo(ChronoUnit.SECONDS).toString();
  }

  private static String blankToNull(String s) {
    return s == null || s.isBlank() ? null : s;
  }

  private static String clean(String s) {
    return s.replaceAll("[\\t\\r\\n]+", " ");
  }
}
