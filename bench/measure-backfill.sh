#!/usr/bin/env bash
# Measures a full `wlat backfill` on a generated Codex home: wall time, peak RSS, and the check that
# cumulative_delta_tokens equals the generator's ground truth. Reproduces the README's figure.
#
# Usage: bench/measure-backfill.sh [SIZE] [SEED]     e.g. bench/measure-backfill.sh 1G 42
# The corpus is generated once into bench/corpus/<SIZE>-<SEED> (git-ignored) and reused.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
size="${1:-1G}"; seed="${2:-42}"
out="$root/bench/out/$size-$seed"
source "$root/bench/corpus.sh"
rm -rf "$out"; mkdir -p "$(dirname "$out")"
if [[ -x /usr/bin/time ]]; then timer=(/usr/bin/time -v); else timer=(); fi
"${timer[@]}" ./wlat backfill --since all --codex-home "$corpus" --output-root "$out" \
  --skip-github --no-reports --no-plots 2> "$out.time" | tee "$out.summary"
grep -E "Elapsed|Maximum resident" "$out.time" || true
python3 - "$corpus.truth.json" "$out/data/token_event_accounting.tsv" <<'PY'
import csv, json, sys
truth = json.load(open(sys.argv[1]))['total']['total_tokens']
csv.field_size_limit(1 << 30)
got = sum(int(r['cumulative_delta_tokens'] or 0) for r in csv.DictReader(open(sys.argv[2]), delimiter='\t', quoting=csv.QUOTE_NONE))
print(f"cumulative_delta_tokens {got:,} vs ground truth {truth:,}: {'OK' if got == truth else 'MISMATCH'}")
sys.exit(0 if got == truth else 1)
PY
