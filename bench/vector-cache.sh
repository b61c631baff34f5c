#!/usr/bin/env bash
# Issue 19: a one-shot plain-language `alice search` of a shared PostgreSQL catalog whose assets all have vectors,
# with and without this machine's vector cache file (search/VectorCache). Starts a private PostgreSQL cluster (Debian's
# postgresql package, default durable settings), fills it with N made-up assets (MakeMillionCatalog) and gives every
# asset a 384-float vector of the search model (random: this measures reading them, not ranking quality), then times
# five one-shot searches without the cache file (each reads every vector from the server and writes the file) and
# five with it (each reads the file and asks the server only for what changed).
#
#   bench/vector-cache.sh [N]          # default 200000
#
# Environment: WORK (scratch folder, default bench-data/vector-cache).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
n="${1:-200000}"
work="${WORK:-$root/bench-data/vector-cache}"
alice="$root/alice"
cd "$root"
"$alice" --version >/dev/null
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/cp.txt)"
rm -rf "$work" && mkdir -p "$work"
export XDG_CACHE_HOME="$work/cache" # this machine's search caches, not the user's
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M) UTC"; }

source "$here/pg-cluster.sh" # a private PostgreSQL cluster and its database "bench": $url, $port
lib="$work/library"

echo "== writing $n assets with vectors into $url ($(load))"
java -Xmx2g -cp "$cp" io.alicemultiverse.bench.MakeMillionCatalog "$lib" "$n" "$url" "$work/csv" >/dev/null
model=$(grep -oP 'MODEL = "\K[^"]+' src/main/java/io/alicemultiverse/search/MiniLmEmbedder.java)
psql -h 127.0.0.1 -p "$port" -U alice -d bench -qc "INSERT INTO embeddings (content_hash, model, vector, stored)
  SELECT a.content_hash, '$model', (SELECT array_agg(random()::real) FROM generate_series(1, 384)
  WHERE a.content_hash IS NOT NULL), nextval('embeddings_stored') / 1000 FROM assets a"
psql -h 127.0.0.1 -p "$port" -U alice -d bench -qc "VACUUM ANALYZE embeddings"
psql -h 127.0.0.1 -p "$port" -U alice -d bench -Atc "SELECT 'vectors ' || count(*) || ', '
  || pg_size_pretty(pg_total_relation_size('embeddings')) FROM embeddings"

"$alice" search lighthouse --library "$lib" --catalog "$url" > /dev/null 2>&1 # builds the lexical cache, once
cache=$(find "$XDG_CACHE_HOME" -name 'vectors-*.bin')
echo "cache file: $(du -h "$cache" | cut -f1)"
python3 - "$cache" "$alice" search "harbour at dusk" --library "$lib" --catalog "$url" <<'PY'
import os, subprocess, sys, time
cache, cmd = sys.argv[1], sys.argv[2:]
def timed(label, before):
    times = []
    for _ in range(5):
        before()
        t = time.perf_counter()
        out = subprocess.run(cmd, capture_output=True, text=True)
        times.append(time.perf_counter() - t)
        assert out.returncode == 0, out.stderr
    times.sort()
    print(f"{label:40s} median {times[2]:6.2f} s  min {times[0]:6.2f} s  max {times[4]:6.2f} s")
    return times[2]
without = timed("without the cache file (from the server)", lambda: os.path.exists(cache) and os.remove(cache))
subprocess.run(cmd, capture_output=True) # writes the file again
cached = timed("with the cache file", lambda: None)
print(f"ratio: {without / cached:.1f}x")
PY
echo "($(load))"
