#!/usr/bin/env bash
# Renders each latest plot of an output root to docs/img/<name>.png with headless Chromium, for the
# README. Installs nothing: it needs `chromium` on the PATH (Debian: apt-get install chromium).
#
#   docs/screenshots.sh OUTPUT_ROOT [WINDOW]      # WINDOW defaults to 30d
#
# e.g. for the bundled example (its usage runs 2026-09-01..2026-10-12):
#   ./wlat backfill --since all --codex-home examples/codex-home --output-root /tmp/wlat-out \
#     --repo-root examples/repos --attribution-overrides examples/attribution_overrides.tsv --skip-github
#   ./wlat plot --window 30d --output-root /tmp/wlat-out --as-of 2026-10-13T00:00:00Z
#   docs/screenshots.sh /tmp/wlat-out 30d
#
# The plots are self-contained files (no script, nothing fetched); Chromium still runs with its
# network features off and a throwaway profile, so a screenshot never depends on the machine.
set -euo pipefail
here="$(cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")" && pwd)"
if [[ $# -lt 1 || $# -gt 2 ]]; then
  echo "usage: docs/screenshots.sh OUTPUT_ROOT [WINDOW]" >&2
  exit 2
fi
root="$1"
window="${2:-30d}"
command -v chromium >/dev/null || {
  echo "screenshots.sh: chromium not found; install it (Debian: apt-get install chromium)" >&2
  exit 3
}
names=(token_event_raster token_mix_stacked_area repo_outcome_heatmap cumulative_burnup_entitlements
  top_threads_sparklines)
for name in "${names[@]}"; do
  f="$root/plots/latest_${window}_${name}.html"
  [[ -f $f ]] || { echo "screenshots.sh: $f: missing; run wlat plot --window $window first" >&2; exit 2; }
done
out="$here/img"
mkdir -p "$out"
profile="$(mktemp -d)"
trap 'rm -rf "$profile"' EXIT
for name in "${names[@]}"; do
  f="$(realpath "$root/plots/latest_${window}_${name}.html")"
  png="$out/$name.png"
  rm -f "$png"
  timeout 60 chromium --headless --no-sandbox --disable-gpu --disable-quic --no-first-run \
    --disable-background-networking --disable-component-update --disable-sync --hide-scrollbars \
    --user-data-dir="$profile" --screenshot="$png" --window-size=1200,800 "file://$f" >/dev/null 2>&1 || true
  [[ -s $png ]] || { echo "screenshots.sh: chromium wrote no $png" >&2; exit 1; }
  echo "$png"
done
