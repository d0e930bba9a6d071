package dev.wlat.attribution.internal;

import dev.wlat.attribution.LocalRepo;
import dev.wlat.attribution.RepoIndex;
import dev.wlat.attribution.ThreadEvidence;
import dev.wlat.model.Confidence;
import dev.wlat.model.GitFacts;
import dev.wlat.model.GitHubRepo;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Finds a thread's repository from its evidence alone (no overrides, no links): the candidate working
 * trees are the one holding the cwd, the one holding the desktop process's cwd, and those whose
 * remotes name the recorded origin; each is scored by the signals that agree on it, and the one with
 * the most wins (ties: in that order). See {@link dev.wlat.attribution.Attributor} for the rules.
 */
final class RepoMatcher {

  static final String CWD = "cwd";
  static final String RECORDED_ORIGIN = "recorded_origin";
  static final String BRANCH = "branch";
  static final String COMMIT = "commit";
  static final String PROCESS_CWD = "process_cwd";
  static final String DIRECTORY_NAME = "directory_name";

  /**
   * The repository evidence points to.
   *
   * @param local the working tree, or {@code null}
   * @param github the GitHub repository, or {@code null}
   * @param signals the agreeing signals, in a fixed order
   * @param confidence what they amount to
   * @param facts the current state, as short evidence phrases
   */
  record Match(LocalRepo local, GitHubRepo github, List<String> signals, Confidence confidence, List<String> facts) {
    Match {
      signals = List.copyOf(signals);
      facts = List.copyOf(facts);
    }

    String method() {
      return signals.isEmpty() ? "none" : String.join("+", signals);
    }
  }

  private RepoMatcher() {}

  static Match match(RepoIndex index, ArtifactIndex artifacts, ThreadEvidence e, Optional<Path> cwd, GitFacts git) {
    Optional<GitHubRepo> origin = RemoteUrls.parseGitHub(git.repositoryUrl());
    String branch = git.branch();
    String commit = git.commitHash();
    Optional<LocalRepo> cwdRepo = cwd.flatMap(p -> index.forCwd(p.toString()));
    Optional<LocalRepo> processRepo = index.forCwd(e.processCwd());

    Set<LocalRepo> candidates = new LinkedHashSet<>();
    cwdRepo.ifPresent(candidates::add);
    processRepo.ifPresent(candidates::add);
    if (origin.isPresent()) {
      List<LocalRepo> byOrigin = new ArrayList<>(index.byGitHubRepo(origin.get()));
      byOrigin.sort(Comparator.comparing((LocalRepo r) -> !Objects.equals(r.headBranch(), branch))
          .thenComparing(LocalRepo::isLinkedWorktree).thenComparing(LocalRepo::root));
      candidates.addAll(byOrigin);
    }

    LocalRepo best = null;
    List<String> bestSignals = List.of();
    Map<LocalRepo, Boolean> commitKnown = new LinkedHashMap<>();
    for (LocalRepo c : candidates) {
      List<String> s = new ArrayList<>();
      if (cwdRepo.isPresent() && cwdRepo.get().equals(c)) {
        s.add(CWD);
      }
      if (origin.isPresent() && origin.get().equals(c.githubRepo())) {
        s.add(RECORDED_ORIGIN);
      }
      if (branch != null && !Workstreams.isDefaultBranch(branch) && c.hasBranch(branch)) {
        s.add(BRANCH);
      }
      if (commit != null) {
        boolean known = index.containsCommit(c, commit)
            || (c.githubRepo() != null && artifacts.hasCommit(c.githubRepo(), commit));
        commitKnown.put(c, known);
        if (known) {
          s.add(COMMIT);
        }
      }
      if (processRepo.isPresent() && processRepo.get().equals(c)) {
        s.add(PROCESS_CWD);
      }
      if (s.size() > bestSignals.size()) {
        best = c;
        bestSignals = s;
      }
    }

    List<String> facts = new ArrayList<>();
    if (cwd.isPresent()) {
      facts.add(cwdRepo.map(r -> "cwd in " + r.root()).orElse("cwd " + cwd.get() + " in no discovered repo"));
    } else {
      facts.add("no cwd");
    }
    processRepo.ifPresent(r -> facts.add("process cwd in " + r.root()));
    if (git.repositoryUrl() != null && origin.isEmpty()) {
      facts.add("origin not on GitHub");
    }

    if (best != null) {
      LocalRepo b = best;
      if (!bestSignals.contains(CWD)) {
        facts.add((bestSignals.contains(RECORDED_ORIGIN) ? "found by origin at " : "found by process cwd at ")
            + b.root());
      }
      if (origin.isPresent()) {
        facts.add(origin.get().equals(b.githubRepo()) ? "origin matches"
            : "origin differs (local " + (b.githubRepo() == null ? "has no GitHub remote" : b.githubRepo().slug())
                + ")");
      }
      if (branch != null) {
        facts.add(!b.hasBranch(branch) ? "branch not found"
            : Workstreams.isDefaultBranch(branch) ? "branch exists (default, not a signal)" : "branch exists");
      }
      if (commit != null) {
        facts.add(Boolean.TRUE.equals(commitKnown.get(b)) ? "commit known" : "commit not found");
      }
      Confidence conf = bestSignals.size() >= 2 ? Confidence.STRONG : Confidence.DERIVED;
      return new Match(b, b.githubRepo(), bestSignals, conf, facts);
    }

    if (origin.isPresent()) {
      List<String> s = new ArrayList<>(List.of(RECORDED_ORIGIN));
      facts.add("no local repo of " + origin.get().slug());
      if (commit != null) {
        boolean known = artifacts.hasCommit(origin.get(), commit);
        facts.add(known ? "commit known on GitHub" : "commit not seen on GitHub");
        if (known) {
          s.add(COMMIT);
        }
      }
      return new Match(null, origin.get(), s, s.size() >= 2 ? Confidence.STRONG : Confidence.DERIVED, facts);
    }

    Optional<String> name = cwd.flatMap(PathMatch::lastName);
    if (name.isPresent()) {
      Optional<Match> byName = byDirectoryName(index, artifacts, name.get(), facts);
      if (byName.isPresent()) {
        return byName.get();
      }
    }
    return new Match(null, null, List.of(), Confidence.NONE, facts);
  }

  private static Optional<Match> byDirectoryName(RepoIndex index, ArtifactIndex artifacts, String name,
      List<String> facts) {
    Map<Path, LocalRepo> repos = new LinkedHashMap<>();
    for (LocalRepo r : index.byDirectoryName(name)) {
      LocalRepo before = repos.get(r.commonDir());
      if (before == null || (before.isLinkedWorktree() && !r.isLinkedWorktree())) {
        repos.put(r.commonDir(), r);
      }
    }
    List<String> weak = new ArrayList<>(facts);
    if (repos.size() == 1) {
      LocalRepo r = repos.values().iterator().next();
      weak.add("directory name matches " + r.root());
      return Optional.of(new Match(r, r.githubRepo(), List.of(DIRECTORY_NAME), Confidence.WEAK, weak));
    }
    if (repos.size() > 1) {
      facts.add("directory name matches " + repos.size() + " repos; none chosen");
      return Optional.empty();
    }
    Set<GitHubRepo> named = new LinkedHashSet<>();
    String n = name.toLowerCase(Locale.ROOT);
    for (GitHubRepo g : artifacts.repos()) {
      if (g.name().equals(n)) {
        named.add(g);
      }
    }
    for (LocalRepo r : index.repos()) {
      if (r.githubRepo() != null && r.githubRepo().name().equals(n)) {
        named.add(r.githubRepo());
      }
    }
    if (named.size() == 1) {
      GitHubRepo g = named.iterator().next();
      weak.add("directory name matches GitHub repo " + g.slug());
      return Optional.of(new Match(null, g, List.of(DIRECTORY_NAME), Confidence.WEAK, weak));
    }
    if (named.size() > 1) {
      facts.add("directory name matches " + named.size() + " GitHub repos; none chosen");
    }
    return Optional.empty();
  }
}
