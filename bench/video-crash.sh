#!/usr/bin/env bash
# Issue 17: "SIGKILL the waiting process at random points 10 times while 10 jobs are in flight: every job finishes,
# exactly 10 submits reach the provider, exactly 10 clips land in the library, none twice, no partial file anywhere."
# The fake fal queue runs as a process of its own (its counts survive every kill). By default every job is submitted
# (in flight) before the first kill, as the issue says, so kills land in polls, downloads and filing. CAP=3 is the
# harsher variant: most jobs wait as pending and the killed process submits them itself, so a kill can land between
# a submit leaving and its answer being recorded — that job becomes `unknown` and is, by design, never sent again
# (the check then reports it). Each killed `alice video wait` (the launcher and its JVM) is started again at once;
# after the last kill one more wait runs to the end, then the checks.
#   bench/video-crash.sh [JOBS=10] [KILLS=10]        (READS=2 status reads per phase, CAP=JOBS, SEED=17)
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${1:-10}"
KILLS="${2:-10}"
WORK="$(mktemp -d /tmp/alice-video-crash.XXXXXX)"
READS="${READS:-2}"
CAP="${CAP:-$JOBS}"
# shellcheck source=video-fake.sh
. bench/video-fake.sh
RANDOM="${SEED:-17}"
lib="$WORK/library"
cfg="$WORK/config.yaml"
printf 'video:\n  concurrency: {fal: %d}\n' "$CAP" > "$cfg"
./alice video list --library "$lib" --config "$cfg" >/dev/null # builds, warms the class-data archive
for i in $(seq 1 "$JOBS"); do
  ./alice video generate --library "$lib" --config "$cfg" --provider fal --model "$MODEL" \
    --prompt "crash clip $i: a lantern on a pier, take $i" --image https://example.com/start.png --yes >/dev/null
done
start_wait() {
  ./alice video wait --library "$lib" --config "$cfg" >>"$WORK/wait.out" 2>&1 &
  echo $!
}
active() { ./alice video list --library "$lib" --config "$cfg" --json | grep -cE '"state":"(pending|submitting|queued|running|downloading)"' || true; }
pid=$(start_wait)
k=0
started=$(date +%s)
while [ "$k" -lt "$KILLS" ] && [ $(( $(date +%s) - started )) -lt 600 ]; do
  sleep "$(( RANDOM % 4 + 1 )).$(( RANDOM % 10 ))"
  if kill -0 "$pid" 2>/dev/null; then
    pkill -9 -P "$pid" 2>/dev/null || true # a JVM the launcher did not exec into
    kill -9 "$pid" 2>/dev/null || true
    k=$(( k + 1 ))
    echo "kill $k at $(( $(date +%s) - started )) s: fake provider $(cat "$FAKE_STATS")"
  elif [ "$(active)" = 0 ]; then
    echo "every job finished after $k kills"
    break
  fi
  pid=$(start_wait)
done
while kill -0 "$pid" 2>/dev/null; do sleep 0.5; done
./alice video wait --library "$lib" --config "$cfg" >>"$WORK/wait.out" 2>&1 || true

states=$(./alice video list --library "$lib" --config "$cfg" --json | grep -o '"state":"[a-z]*"' | sort | uniq -c | tr '\n' ' ')
clips=$(find "$lib" -path "$lib/.alice" -prune -o -type f -name '*.mp4' -print | wc -l)
distinct=$(find "$lib" -path "$lib/.alice" -prune -o -type f -name '*.mp4' -print0 | xargs -0 -r sha256sum | cut -d' ' -f1 | sort -u | wc -l)
partial=$(find "$lib" -type f \( -path '*/partial/*' -o -name '*.part' -o -name '*.tmp' \) | wc -l)
echo "kills: $k"
echo "jobs: $states"
echo "fake provider: $(cat "$FAKE_STATS")"
echo "clips in the library: $clips ($distinct distinct); partial files: $partial"
check=clean
./alice check --library "$lib" >/dev/null 2>&1 || check=problems
echo "alice check: $check"
submits=$(sed -E 's/.*submits=([0-9]+).*/\1/' "$FAKE_STATS")
ok=1
[ "$submits" = "$JOBS" ] || ok=0
[ "$clips" = "$JOBS" ] && [ "$distinct" = "$JOBS" ] && [ "$partial" = 0 ] && [ "$check" = clean ] || ok=0
echo "$states" | grep -q "$JOBS \"state\":\"succeeded\"" || ok=0
[ "$ok" = 1 ] && echo "PASS" || { echo "FAIL"; exit 1; }
