#!/usr/bin/env bash
# Issue 19, where the four processes' extra time goes: the same four 2,500-file organize processes into one library on
# one PostgreSQL catalog, one after another and then at once, alternating for ROUNDS rounds (default 2), each with
# its wall time, every process's CPU and the server's. One after another against the single DuckDB run shows what
# each JVM's own start and warm-up cost; at once against one after another, what sharing two cores costs.
#
#   bench/shared-organize.sh bench-data/organize-distinct10k    # first: it leaves the four inboxes in its run folder
#   bench/shared-organize-parts.sh
#
# Uses the newest run folder of bench/shared-organize.sh (its inbox-0..3 and prime), writes 2 x 3.6 GB a round into
# a new folder there (deleted by the next bench/shared-organize.sh), and starts no run within 6 minutes of a deletion
# (bench/libraries.sh).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
work="${WORK:-$root/bench-data/shared-organize}"
run="$(ls -d "$work"/*/ 2>/dev/null | sort | tail -1)"
run="${run%/}"
[ -n "$run" ] && [ -d "$run/inbox-3" ] || { echo "shared-organize-parts: run bench/shared-organize.sh first" >&2; exit 2; }
alice="$root/alice"
"$alice" --version >/dev/null
. "$here/libraries.sh"
await_aged_inodes
source "$here/pg-cluster.sh" # $url, $port, pg_server_cpu
now() { date +%s.%N; }

out="$run/parts-$(date +%s)"
mkdir -p "$out"
psql -h 127.0.0.1 -p "$port" -U alice -d postgres -qc "CREATE DATABASE prime" >/dev/null
"$alice" organize --inbox "$run/prime" --library "$out/prime" --catalog "${url%/bench}/prime" >/dev/null 2>&1
n=0
for round in $(seq "${ROUNDS:-2}"); do
  for mode in "one after another" "at once"; do
    n=$((n + 1))
    psql -h 127.0.0.1 -p "$port" -U alice -d postgres -qc "CREATE DATABASE parts$n" >/dev/null
    server0="$(pg_server_cpu)"
    t0="$(now)"
    for p in 0 1 2 3; do
      organize=(/usr/bin/time -f "%U %S" -o "$out/$n-$p.cpu" "$alice" organize --inbox "$run/inbox-$p"
        --library "$out/library-$n" --catalog "${url%/bench}/parts$n")
      if [ "$mode" = "at once" ]; then "${organize[@]}" > "$out/$n-$p.out" 2>&1 & else "${organize[@]}" > "$out/$n-$p.out" 2>&1; fi
    done
    wait
    wall="$(python3 -c "print(f'{$(now) - $t0:.2f}')")"
    sleep 0.5 # the ended connections' backends are reaped
    python3 - "$out" "$n" "$round" "$mode" "$wall" "$(python3 -c "print($(pg_server_cpu) - $server0)")" <<'PY'
import sys
out, n, rnd, mode, wall, server = sys.argv[1:]
cpu = [sum(map(float, open(f"{out}/{n}-{p}.cpu").read().split()[-2:])) for p in range(4)]
print(f"round {rnd}, {mode + ':':18} {float(wall):6.2f} s; CPU {sum(cpu):5.1f} s "
      f"({' + '.join(f'{c:.1f}' for c in cpu)}) + server {float(server):.1f} s")
PY
  done
done
