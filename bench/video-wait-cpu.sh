#!/usr/bin/env bash
# Issue 17: "50 jobs in flight against a fake provider for 10 minutes: the polling process uses < 2 % of one core".
# The real `alice video wait` process (JVM, HTTP client, catalog; everything it runs) advances JOBS jobs that the
# fake fal queue — a process of its own, not counted — keeps queued for ever; its CPU (utime + stime from /proc)
# is read after a warm-up and again MINUTES later.
#   bench/video-wait-cpu.sh [JOBS=50] [MINUTES=10]
set -euo pipefail
cd "$(dirname "$0")/.."
JOBS="${1:-50}"
MINUTES="${2:-10}"
WORK="$(mktemp -d /tmp/alice-video-cpu.XXXXXX)"
READS=1000000000
# shellcheck source=video-fake.sh
. bench/video-fake.sh
lib="$WORK/library"
printf 'video:\n  concurrency: {fal: %d}\n' "$JOBS" > "$WORK/config.yaml"
./alice video list --library "$lib" --config "$WORK/config.yaml" >/dev/null # builds, warms the class-data archive
for i in $(seq 1 "$JOBS"); do
  ./alice video generate --library "$lib" --config "$WORK/config.yaml" --provider fal --model "$MODEL" \
    --prompt "bench clip $i, a different prompt each time" --image https://example.com/start.png --yes \
    >/dev/null
done
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
ALICE_JAVA_OPTS="${WAIT_JAVA_OPTS:-}" ./alice video wait --library "$lib" --config "$WORK/config.yaml" >"$WORK/wait.out" 2>&1 &
pid=$!
ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; } # utime + stime, in clock ticks
hz=$(getconf CLK_TCK)
sleep 30 # JVM start, JIT warm-up, every job submitted
c0=$(ticks); s0=$(cat "$FAKE_STATS"); t0=$(date +%s.%N)
sleep "$(( MINUTES * 60 ))"
c1=$(ticks); s1=$(cat "$FAKE_STATS"); t1=$(date +%s.%N)
kill "$pid"
awk -v c0="$c0" -v c1="$c1" -v hz="$hz" -v t0="$t0" -v t1="$t1" -v jobs="$JOBS" 'BEGIN {
  cpu = (c1 - c0) / hz; wall = t1 - t0;
  printf "jobs=%d wall=%.1f s cpu=%.2f s share_of_one_core=%.2f %%\n", jobs, wall, cpu, 100 * cpu / wall }'
echo "fake provider at start: $s0"
echo "fake provider at end:   $s1"
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg)"
