#!/usr/bin/env bash
# alice timeline export of 100 clips in each format (issue 20 target: < 1 s), with `alice stats` on the same
# catalog as the in-run baseline (JVM start + opening the catalog). The 100 catalogued assets are synthetic rows
# (MakeSearchLibrary); half of them are given a video duration so both clip kinds are written.
# Usage: bench/timeline.sh            (RUNS=5 LIBRARY=bench-data/timeline)
set -euo pipefail
cd "$(dirname "$0")/.."
RUNS="${RUNS:-5}"
LIBRARY="${LIBRARY:-bench-data/timeline}"
OUT="${OUT:-bench-data/timeline-out}"
mkdir -p "$OUT"

./alice --version >/dev/null
if [ ! -f "$LIBRARY/.alice/catalog.duckdb" ]; then
  mvn -q -B test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.alicemultiverse.bench.MakeSearchLibrary "$LIBRARY" 100
  java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.alicemultiverse.bench.MakeTimelineClips "$LIBRARY"
fi

time_it() { # label, command...
  local label="$1"; shift
  "$@" >/dev/null # warm: the first run writes the command's class-data archive
  local rows=()
  for _ in $(seq 1 "$RUNS"); do
    rows+=("$( { TIMEFORMAT='%R %U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%.3f %.3f", $1, $2 + $3}')")
  done
  local wall cpu
  wall=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f1 | sort -n | awk '{a[NR]=$1} END {printf "min %.2f s  median %.2f s", a[1], a[int((NR+1)/2)]}')
  cpu=$(printf '%s\n' "${rows[@]}" | cut -d' ' -f2 | sort -n | awk '{a[NR]=$1} END {printf "median %.2f s", a[int((NR+1)/2)]}')
  printf '%-28s wall %s   cpu %s\n' "$label" "$wall" "$cpu"
}

echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
time_it "stats (baseline)" ./alice stats --library "$LIBRARY"
for f in otio fcpxml edl; do
  time_it "timeline export $f" ./alice timeline export --library "$LIBRARY" --format "$f" -o "$OUT/t.$f"
done
./alice timeline export --library "$LIBRARY" --format edl -o "$OUT/t.edl"
