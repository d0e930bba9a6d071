#!/usr/bin/env bash
# Writes examples/repos and examples/github only. examples/repos: one real git repository per repo
# of the example Codex home (payments-api, web-console, ledger-core, notes), a linked worktree
# payments-api-hotfix, and manifest.json listing every branch, commit (SHA, time, thread,
# Codex-Thread trailer, subject, Fixes #n) and the recorded branches deliberately left out. Commit
# SHAs are identical on every run.
# The home's sessions in ~/Downloads and ~/experiments/llm-eval get no repository: those
# directories are in none.
#
# The repositories match examples/codex-home (same spec: seed 7, 42 days from 2026-09-01), whose
# files this script does not touch: the home is regenerated into a temporary directory for its
# ground truth and deleted. Rerunnable: examples/repos and examples/github are wiped and recreated.
#
# One commit body of payments-api holds a fake, planted AWS secret access key (listed under
# planted_secrets in manifest.json): commit bodies must never reach wlat's outputs.
#
# Also writes examples/github: what GitHub's REST API would answer about those repositories (commits,
# pull requests with their commits and files, issues, releases, tags; see ExampleGitHub in
# wlat-testkit) and a fake gh serving it, so that GitHub collection runs offline:
#   ./wlat backfill --since all --codex-home examples/codex-home --output-root /tmp/wlat-out \
#     --repo-root examples/repos --attribution-overrides examples/attribution_overrides.tsv \
#     --gh examples/github/gh
# Its manifest.json lists the pull requests, issues and releases, and a fake secret planted in one
# pull request body (bodies must never reach wlat's outputs either). Not committed either.
#
# Usage: examples/generate-example-repos.sh        (from anywhere; needs JDK 17+ and Maven: the ./wlat launcher builds the jar on first use)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

rm -rf examples/repos examples/github
./wlat generate-home \
  --repos examples/repos --github examples/github --seed 7 --days 42 --start 2026-09-01
