#!/usr/bin/env bash
# Issue 19: facets of a one-shot `alice search --facets` on a 1,000,000-asset PostgreSQL catalog, counted by the
# catalog's SQL (a machine without a lexical index cache) against counted from this machine's lexical index cache
# (where a text search has built one), same build, same rows, alternating. Checks that both print the same output.
# Starts a private PostgreSQL cluster (bench/pg-cluster.sh) and fills it as bench/pg-million.sh does
# (MakeMillionCatalog: 1,000,000 assets, ~5,000,000 tag rows; ~7 minutes).
#
#   bench/facets-million.sh [N]          # default 1000000
#
# Environment: WORK (scratch folder, default bench-data/facets-million), RUNS (timed runs per query and side,
# default 5), KEEP=1 keeps the cluster's folder.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
n="${1:-1000000}"
work="${WORK:-$root/bench-data/facets-million}"
runs="${RUNS:-5}"
alice="$root/alice"
cd "$root"
"$alice" --version >/dev/null
mvn -q -B -o test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt >/dev/null
cp="target/test-classes:target/classes:$(cat target/cp.txt)"
rm -rf "$work" && mkdir -p "$work/no-index" "$work/index"
load() { echo "load $(cut -d' ' -f1-3 /proc/loadavg), $(date -u +%H:%M) UTC"; }

source "$here/pg-cluster.sh" # a private PostgreSQL cluster and its database "bench": $url, $port
lib="$work/library"
echo "== writing $n assets into a PostgreSQL catalog ($(load))"
java -Xmx2g -cp "$cp" io.alicemultiverse.bench.MakeMillionCatalog "$lib" "$n" "$url" "$work/csv" >/dev/null
psql -h 127.0.0.1 -p "$port" -U alice -d bench -Atc "VACUUM ANALYZE" >/dev/null

echo "== this machine's lexical index cache, built by a first text query ($(load))"
t0=$(date +%s.%N)
XDG_CACHE_HOME="$work/index" "$alice" search lighthouse --library "$lib" --catalog "$url" >/dev/null
echo "built in $(python3 -c "print(f'{$(date +%s.%N) - $t0:.1f}')") s, $(du -sh "$work/index" | cut -f1)"

python3 - "$alice" "$lib" "$url" "$work" "$runs" <<'PY'
import os, subprocess, sys, time
alice, lib, url, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5])
queries = [
    ("--facets (every asset)", ["--facets"]),
    ("--source comfyui --facets", ["--source", "comfyui", "--facets"]),
    ("--tag 'golden hour' --facets", ["--tag", "golden hour", "--facets"]),
    ("--tag flux1-schnell --facets (1 %)", ["--tag", "flux1-schnell", "--facets"]),
]
def run(cache, args):
    env = dict(os.environ, XDG_CACHE_HOME=os.path.join(work, cache))
    t = time.perf_counter()
    out = subprocess.run([alice, "search", *args, "--json", "--library", lib, "--catalog", url],
                         capture_output=True, text=True, env=env)
    took = time.perf_counter() - t
    assert out.returncode == 0, out.stderr
    return took, out.stdout
print(f"{'cold one-shot alice search':36s} {'from SQL (no index)':>28s} {'from the index':>28s}")
for label, args in queries:
    first = {side: run(side, args)[1] for side in ("no-index", "index")}  # untimed
    assert first["no-index"] == first["index"], f"{label}: the outputs differ"
    times = {"no-index": [], "index": []}
    for _ in range(runs):
        for side in ("no-index", "index"):
            took, out = run(side, args)
            assert out == first[side], f"{label}: output changed between runs"
            times[side].append(took)
    cells = []
    for side in ("no-index", "index"):
        t = sorted(times[side])
        cells.append(f"median {t[len(t) // 2]:.2f} s ({t[0]:.2f}-{t[-1]:.2f})")
    print(f"{label:36s} {cells[0]:>28s} {cells[1]:>28s}")
print("outputs: identical on both sides for every query")
PY
[ -d "$work/no-index/alice" ] && echo "(the no-index side built an index: it should not have)" || true
echo "== done ($(load))"
