#!/usr/bin/env bash
# Two builds of alice organizing the same inbox, run after run in turn (A, B, A, B, ...), so that both see the same
# machine: on these VMs the cost of fresh memory and page cache drifts over minutes (the host takes back freed pages),
# and a figure from an earlier session, or from before a pause, is not comparable. Each run files into an empty
# library of its own; all of them are deleted at the end (see bench/organize.sh on why not before each run).
#
#   git worktree add /tmp/base <commit> && (cd /tmp/base && ./alice --version)
#   bench/organize-compare.sh /tmp/base . [INBOX]        # default INBOX: bench-data/organize-inbox
#
# Environment: RUNS (pairs, default 3), LIB (default bench-data/compare-library), A_OPTS and B_OPTS (ALICE_JAVA_OPTS
# for each side, to compare JVM flags on one build). Prints wall, user and system time of every run and the medians.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
a="$(cd "$1" && pwd)"
b="$(cd "$2" && pwd)"
inbox="$(cd "${3:-$root/bench-data/organize-inbox}" && pwd)"
runs="${RUNS:-3}"
lib="${LIB:-$root/bench-data/compare-library}"
. "$here/libraries.sh"
delete_libraries "$lib".*[0-9]
await_aged_inodes
for side in "$a" "$b"; do # launcher build and class archive, untimed
  "$side/alice" --version >/dev/null
  "$side/alice" organize --inbox "$root/../shared/samples" --library "$lib.warm$RANDOM" --json >/dev/null || true
done
rm -rf "$lib".warm*
results="$(mktemp)"
for i in $(seq 1 "$runs"); do
  for side in A B; do
    dir="$a"; opts="${A_OPTS:-}"
    if [ "$side" = B ]; then dir="$b"; opts="${B_OPTS:-}"; fi
    find "$inbox" -type f -exec cat {} + >/dev/null
    sync
    ALICE_JAVA_OPTS="$opts" /usr/bin/time -f "$side %e %U %S" -o "$results" -a \
      "$dir/alice" organize --inbox "$inbox" --library "$lib.$side$i" --json > "$lib.$side$i.jsonl" 2>&1 || true
    tail -1 "$results"
    tail -1 "$lib.$side$i.jsonl"
  done
done
delete_libraries "$lib".[AB]*[0-9]
rm -f "$lib".[AB]*.jsonl
python3 - "$results" "$a" "$b" <<'PY'
import statistics, sys
rows = [l.split() for l in open(sys.argv[1]) if l.strip()]
for side, path in (("A", sys.argv[2]), ("B", sys.argv[3])):
    r = [list(map(float, x[1:])) for x in rows if x[0] == side]
    med = [statistics.median(c) for c in zip(*r)]
    print(f"{side} {path}: wall median {med[0]:.2f} s ({', '.join(f'{x[0]:.2f}' for x in r)}), "
          f"user {med[1]:.1f} s, sys {med[2]:.1f} s")
PY
rm -f "$results"
