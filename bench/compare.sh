#!/usr/bin/env bash
# wlat against the fastest peer, ccusage (native since v20), on one generated Codex home, in one run:
# alternating rounds of `wlat backfill --since all`, `ccusage codex daily --offline --json`, then
# `wlat run-incremental` after appending 1% new events. Prints min/median per tool, the ratio
# wlat/ccusage, wlat's peak RSS, and checks that wlat's per-day cumulative_delta_tokens equals
# ccusage's per-day totalTokens, naming each day that differs and why (the threads behind it).
#
# Usage: bench/compare.sh [SIZE] [SEED] [ROUNDS]     e.g. bench/compare.sh 1G 42 3
# ccusage is installed with npm into bench/.tools (git-ignored); without npm it is skipped.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
size="${1:-1G}"; seed="${2:-42}"; rounds="${3:-3}"
work="$root/bench/out/compare-$size-$seed"
tools="$root/bench/.tools"
ccusage_version=20.0.24   # the newest with a linux-x64 native binary on npm when this was written
export TZ=UTC             # both tools put days in the local zone; wlat's default is UTC
source "$root/bench/corpus.sh"
ccusage=""
if command -v npm >/dev/null; then
  if [[ ! -x $tools/ccusage/node_modules/.bin/ccusage ]]; then
    mkdir -p "$tools/ccusage"
    (cd "$tools/ccusage" && npm install --silent --no-audit --no-fund "ccusage@$ccusage_version" >/dev/null) \
      || echo "compare: npm could not install ccusage $ccusage_version; comparing without it" >&2
  fi
  [[ -x $tools/ccusage/node_modules/.bin/ccusage ]] && ccusage="$tools/ccusage/node_modules/.bin/ccusage"
else
  echo "compare: npm is not installed, so ccusage is skipped (wlat is still timed)" >&2
fi

rm -rf "$work"; mkdir -p "$work"
cp -al "$corpus" "$work/home"   # hard links: the corpus is never modified
bytes=$(du -sb "$corpus" | cut -f1)
percent=$(( bytes / 100 ))
flags=(--skip-github --no-reports --no-plots -q)
timed() { # label, command...: appends "label seconds peak_kb" to $work/times
  local label=$1; shift
  /usr/bin/time -f "%e %M" -o "$work/.t" "$@" >/dev/null
  echo "$label $(cat "$work/.t")" >> "$work/times"
}
echo "history: $(numfmt --grouping "$bytes") bytes; $rounds rounds; ccusage: $([[ -n $ccusage ]] && echo "$ccusage_version" || echo skipped)"
./wlat run-incremental --codex-home "$work/home" --output-root "$work/inc" "${flags[@]}"   # the state
for r in $(seq 1 "$rounds"); do
  rm -rf "$work/full"
  timed backfill ./wlat backfill --since all --codex-home "$work/home" --output-root "$work/full" "${flags[@]}"
  if [[ -n $ccusage ]]; then
    timed ccusage env CODEX_HOME="$work/home" "$ccusage" codex daily --offline --json
    if (( r == 1 )); then   # the correctness check, on the same bytes as this round's backfill
      CODEX_HOME="$work/home" "$ccusage" codex daily --offline --json > "$work/ccusage-daily.json"
      CODEX_HOME="$work/home" "$ccusage" codex session --offline --json > "$work/ccusage-sessions.json"
      cp "$work/full/data/token_accounting_reconciliation.tsv" "$work/full/data/rollout_files.tsv" "$work/"
    fi
  fi
  # 1% new events: a day of new sessions after the history's last day
  ./wlat generate-home --output "$work/new-$r" --seed $((seed + r)) --days 1 --start "2027-01-0$r" \
    --target-bytes "$percent" >/dev/null
  cp -r "$work/new-$r/sessions/." "$work/home/sessions/"
  timed incremental ./wlat run-incremental --codex-home "$work/home" --output-root "$work/inc" "${flags[@]}"
done

python3 - "$work" "${ccusage:+yes}" <<'PY'
import csv, json, os, re, statistics, sys
work, have_cc = sys.argv[1], sys.argv[2] == 'yes'
times = {}
for line in open(os.path.join(work, 'times')):
    label, secs, kb = line.split()
    times.setdefault(label, []).append((float(secs), int(kb)))
def stats(label):
    s = sorted(t for t, _ in times[label])
    return min(s), statistics.median(s), max(kb for _, kb in times[label]) / 1024
print(f"{'tool':<34}{'min':>8}{'median':>9}{'peak RSS':>11}")
for label, name in [('backfill', 'wlat backfill --since all'), ('ccusage', 'ccusage codex daily'),
                    ('incremental', 'wlat run-incremental (+1%)')]:
    if label in times:
        mn, med, rss = stats(label)
        print(f"{name:<34}{mn:>7.2f}s{med:>8.2f}s{rss:>8.0f} MB")
if have_cc:
    print(f"ratio wlat backfill / ccusage (median): {stats('backfill')[1] / stats('ccusage')[1]:.2f}")
    print(f"ratio wlat run-incremental / wlat backfill (median): {stats('incremental')[1] / stats('backfill')[1]:.2f}")
    csv.field_size_limit(1 << 30)
    days, threads = {}, {}
    for r in csv.DictReader(open(os.path.join(work, 'token_accounting_reconciliation.tsv')), delimiter='\t', quoting=csv.QUOTE_NONE):
        if r['grain'] == 'day':
            days[r['group_key']] = int(r['cumulative_delta_tokens'])
        elif r['grain'] == 'thread':
            threads[r['group_key']] = int(r['cumulative_delta_tokens'])
    cc_days = {d['date']: d['totalTokens'] for d in json.load(open(os.path.join(work, 'ccusage-daily.json')))['daily']}
    cc_threads = {}
    for s in json.load(open(os.path.join(work, 'ccusage-sessions.json')))['sessions']:
        m = re.search(r'([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})', s['sessionFile'])
        key = m.group(1) if m else s['sessionId']
        cc_threads.setdefault(key, []).append(s)
    files = {}
    for r in csv.DictReader(open(os.path.join(work, 'rollout_files.tsv')), delimiter='\t', quoting=csv.QUOTE_NONE):
        files.setdefault(r['thread_id'], []).append(r)
    differing = [d for d in sorted(set(days) | set(cc_days)) if days.get(d, 0) != cc_days.get(d, 0)]
    print(f"per-day totals: {len(days)} days, {len(differing)} differ" + ("" if differing else ": OK, wlat = ccusage on every day"))
    for d in differing:
        print(f"  {d}: wlat {days.get(d, 0):,} ccusage {cc_days.get(d, 0):,} (wlat {days.get(d, 0) - cc_days.get(d, 0):+,})")
        for t, mine in threads.items():
            theirs = sum(s['totalTokens'] for s in cc_threads.get(t, []))
            started = [f for f in files.get(t, []) if (f.get('started_at') or '').startswith(d)]
            if mine != theirs and started:
                kinds = sorted({('compressed .jsonl.zst' if f['compressed'] == '1' else f['accounting_basis'])
                                for f in files.get(t, [])})
                why = ('ccusage does not read zstd-compressed rollouts' if 'compressed .jsonl.zst' in kinds
                       else 'see `wlat inspect-log` on its files')
                print(f"    thread {t}: wlat {mine:,} ccusage {theirs:,}; files: {', '.join(kinds)}: {why}")
PY
