#!/usr/bin/env bash
# Issue 19: search on a 1,000,000-asset catalog on PostgreSQL. Starts a private PostgreSQL cluster (initdb/pg_ctl from
# Debian's postgresql package, default durable settings), writes N synthetic assets into it (each with a prompt of
# its own, six sources, seven models, three years of dates, prompt tags as organize stores them: MakeSearchLibrary),
# then measures
#   1. warm, in-process: tag / source / date filters and prompt words (JMH SearchMillionBenchmark, p50/p95/p99);
#   2. cold: one-shot `alice search` processes (JVM start, catalog connection, the local lexical index, the SQL
#      filters and page), each run five times after one run that builds this machine's index cache.
#
#   bench/pg-million.sh [N]          # default 1000000
#
# Environment: WORK (scratch folder, default bench-data/pg-million), KEEP=1 keeps the cluster's folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
n="${1:-1000000}"
work="${WORK:-$root/bench-data/pg-million}"
alice="$root/alice"
cd "$root"
"$alice" --version >/dev/null
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/cp.txt)"
rm -rf "$work" && mkdir -p "$work"
export XDG_CACHE_HOME="$work/cache" # this machine's search index cache, not the user's

bin="$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)"
pgdir="$(mktemp -d /tmp/alice-bench-pg.XXXXXX)"
as=()
if [ "$(id -u)" = 0 ]; then chown postgres "$pgdir"; as=(runuser -u postgres --); fi
"${as[@]}" "$bin/initdb" -D "$pgdir/data" -A trust -U alice -E UTF8 >/dev/null
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"${as[@]}" "$bin/pg_ctl" -D "$pgdir/data" -l "$pgdir/log" -w -o "-p $port -k $pgdir -c listen_addresses=127.0.0.1" start >/dev/null
stop() { "${as[@]}" "$bin/pg_ctl" -D "$pgdir/data" -m fast -w stop >/dev/null; [ -n "${KEEP:-}" ] || rm -rf "$pgdir"; }
trap stop EXIT
psql -h 127.0.0.1 -p "$port" -U alice -d postgres -qc "CREATE DATABASE bench" >/dev/null
url="postgresql://alice@127.0.0.1:$port/bench"
lib="$work/library"

echo "== writing $n assets into $url (load $(cut -d' ' -f1-3 /proc/loadavg))"
java -Xmx6g -cp "$cp" io.alicemultiverse.bench.MakeSearchLibrary "$lib" "$n" "$url" | tail -2
psql -h 127.0.0.1 -p "$port" -U alice -d bench -qc "VACUUM ANALYZE" >/dev/null
psql -h 127.0.0.1 -p "$port" -U alice -d bench -Atc "SELECT 'assets ' || count(*) FROM assets UNION ALL SELECT 'tags ' || count(*) FROM tags UNION ALL SELECT 'database ' || pg_size_pretty(pg_database_size('bench'))"

echo "== warm, in-process (load $(cut -d' ' -f1-3 /proc/loadavg))"
java -Djmh.ignoreLock=true -Dalice.bench.library="$lib" -Dalice.bench.catalog="$url" -cp "$cp" org.openjdk.jmh.Main \
  SearchMillionBenchmark -f 1 -wi 2 -i 3 -w 3 -r 3 -jvmArgsAppend "-Dalice.bench.library=$lib -Dalice.bench.catalog=$url" \
  2>&1 | grep -E "assets warm|^SearchMillionBenchmark|p0.50|p0.95|p0.99|·p|Benchmark " | grep -v "p0.00\|p0.90\|p0.999\|p1.00"

echo "== cold one-shot alice search (load $(cut -d' ' -f1-3 /proc/loadavg))"
cold() {
  local label="$1"; shift
  "$alice" search "$@" --library "$lib" > /dev/null 2>&1 # the first builds this machine's index cache
  python3 - "$label" "$alice" search "$@" --library "$lib" <<'PY'
import subprocess, sys, time
label, cmd = sys.argv[1], sys.argv[2:]
times = []
for _ in range(5):
    t = time.perf_counter()
    out = subprocess.run(cmd, capture_output=True, text=True)
    times.append(time.perf_counter() - t)
    assert out.returncode == 0, out.stderr
times.sort()
print(f"{label:32s} median {times[2]:.2f} s  min {times[0]:.2f} s  max {times[4]:.2f} s  ({len(out.stdout.splitlines())} lines)")
PY
}
cold "tag:golden hour" --tag "golden hour"
cold "source:comfyui" --source comfyui
cold "since 2025-06" --since 2025-06-01
cold 'words: "lighthouse"' '"lighthouse"'
cold 'words + tag' '"lighthouse"' --tag snow
cold "plain language: lighthouse" lighthouse   # context: loads the embedding model (~2.5 s), no vectors here
