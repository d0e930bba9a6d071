#!/usr/bin/env bash
# Measures `wlat run-incremental` after about 1 MB of new Codex activity on a large history, against
# a full `wlat backfill --since all` of the same history, and checks that both give the same facts.
# Reproduces the README's incremental figure.
#
# Usage: bench/measure-incremental.sh [SIZE] [SEED]     e.g. bench/measure-incremental.sh 1G 42
# The corpus (bench/corpus/<SIZE>-<SEED>, shared with measure-backfill.sh) is never modified: the
# run works on a hard-linked copy in bench/out/, and files that grow are copied first.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
size="${1:-1G}"; seed="${2:-42}"
work="$root/bench/out/inc-$size-$seed"
source "$root/bench/corpus.sh"
rm -rf "$work"; mkdir -p "$work"
cp -al "$corpus" "$work/home"
if [[ -x /usr/bin/time ]]; then timer=(/usr/bin/time -f "%e s wall, %M KB peak RSS"); else timer=(); fi
flags=(--skip-github --no-reports --no-plots -q)

echo "== full backfill of the history (baseline)"
"${timer[@]}" ./wlat backfill --since all --codex-home "$work/home" --output-root "$work/full" "${flags[@]}"
echo "== first run-incremental (no state yet: reads everything, writes the state)"
"${timer[@]}" ./wlat run-incremental --codex-home "$work/home" --output-root "$work/inc" "${flags[@]}"

# About 1 MB of new activity: the newest 20 rollouts grow by a copy of their own last lines (which
# Codex-wise repeat their totals), and a day of new sessions arrives as new files.
./wlat generate-home --output "$work/new" --seed $((seed + 1)) --days 1 --start 2027-01-01 --sessions-per-day 2..2 >/dev/null
mapfile -t newest < <(find "$work/home/sessions" -name 'rollout-*.jsonl' | sort | tail -n 20)
for f in "${newest[@]}"; do
  cp --remove-destination "$f" "$f.tmp" && mv "$f.tmp" "$f"   # break the hard link before appending
  tail -n 20 "$f" > "$f.tail" && cat "$f.tail" >> "$f" && rm "$f.tail"
done
cp -r "$work/new/sessions/." "$work/home/sessions/"
appended=$(( $(du -sb "$work/home" | cut -f1) - $(du -sb "$corpus" | cut -f1) ))
echo "== appended $(numfmt --grouping "$appended") bytes"

echo "== run-incremental after the append"
"${timer[@]}" ./wlat run-incremental --codex-home "$work/home" --output-root "$work/inc" "${flags[@]}"
grep -E "new bytes parsed|groups kept|groups recomputed|files continued|files read from the start" \
  "$(ls -t "$work"/inc/runs/*_execution_ledger.md | head -n 1)" || true

echo "== full backfill after the append (for the equality check)"
"${timer[@]}" ./wlat backfill --since all --codex-home "$work/home" --output-root "$work/full2" "${flags[@]}"
python3 - "$work/inc/data" "$work/full2/data" <<'PY'
import os, sys
a, b = sys.argv[1], sys.argv[2]
bad = 0
for name in sorted(os.listdir(b)):
    if not name.endswith('.tsv'):
        continue
    with open(os.path.join(a, name), encoding='utf-8') as fa, open(os.path.join(b, name), encoding='utf-8') as fb:
        ha = fa.readline().rstrip('\n').split('\t'); hb = fb.readline().rstrip('\n').split('\t')
        keep = [i for i, h in enumerate(hb) if not h.endswith('_by_run')]
        if ha != hb:
            print(f"{name}: headers differ"); bad += 1; continue
        n = 0
        for la, lb in zip(fa, fb):
            n += 1
            ca, cb = la.rstrip('\n').split('\t'), lb.rstrip('\n').split('\t')
            if [ca[i] for i in keep] != [cb[i] for i in keep]:
                print(f"{name}: row {n + 1} differs"); bad += 1; break
        if fa.readline() or fb.readline():
            print(f"{name}: row counts differ"); bad += 1
print("incremental facts equal the full backfill's, row for row (run columns aside): " + ("OK" if bad == 0 else "MISMATCH"))
sys.exit(1 if bad else 0)
PY
