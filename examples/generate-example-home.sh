#!/usr/bin/env bash
# Regenerates examples/codex-home and examples/codex-home.truth.json with wlat-testkit's
# deterministic generator (seed 7, six weeks from 2026-09-01, four repos, every feature).
# The rollout files come out byte-identical on every run; state_5.sqlite may differ in bytes only.
#
# Usage: examples/generate-example-home.sh        (from anywhere; needs JDK 17+ and Maven)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"

mvn -B -q -o -Dstyle.color=never -pl wlat-testkit package -DskipTests >/dev/null 2>&1 || mvn -B -q -Dstyle.color=never -pl wlat-testkit package -DskipTests

repo="${MAVEN_REPO:-$HOME/.m2/repository}"
jackson="$(sed -n 's:.*<jackson.version>\(.*\)</jackson.version>.*:\1:p' pom.xml)"
sqlite="$(sed -n 's:.*<sqlite-jdbc.version>\(.*\)</sqlite-jdbc.version>.*:\1:p' pom.xml)"
zstd="$(sed -n 's:.*<aircompressor.version>\(.*\)</aircompressor.version>.*:\1:p' pom.xml)"
version="$(sed -n 's:^  <version>\(.*\)</version>.*:\1:p' pom.xml | head -1)"
cp="wlat-testkit/target/wlat-testkit-${version}.jar"
cp="$cp:$repo/com/fasterxml/jackson/core/jackson-core/$jackson/jackson-core-$jackson.jar"
cp="$cp:$repo/org/xerial/sqlite-jdbc/$sqlite/sqlite-jdbc-$sqlite.jar"
cp="$cp:$repo/io/airlift/aircompressor/$zstd/aircompressor-$zstd.jar"

rm -rf examples/codex-home
java -cp "$cp" dev.wlat.testkit.GenerateCodexHome \
  --output examples/codex-home --seed 7 --days 42 --start 2026-09-01 \
  --truth examples/codex-home.truth.json
