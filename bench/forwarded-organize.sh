#!/usr/bin/env bash
# Issue 14 (one library per process): an `alice serve` owns a library while another `alice organize` is forwarded to
# it; meanwhile a client asks the gallery's search API in a loop. Prints the forwarded run, how many gallery answers
# came back during 40 s (and how many were not 200, and the slowest), that a forwarded tag shows in serve's own
# search at once, and `alice check` after it all.
#
#   bench/forwarded-organize.sh INBOX [ALICE]      # ALICE: a launcher (default ./alice), to compare builds
#
# Environment: WORK (scratch folder, default bench-data/forwarded-organize).
set -uo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
inbox="$(cd "$1" && pwd)"
alice="${2:-$root/alice}"
work="${WORK:-$root/bench-data/forwarded-organize}"
rm -rf "$work" && mkdir -p "$work" && cd "$work"
"$alice" organize --inbox "$root/../shared/samples" --library lib --json | tail -1
"$alice" serve --library lib --port 0 --no-token > serve.log 2>&1 &
serve=$!
trap 'kill $serve 2>/dev/null' EXIT
for _ in $(seq 1 120); do grep -q "gallery at" serve.log && break; sleep 0.5; done
port=$(grep -oP 'gallery at http://127.0.0.1:\K[0-9]+' serve.log)
sleep 5 # the owner warms its search
( end=$((SECONDS + 40)); n=0; bad=0; worst=0
  while [ $SECONDS -lt $end ]; do
    r=$(curl -s -o /dev/null -w '%{http_code} %{time_total}' "http://127.0.0.1:$port/api/search?q=portrait&limit=20")
    n=$((n + 1)); [ "${r% *}" = 200 ] || bad=$((bad + 1))
    worst=$(awk -v a="$worst" -v b="${r#* }" 'BEGIN { print (b > a ? b : a) }')
  done
  echo "gallery during the forwarded run: $n answers, $bad not 200, slowest ${worst} s" ) &
gallery=$!
sleep 1
start=$(date +%s.%N)
"$alice" organize --inbox "$inbox" --library lib --json | tail -1
echo "forwarded organize: $(awk -v s="$start" -v e="$(date +%s.%N)" 'BEGIN { printf "%.2f", e - s }') s wall"
path=$("$alice" search portrait --library lib --json --limit 1 | python3 -c 'import json,sys; print(json.loads(sys.stdin.readline())["path"])')
"$alice" tag add "$path" forwarded-tag --library lib
echo "the tag in serve's own search: $(curl -s "http://127.0.0.1:$port/api/search?tag=forwarded-tag" \
  | python3 -c 'import json,sys; print(json.load(sys.stdin)["total"])') asset(s)"
"$alice" check --library lib --json | tail -1
wait $gallery
