# Sourced by the bench scripts: builds the jar on first use and makes sure the corpus of $size and
# $seed exists in bench/corpus/<SIZE>-<SEED> (git-ignored; generated once, then reused, never
# modified). Expects $root, $size and $seed; sets $corpus and changes to $root.
corpus="$root/bench/corpus/$size-$seed"
cd "$root"
./wlat version >/dev/null   # builds the jar on first use
if [[ ! -d $corpus/sessions ]]; then
  rm -rf "$corpus"; mkdir -p "$(dirname "$corpus")"
  echo "generating a $size Codex home (seed $seed) into $corpus ..." >&2
  ./wlat generate-home --output "$corpus" --seed "$seed" --target-bytes "$size" --truth "$corpus.truth.json" >&2
fi
