package dev.wlat.attribution;

import dev.wlat.model.GitFacts;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What is known of one Codex thread for attribution. Only the cwds and git facts Codex recorded,
 * and the thread's time span: no prompt or message text.
 *
 * @param threadId the thread
 * @param parentThreadId the thread it was forked or spawned from, or {@code null}
 * @param sessionCwd the cwd of its first {@code session_meta}, or {@code null}
 * @param lastCwd the cwd of its latest {@code turn_context}, or {@code null}
 * @param processCwd its cwd in the desktop app's {@code chat_processes.json}, or {@code null}
 * @param recordedGit the git facts of its first {@code session_meta} (as of the session); never
 *     {@code null}, {@link GitFacts#NONE} when absent
 * @param stateDbGit the git facts of Codex's state DB for it; never {@code null}
 * @param firstEventAt its first event, or {@code null}
 * @param lastEventAt its last event, or {@code null}
 */
public record ThreadEvidence(
    String threadId,
    String parentThreadId,
    String sessionCwd,
    String lastCwd,
    String processCwd,
    GitFacts recordedGit,
    GitFacts stateDbGit,
    Instant firstEventAt,
    Instant lastEventAt) {

  public ThreadEvidence {
    Objects.requireNonNull(threadId, "threadId");
    recordedGit = recordedGit == null ? GitFacts.NONE : recordedGit;
    stateDbGit = stateDbGit == null ? GitFacts.NONE : stateDbGit;
    if (firstEventAt != null && lastEventAt != null && lastEventAt.isBefore(firstEventAt)) {
      throw new IllegalArgumentException("thread [" + threadId + "] ends (" + lastEventAt + ") before it starts ("
          + firstEventAt + ")");
    }
  }

  /** {@return a builder for the evidence of {@code threadId}, with nothing known yet}. */
  public static Builder builder(String threadId) {
    return new Builder(threadId);
  }

  /** {@return the cwd to attribute by: the latest turn's, else the session's}. */
  public Optional<String> cwd() {
    if (lastCwd != null && !lastCwd.isBlank()) {
      return Optional.of(lastCwd);
    }
    return sessionCwd == null || sessionCwd.isBlank() ? Optional.empty() : Optional.of(sessionCwd);
  }

  /**
   * {@return the git facts to attribute by, field by field: the session's, else the state DB's}.
   */
  public GitFacts git() {
    return new GitFacts(
        recordedGit.commitHash() != null ? recordedGit.commitHash() : stateDbGit.commitHash(),
        recordedGit.branch() != null ? recordedGit.branch() : stateDbGit.branch(),
        recordedGit.repositoryUrl() != null ? recordedGit.repositoryUrl() : stateDbGit.repositoryUrl());
  }

  /** Builds {@link ThreadEvidence}; every part is optional but the thread id. */
  public static final class Builder {
    private final String threadId;
    private String parentThreadId;
    private String sessionCwd;
    private String lastCwd;
    private String processCwd;
    private GitFacts recordedGit = GitFacts.NONE;
    private GitFacts stateDbGit = GitFacts.NONE;
    private Instant firstEventAt;
    private Instant lastEventAt;

    private Builder(String threadId) {
      this.threadId = Objects.requireNonNull(threadId, "threadId");
    }

    /** Sets the parent thread. */
    public Builder parentThreadId(String id) {
      this.parentThreadId = id;
      return this;
    }

    /** Sets the session's cwd. */
    public Builder sessionCwd(String cwd) {
      this.sessionCwd = cwd;
      return this;
    }

    /** Sets the latest turn's cwd. */
    public Builder lastCwd(String cwd) {
      this.lastCwd = cwd;
      return this;
    }

    /** Sets both the session's and the latest turn's cwd. */
    public Builder cwd(String cwd) {
      this.sessionCwd = cwd;
      this.lastCwd = cwd;
      return this;
    }

    /** Sets the desktop app process's cwd. */
    public Builder processCwd(String cwd) {
      this.processCwd = cwd;
      return this;
    }

    /** Sets the git facts of the session's {@code session_meta}. */
    public Builder recordedGit(GitFacts git) {
      this.recordedGit = git;
      return this;
    }

    /** Sets the git facts of the state DB. */
    public Builder stateDbGit(GitFacts git) {
      this.stateDbGit = git;
      return this;
    }

    /** Sets the first and last event times. */
    public Builder span(Instant first, Instant last) {
      this.firstEventAt = first;
      this.lastEventAt = last;
      return this;
    }

    /** {@return the evidence}. */
    public ThreadEvidence build() {
      return new ThreadEvidence(threadId, parentThreadId, sessionCwd, lastCwd, processCwd, recordedGit,
          stateDbGit, firstEventAt, lastEventAt);
    }
  }
}
