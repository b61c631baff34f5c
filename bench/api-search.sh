#!/usr/bin/env bash
# GET /api/search under 8 concurrent clients on loopback, at 50,000 assets (issue 7 target: p95 <= 15 ms).
# Builds alice and the 50,000-asset catalog (MakeSearchLibrary) when missing, starts `alice serve` on it, warms
# it up, then runs wrk once per query kind (filter, tag, text), once over the mix, once over the mix without
# counting matches (total=false) and once over the mix with a single client, printing p50/p90/p95/p99.
# Usage: bench/api-search.sh            (DURATION=30s CONNECTIONS=8 THREADS=2 PORT=18765 LIBRARY=bench-data/search)
set -euo pipefail
cd "$(dirname "$0")/.."
DURATION="${DURATION:-30s}"
CONNECTIONS="${CONNECTIONS:-8}"
THREADS="${THREADS:-2}"
PORT="${PORT:-18765}"
LIBRARY="${LIBRARY:-bench-data/search}"
OUT="${OUT:-bench-data/results}"
mkdir -p "$OUT"

command -v wrk >/dev/null || apt-get install -y wrk
./alice --version >/dev/null
if [ ! -f "$LIBRARY/.alice/catalog.duckdb" ]; then
  mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt
  java -cp "target/test-classes:target/classes:$(cat target/cp.txt)" io.alicemultiverse.bench.MakeSearchLibrary "$LIBRARY" 50000
fi

./alice serve --library "$LIBRARY" --port "$PORT" --no-token 2> "$OUT/api-search-serve.log" &
serve=$!
trap 'kill $serve 2>/dev/null; wait $serve 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -sf "http://127.0.0.1:$PORT/health" >/dev/null && break
  sleep 0.1
done
base="http://127.0.0.1:$PORT"
# first text query loads the embedding model and builds the indexes; then warm the JIT
curl -sf "$base/api/search?q=red%20fox" >/dev/null
echo "assets: $(curl -sf "$base/api/stats" | sed -E 's/^\{"assets":([0-9]+).*/\1/')"
wrk -t "$THREADS" -c "$CONNECTIONS" -d 20s -s bench/api-search.lua "$base" -- mix >/dev/null

for kind in filter tag text mix; do
  echo "== $kind  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
  wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s -s bench/api-search.lua "$base" -- "$kind" | tee "$OUT/api-search-$kind.txt" | grep RESULT
done
echo "== mix with total=false  (load average: $(cut -d' ' -f1-3 /proc/loadavg))"
wrk -t "$THREADS" -c "$CONNECTIONS" -d "$DURATION" --timeout 10s -s bench/api-search.lua "$base" -- mix nototal | tee "$OUT/api-search-mix-nototal.txt" | grep RESULT
echo "== single client, mix"
wrk -t 1 -c 1 -d "$DURATION" --timeout 10s -s bench/api-search.lua "$base" -- mix | tee "$OUT/api-search-single.txt" | grep RESULT
