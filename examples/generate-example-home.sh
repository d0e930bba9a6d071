#!/usr/bin/env bash
# Regenerates examples/codex-home and examples/codex-home.truth.json with wlat-testkit's
# deterministic generator (seed 7, six weeks from 2026-09-01, four repos, every feature, and a few
# sessions in two directories outside any git repository: ~/Downloads and ~/experiments/llm-eval).
# The rollout files come out byte-identical on every run; state_5.sqlite may differ in bytes only.
#
# Also writes examples/repos and examples/github: the matching git repositories and GitHub responses
# with a fake gh (see generate-example-repos.sh), which are not committed (git refuses nested
# repositories) and are listed in .gitignore.
#
# Usage: examples/generate-example-home.sh        (from anywhere; needs JDK 17+ and Maven: the ./wlat launcher builds the jar on first use)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

rm -rf examples/codex-home examples/repos examples/github
./wlat generate-home \
  --output examples/codex-home --seed 7 --days 42 --start 2026-09-01 \
  --truth examples/codex-home.truth.json --repos examples/repos --github examples/github
