#!/usr/bin/env bash
# Issue 19: ten SIGKILLs spread over four organize processes (move mode) filing four inboxes into one library on one
# PostgreSQL catalog; each killed process is started again at once, then the survivors finish and one more run of
# each inbox follows. Afterwards no file may be lost (every content of the corpus is in the library, still in its
# inbox, or parked as a duplicate) or doubled (no content stored twice in the library), and `alice check` must be
# clean. Starts a private PostgreSQL cluster (durable settings) and stops it at the end.
#
#   bench/shared-crash.sh [CORPUS] [FILES_PER_INBOX]   # default: bench-data/organize-distinct, 500
#
# Environment: WORK (scratch folder, default bench-data/shared-crash), KILLS (default 10), SEED (default 19).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
root="$(cd "$here/.." && pwd)"
corpus="$(cd "${1:-$root/bench-data/organize-distinct}" && pwd)"
per="${2:-500}"
kills="${KILLS:-10}"
work="${WORK:-$root/bench-data/shared-crash}"
alice="$root/alice"
"$alice" --version >/dev/null
RANDOM="${SEED:-19}"

run="$work/$(date +%s)"
mkdir -p "$run"
mapfile -t files < <(find "$corpus" -type f | sort | head -n $(( per * 4 )))
for i in "${!files[@]}"; do
  p=$(( i % 4 ))
  mkdir -p "$run/inbox-$p/studio"
  ln "${files[$i]}" "$run/inbox-$p/studio/$i-$(basename "${files[$i]}")" 2>/dev/null \
    || cp "${files[$i]}" "$run/inbox-$p/studio/$i-$(basename "${files[$i]}")"
done

source "$here/pg-cluster.sh" # a private PostgreSQL cluster and its database "bench": $url, $port
lib="$run/library"

start() { # inbox number -> pid
  "$alice" organize --move --inbox "$run/inbox-$1" --library "$lib" --catalog "$url" >> "$run/out-$1" 2>&1 &
  echo $!
}
declare -a pids
for p in 0 1 2 3; do pids[$p]=$(start $p); done
done_kills=0
while [ "$done_kills" -lt "$kills" ]; do
  sleep "$(( RANDOM % 3 + 1 )).$(( RANDOM % 10 ))"
  p=$(( RANDOM % 4 ))
  if kill -0 "${pids[$p]}" 2>/dev/null; then
    # the JVM under the launcher: kill -9 the whole process group of that organize
    pkill -9 -P "${pids[$p]}" 2>/dev/null || true
    kill -9 "${pids[$p]}" 2>/dev/null || true
    done_kills=$(( done_kills + 1 ))
    echo "kill $done_kills: organize of inbox-$p ($(find "$lib" -path "$lib/.alice" -prune -o -type f -print 2>/dev/null | wc -l) files in the library)"
  fi
  # a finished or killed process starts again, as a user would re-run it
  if ! kill -0 "${pids[$p]}" 2>/dev/null; then pids[$p]=$(start $p); fi
done
# the processes were started in subshells: wait for them by polling
for p in 0 1 2 3; do while kill -0 "${pids[$p]}" 2>/dev/null; do sleep 0.5; done; done
for p in 0 1 2 3; do
  "$alice" organize --move --inbox "$run/inbox-$p" --library "$lib" --catalog "$url" >> "$run/out-$p" 2>&1 || true
done

python3 - "$lib" "$run" "$corpus" "$per" <<'EOF'
import hashlib, os, sys
lib, run, corpus, per = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
def digests(top, skip=()):
    out = []
    for d, dirs, names in os.walk(top):
        for s in skip:
            if s in dirs:
                dirs.remove(s)
        for n in names:
            with open(os.path.join(d, n), 'rb') as f:
                out.append(hashlib.sha256(f.read()).hexdigest())
    return out
stored = digests(lib, ('.alice',))
parked = digests(os.path.join(lib, '.alice', 'duplicates')) if os.path.isdir(os.path.join(lib, '.alice', 'duplicates')) else []
left = sum((digests(os.path.join(run, f'inbox-{p}')) for p in range(4)), [])
files = sorted(os.path.join(d, n) for d, _, ns in os.walk(corpus) for n in ns)[:per * 4]
wanted = set()
for f in files:
    with open(f, 'rb') as h:
        wanted.add(hashlib.sha256(h.read()).hexdigest())
lost = wanted - set(stored) - set(parked) - set(left)
doubled = len(stored) - len(set(stored))
print(f"library: {len(stored)} files ({len(set(stored))} distinct); parked duplicates: {len(parked)}; left in inboxes: {len(left)}")
print(f"lost: {len(lost)}, doubled: {doubled}")
sys.exit(1 if lost or doubled else 0)
EOF
"$alice" check --library "$lib" >/dev/null && echo "alice check: clean"
