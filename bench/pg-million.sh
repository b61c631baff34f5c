#!/usr/bin/env bash
# Issue 19: search on a 1,000,000-asset catalog on PostgreSQL. Starts a private PostgreSQL cluster (initdb/pg_ctl from
# Debian's postgresql package, its default durable settings: fsync and synchronous commit on, 128 MB shared buffers),
# fills it with N made-up assets by COPY (MakeMillionCatalog: a prompt of its own per asset, 20 sources, their models,
# 40 projects, three years of dates, prompt and understanding tags), then measures
#   1. warm, in-process (JMH SearchMillionBenchmark, p50/p95/p99): tag / source / date filters, the three together,
#      a tag with facets, prompt words — rows in memory as serve keeps them, and rows asked of the catalog's SQL;
#   2. cold: one-shot `alice search … --catalog URL` processes (JVM start, connection, SQL page, rows), each run
#      five times after one untimed run (the first text query also builds this machine's lexical index cache).
# With DUCKDB=1 (default) the same rows go into a DuckDB library and the same measurements run there, for context.
#
#   bench/pg-million.sh [N]          # default 1000000
#
# Environment: WORK (scratch folder, default bench-data/pg-million), KEEP=1 keeps the cluster's folder, DUCKDB=0 skips
# DuckDB, JMH_ARGS (default "-f 1 -wi 2 -i 3 -w 2 -r 3").
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
n="${1:-1000000}"
work="${WORK:-$root/bench-data/pg-million}"
jmh_args="${JMH_ARGS:--f 1 -wi 2 -i 3 -w 2 -r 3}"
alice="$root/alice"
cd "$root"
"$alice" --version >/dev/null
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/cp.txt)"
rm -rf "$work/library" "$work/library-duckdb" "$work/cache" && mkdir -p "$work"
export XDG_CACHE_HOME="$work/cache" # this machine's search index cache, not the user's
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M) UTC"; }

source "$here/pg-cluster.sh" # a private PostgreSQL cluster and its database "bench": $url, $port
lib="$work/library"
echo "== PostgreSQL $("$bin/postgres" --version | awk '{print $3}'), $(nproc) cores, $(free -g | awk '/Mem:/ {print $2}') GB; $(load)"

echo "== writing $n assets into $url ($(load))"
java -Xmx2g -cp "$cp" io.alicemultiverse.bench.MakeMillionCatalog "$lib" "$n" "$url" "$work/csv"
psql -h 127.0.0.1 -p "$port" -U alice -d bench -Atc "SELECT 'assets ' || count(*) FROM assets UNION ALL SELECT 'tags ' || count(*) FROM tags UNION ALL SELECT 'distinct prompts ' || count(DISTINCT prompt) FROM assets UNION ALL SELECT 'database ' || pg_size_pretty(pg_database_size('bench'))"

warm() { # $1: label, $2: catalog URL ('' for the library's DuckDB), $3: library
  echo "== warm, in-process, $1 ($(load))"
  java -Djmh.ignoreLock=true -cp "$cp" org.openjdk.jmh.Main SearchMillionBenchmark $jmh_args \
    -jvmArgsAppend "-Dalice.bench.library=$3 -Dalice.bench.catalog=$2" 2>&1 \
    | grep -E "ready in|^SearchMillionBenchmark\.|^Benchmark " | grep -vE "p0\.(00|90|999|9999)|p1\.00"
}

cold() { # $1: label, then the search arguments
  local label="$1"; shift
  "$alice" search "$@" > /dev/null 2>&1 # untimed: the first text query builds this machine's lexical index
  python3 - "$label" "$alice" search "$@" <<'PY'
import subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
times = []
for _ in range(5):
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    times.append(time.perf_counter() - t)
    assert out.returncode == 0, out.stderr
times.sort()
print(f"{label:34s} median {times[2]:.2f} s  min {times[0]:.2f} s  max {times[4]:.2f} s  ({len(out.stdout.splitlines())} lines)")
PY
}

coldset() { # the library and catalog arguments
  echo "== cold one-shot alice search $* ($(load))"
  local t0=$(date +%s.%N)
  "$alice" search lighthouse "$@" > /dev/null 2>&1
  echo "first text query (builds the lexical index cache): $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s"
  cold "--tag 'golden hour'" --tag "golden hour" "$@"
  cold "--tag 'flux1-schnell' (1 %)" --tag flux1-schnell "$@"
  cold "--source comfyui" --source comfyui "$@"
  cold "--source luma (1 %)" --source luma "$@"
  cold "--since 2025-06-01 --until 2025-06-30" --since 2025-06-01 --until 2025-06-30 "$@"
  cold "tag + source + since" --tag snow --source midjourney --since 2025-01-01 "$@"
  cold "--tag snow --facets" --tag snow --facets "$@"
  cold "words: lighthouse (loads the model)" lighthouse "$@"
  cold "words + tag: lighthouse --tag snow" lighthouse --tag snow "$@"
}

warm "PostgreSQL" "$url" "$lib"
coldset --library "$lib" --catalog "$url"

if [ "${DUCKDB:-1}" = 1 ]; then
  duck="$work/library-duckdb"
  echo "== the same rows into DuckDB ($(load))"
  java -Xmx4g -cp "$cp" io.alicemultiverse.bench.MakeMillionCatalog "$duck" "$n" duckdb "$work/csv"
  ls -la "$duck/.alice/catalog.duckdb" | awk '{printf "catalog.duckdb %.0f MB\n", $5 / 1e6}'
  warm "DuckDB" "" "$duck"
  coldset --library "$duck"
fi
echo "== done ($(load))"
