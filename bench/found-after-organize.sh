#!/usr/bin/env bash
# Issue 18: "a new asset is found by plain-language search within 10 s of the run's end". Organizes an inbox whose
# prompts nearly all differ (copy mode, empty library, no owner running), then at once runs plain-language searches
# for a few of the new files — each query the first six longer words of the file's prompt, without its commas —
# and reports, per query, the seconds from the end of organize to the answer that lists the file (one-shot `alice
# search`, model load included). Also prints the organize run's own wall time and rate.
#
#   python3 bench/make_organize_corpus.py --distinct-prompts 1.0 bench-data/inspect bench-data/organize-distinct
#   bench/found-after-organize.sh [INBOX]          # default INBOX: bench-data/organize-distinct
#
# Environment: LIB (default bench-data/found-library), PICKS (files to look for, default 5).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
inbox="$(cd "${1:-$root/bench-data/organize-distinct}" && pwd)"
lib="${LIB:-$root/bench-data/found-library}"
picks="${PICKS:-5}"
alice="$root/alice"
. "$here/libraries.sh"
"$alice" --version >/dev/null
delete_libraries "$lib"
await_aged_inodes
files=$(find "$inbox" -type f | wc -l)
# the prompts to look for: every (files / picks)-th file, read before the run (copy mode leaves the inbox as it is)
mapfile -t chosen < <(find "$inbox" -type f | sort | awk -v n="$files" -v k="$picks" 'NR % int(n / k) == 1')
prompts=()
for f in "${chosen[@]}"; do
  prompts+=("$("$alice" inspect "$f" --json | python3 -c 'import json,sys; print(json.load(sys.stdin)["prompt"] or "")')")
done
find "$inbox" -type f -exec cat {} + > /dev/null
start=$(date +%s.%N)
"$alice" organize --inbox "$inbox" --library "$lib" --json > "$lib.organize.jsonl"
end=$(date +%s.%N)
python3 -c "import sys; s, e, n = map(float, sys.argv[1:]); print(f'organize: {n:.0f} files in {e - s:.2f} s wall = {n / (e - s):.0f} files/s')" "$start" "$end" "$files"
for p in "${prompts[@]}"; do
  [ -n "$p" ] || continue
  # the first six longer words of the prompt (its subject, action and setting), without commas: what a user
  # remembering the picture might type. (Random words of the prompt were tried first: its style and detail words
  # are shared by hundreds of other prompts, so such a query has no single answer.)
  q="$(python3 -c 'import re,sys; w=[x for x in re.findall(r"[a-z]+", sys.argv[1].lower()) if len(x) > 3]; print(" ".join(w[:6]))' "$p")"
  "$alice" search "$q" --library "$lib" --json --limit 10 > "$lib.search.jsonl"
  found=$(date +%s.%N)
  rank=$(python3 -c 'import json,sys; ps=[json.loads(l).get("prompt") for l in open(sys.argv[1])]; print(ps.index(sys.argv[2]) + 1 if sys.argv[2] in ps else "not in top 10")' "$lib.search.jsonl" "$p")
  python3 -c "import sys; print(f'{float(sys.argv[2]) - float(sys.argv[1]):6.2f} s after the run: rank {sys.argv[3]} for \"{sys.argv[4]}\"')" "$end" "$found" "$rank" "$q"
done
rm -f "$lib.organize.jsonl" "$lib.search.jsonl"
delete_libraries "$lib"
