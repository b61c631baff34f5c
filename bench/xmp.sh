#!/usr/bin/env bash
# alice xmp write for 10,000 assets (issue 20 target: < 10 s, JVM start included): a first write (every sidecar new,
# each fsynced and renamed into place) and a second one (every sidecar read, found unchanged, left alone), with
# `alice stats` on the same catalog as the in-run baseline. Synthetic catalog rows (MakeXmpLibrary) with a small
# stand-in file at each path.
# Usage: bench/xmp.sh            (RUNS=3 LIBRARY=bench-data/xmp N=10000)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-3}"
LIBRARY="${LIBRARY:-bench-data/xmp}"
N="${N:-10000}"

./alice --version >/dev/null
if [ ! -f "$LIBRARY/.alice/catalog.duckdb" ]; then
  mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.alicemultiverse.bench.MakeXmpLibrary "$LIBRARY" "$N"
fi

measure() { # label, command... : one line of wall and CPU seconds
  local label="$1"; shift
  { TIMEFORMAT="$label wall %R s  cpu %U+%S s"; time "$@" >/dev/null; } 2>&1
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
./alice stats --library "$LIBRARY" >/dev/null # warm the class-data archive
measure "stats (baseline)" ./alice stats --library "$LIBRARY"
for run in $(seq 1 "$RUNS"); do
  find "$LIBRARY" -name '*.xmp' -delete
  measure "xmp write, all new ($run)" ./alice xmp write --all --library "$LIBRARY"
  measure "xmp write, unchanged ($run)" ./alice xmp write --all --library "$LIBRARY"
done
./alice xmp write --all --library "$LIBRARY"
echo "sidecars: $(find "$LIBRARY" -name '*.xmp' | wc -l)"
