#!/usr/bin/env bash
# alice export at 50,000 catalogued assets (issue 20 target: Parquet < 3 s, JVM start included), with
# `alice stats` on the same catalog as the in-run baseline (JVM start + opening the catalog).
# Builds alice and the synthetic 50,000-asset catalog (MakeSearchLibrary, shared with the search benchmarks) when
# missing, then times RUNS runs of each command and prints min / median seconds and the row count written.
# Usage: bench/export.sh            (RUNS=5 LIBRARY=bench-data/search)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
LIBRARY="${LIBRARY:-bench-data/search}"
OUT="${OUT:-bench-data/export}"
mkdir -p "$OUT"

./alice --version >/dev/null
if [ ! -f "$LIBRARY/.alice/catalog.duckdb" ]; then
  mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.alicemultiverse.bench.MakeSearchLibrary "$LIBRARY" 50000
fi

time_it() { # label, command...
  local label="$1"; shift
  "$@" >/dev/null # warm: the first run writes the command's class-data archive
  local rows=()
  for _ in $(seq 1 "$RUNS"); do
    # wall seconds, then CPU seconds (user + system) of the whole process tree: on a shared machine the CPU figure
    # is the steadier one
    rows+=("$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%.3f %.3f", $1, $2 + $3}')")
  done
  local wall cpu
  wall=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f1 | sort -n | awk '{a[NR]=$1} END {printf "min %.2f s  median %.2f s", a[1], a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f2 | sort -n | awk '{a[NR]=$1} END {printf "median %.2f s", a[int((NR+1)/2)]}')
  printf '%-28s wall %s   cpu %s\n' "$label" "$wall" "$cpu"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
time_it "stats (baseline)" ./alice stats --library "$LIBRARY"
for f in parquet csv jsonl; do
  time_it "export --format $f" ./alice export --library "$LIBRARY" --format "$f" -o "$OUT/assets.$f"
done
time_it "export parquet --query" ./alice export --library "$LIBRARY" --query "tag:portrait" -o "$OUT/some.parquet"
./alice export --library "$LIBRARY" --format parquet -o "$OUT/assets.parquet" --json
ls -l "$OUT"
