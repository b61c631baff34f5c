#!/usr/bin/env bash
# Issue 19: four organize processes (4 inboxes x 2,500 files) into one library on one PostgreSQL catalog on this
# machine, against a single DuckDB run of the same 10,000 files, in the same invocation (ratios hold on this noisy
# machine, absolute times do not). Checks afterwards that every file is in the library exactly once under a unique
# name. Starts a private PostgreSQL cluster (initdb/pg_ctl from Debian's postgresql package; durable settings:
# fsync and synchronous commit on) and stops it at the end.
#
#   python3 bench/make_organize_corpus.py --distinct-prompts 1.0 bench-data/inspect bench-data/organize-distinct
#   bench/shared-organize.sh [CORPUS]          # default CORPUS: bench-data/organize-distinct
#
# The issue's corpus is 10,000 files (4 x 2,500): make it with
#   bench/make-inspect-corpus.sh bench-data/inspect10k 10000
#   python3 bench/make_organize_corpus.py --distinct-prompts 1.0 bench-data/inspect10k bench-data/organize-distinct10k
#
# The machine is noisy (one pair's ratio ranged 0.72-0.94 in one session), so the run measures PAIRS pairs (default
# 3), each a single DuckDB run followed by the four processes, each into new libraries, and reports every pair's
# ratio and their median. A first organize of 200 files beforehand, once on each backend, leaves the launcher's
# class-data archives in place (a run that has to write one is slower), as any earlier organize would.
#
# Environment: WORK (scratch folder, default bench-data/shared-organize; each run makes a new folder in it, ~7 GB a
# pair for this corpus; an invocation deletes the folders earlier ones left there unless KEEP_RUNS=1), PAIRS, ORDER
# (which side of a pair runs first: single-first, the default, four-first or alternate).
#
# Deleting files slows the next runs' file creation on this machine's journal-less ext4 for 6 minutes (bench/organize.sh
# explains why; after deleting the previous libraries, the four processes took 16.4-17.7 s instead of 12.8-13.7 s, the
# single run suffering less), so deletions go through bench/libraries.sh and no pair starts before they have aged.
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="$(cd "${1:-$root/bench-data/organize-distinct}" && pwd)"
work="${WORK:-$root/bench-data/shared-organize}"
alice="$root/alice"
"$alice" --version >/dev/null

# earlier invocations' folders (only those this script made: they hold its marker file); then no timed run before the
# inodes of this or any benchmark's last deletion have aged
. "$here/libraries.sh"
if [ -z "${KEEP_RUNS:-}" ]; then
  earlier=()
  for old in "$work"/*/.shared-organize-run; do
    if [ -e "$old" ]; then earlier+=("${old%/.shared-organize-run}"); fi
  done
  delete_libraries "${earlier[@]}"
fi
await_aged_inodes

run="$work/$(date +%s)"
mkdir -p "$run"
touch "$run/.shared-organize-run"
# the four inboxes: every file of the corpus in exactly one, by its position in sorted order (hard links: no copy)
total=$(python3 - "$corpus" "$run" <<'EOF'
import os, shutil, sys
corpus, run = sys.argv[1:]
files = sorted(os.path.join(d, n) for d, _, names in os.walk(corpus) for n in names)
for i, f in enumerate(files):
    if i < 200: # the priming run's inbox (see above)
        prime = os.path.join(run, "prime", os.path.relpath(f, corpus))
        os.makedirs(os.path.dirname(prime), exist_ok=True)
        shutil.copy2(f, prime)
    target = os.path.join(run, f"inbox-{i % 4}", os.path.relpath(f, corpus))
    os.makedirs(os.path.dirname(target), exist_ok=True)
    try:
        os.link(f, target)
    except OSError:
        shutil.copy2(f, target)
print(len(files))
EOF
)

# a private PostgreSQL server
source "$here/pg-cluster.sh" # a private PostgreSQL cluster and its database "bench": $url, $port

find "$corpus" -type f -exec cat {} + > /dev/null # the same warm page cache for both
psql -h 127.0.0.1 -p "$port" -U alice -d postgres -qc "CREATE DATABASE prime" >/dev/null
"$alice" organize --inbox "$run/prime" --library "$run/prime-library" > "$run/prime.out" 2>&1
"$alice" organize --inbox "$run/prime" --library "$run/prime-shared" --catalog "${url%/bench}/prime" \
  > "$run/prime-shared.out" 2>&1
now() { date +%s.%N; }

pairs="${PAIRS:-3}"
ratios=()
for pair in $(seq "$pairs"); do
  # each pair: a single DuckDB run, then the four processes, each into a new library (and a new database)
  lib="$run/pair-$pair"
  psql -h 127.0.0.1 -p "$port" -U alice -d postgres -qc "CREATE DATABASE pair$pair" >/dev/null
  single() {
    local t0; t0=$(now)
    /usr/bin/time -f "%U %S" -o "$run/duckdb.cpu" "$alice" organize --inbox "$corpus" --library "$lib-duckdb" \
      > "$run/duckdb-$pair.out" 2>&1
    duck_s=$(python3 -c "print($(now) - $t0)")
  }
  four() {
    local t0 pg_cpu0 pids=() p pid
    pg_cpu0="$(pg_server_cpu)"
    t0=$(now)
    for p in 0 1 2 3; do
      /usr/bin/time -f "%U %S" -o "$run/pg-$p.cpu" "$alice" organize --inbox "$run/inbox-$p" --library "$lib-shared" \
        --catalog "${url%/bench}/pair$pair" > "$run/pg-$p-$pair.out" 2>&1 &
      pids+=($!)
    done
    for pid in "${pids[@]}"; do wait "$pid"; done
    four_s=$(python3 -c "print($(now) - $t0)")
    sleep 0.5 # the backends of the ended connections are reaped
    pg_cpu="$(python3 -c "print($(pg_server_cpu) - $pg_cpu0)")"
  }
  # which side runs first: ORDER=single-first (the default), four-first, or alternate (odd pairs single first)
  case "${ORDER:-single-first}" in
    four-first) first=four ;;
    alternate) if [ $((pair % 2)) -eq 1 ]; then first=single; else first=four; fi ;;
    *) first=single ;;
  esac
  if [ "$first" = single ]; then single; four; else four; single; fi
  echo "pair $pair of $pairs ($first first):"
  ratios+=("$(python3 - "$duck_s" "$four_s" "$total" "$run" "$pg_cpu" <<'EOF2'
import sys
duck, pg, n = map(float, sys.argv[1:4])
run, server = sys.argv[4], float(sys.argv[5])
def cpu(name):
    return sum(map(float, open(f"{run}/{name}.cpu").read().split()[-2:]))
four = [cpu(f"pg-{p}") for p in range(4)]
print(f"  single DuckDB run:          {n:.0f} files in {duck:6.2f} s = {n / duck:5.0f} files/s; CPU {cpu('duckdb'):5.1f} s",
      file=sys.stderr)
print(f"  4 processes on PostgreSQL:  {n:.0f} files in {pg:6.2f} s = {n / pg:5.0f} files/s; CPU {sum(four):5.1f} s "
      f"({' + '.join(f'{c:.1f}' for c in four)}) + PostgreSQL's server {server:.1f} s", file=sys.stderr)
print(f"  throughput ratio: {duck / pg:.2f}", file=sys.stderr)
print(f"{duck / pg:.3f}")
EOF2
)")

  # every file exactly once, every name unique
  python3 - "$lib-shared" "$corpus" <<'EOF2'
import hashlib, os, sys
lib, corpus = sys.argv[1:]
def digests(top, skip_alice):
    out = []
    for d, dirs, names in os.walk(top):
        if skip_alice and '.alice' in dirs:
            dirs.remove('.alice')
        for n in names:
            with open(os.path.join(d, n), 'rb') as f:
                out.append(hashlib.sha256(f.read()).hexdigest())
    return out
stored = digests(lib, True)
wanted = set(digests(corpus, False))
print(f"  library: {len(stored)} files, {len(set(stored))} distinct contents; corpus: {len(wanted)} distinct contents")
print("  every file exactly once:", "yes" if sorted(stored) == sorted(wanted) else "NO")
EOF2
  "$alice" check --library "$lib-shared" >/dev/null && echo "  alice check: clean"
done
python3 -c "import statistics, sys; r = sorted(map(float, sys.argv[1:])); \
print(f'throughput ratio (target >= 0.8): median {statistics.median(r):.2f} of {len(r)} pairs ({\", \".join(f\"{x:.2f}\" for x in r)})')" "${ratios[@]}"
